import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as workspaceApi from '../api/workspace'
import { onEvent } from '../api/events'
import { ApiError, parseError } from '../api/errors'
import type { AboutInfo, ContactColumn, LanguageCode, Settings, ThemeSetting, WorkspaceInfo } from '../api/types'
import { contactColumnKeys } from '../api/types'
import { detectLanguage, isLanguage, setLanguage } from '../i18n'

export type AppStatus = 'loading' | 'ready' | 'fatal'

export const defaultColumns: ContactColumn[] = ['name', 'company', 'email', 'mobile', 'city', 'country', 'tags']

let uiReadySent = false

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}

/** Workspace, settings and the things every screen shares. */
export const useAppStore = defineStore('app', () => {
  const status = ref<AppStatus>('loading')
  const fatal = ref<ApiError | null>(null)
  const info = ref<WorkspaceInfo | null>(null)
  const settings = ref<Settings | null>(null)
  const logo = ref('')
  const about = ref<AboutInfo | null>(null)

  // Damage the background check finds later shows the damaged screen too.
  onEvent('workspace:damaged', (e) => {
    fatal.value = parseError(e)
    status.value = 'fatal'
  })

  const language = computed<LanguageCode>(() => settings.value?.language ?? 'en')
  const theme = computed<ThemeSetting>(() => settings.value?.theme ?? 'system')
  const needsSetup = computed(() => status.value === 'ready' && settings.value !== null && !settings.value.setup)
  const contactCount = computed(() => info.value?.counts.contacts ?? 0)
  const columns = computed<ContactColumn[]>(() => {
    const cols = (settings.value?.contactColumns ?? []).filter((c) => (contactColumnKeys as readonly string[]).includes(c))
    return cols.length ? cols : defaultColumns
  })

  function applySettings(s: Settings) {
    const fixed: Settings = {
      ...s,
      theme: s.theme || 'system',
      business: { ...s.business },
      contactColumns: s.contactColumns && s.contactColumns.length ? [...s.contactColumns] : [...defaultColumns],
    }
    settings.value = fixed
    if (info.value) info.value = { ...info.value, settings: fixed }
    setLanguage(fixed.language)
  }

  /** Opens the workspace: on failure the whole window explains why. */
  async function bootstrap(client = typeof window !== 'undefined' && window.directdeskBrowserMode ? 'browser' : 'desktop') {
    status.value = 'loading'
    fatal.value = null
    try {
      const i = await workspaceApi.info()
      info.value = i
      const s = clone(i.settings)
      if (!s.setup) {
        // A new workspace: start in the language the computer speaks.
        s.language = detectLanguage()
      } else if (!isLanguage(s.language)) {
        s.language = 'en'
      }
      applySettings(s)
      status.value = 'ready'
    } catch (e) {
      const err = parseError(e)
      fatal.value = err
      status.value = 'fatal'
      setLanguage(detectLanguage())
    }
    if (!uiReadySent) {
      uiReadySent = true
      workspaceApi.uiReady(client).catch(() => {
        // Only the smoke test reads this; a failure must not block the UI.
      })
    }
    if (status.value === 'ready' && settings.value?.business.hasLogo) {
      await loadLogo()
    }
  }

  async function refreshInfo() {
    const i = await workspaceApi.info()
    info.value = { ...i, settings: settings.value ?? i.settings }
    return info.value
  }

  /** Validates and stores settings; rejects with an ApiError (field errors included). */
  async function saveSettings(s: Settings): Promise<Settings> {
    const saved = await workspaceApi.saveSettings(clone(s))
    applySettings(saved)
    return saved
  }

  /** Changes the UI language at once, and stores it when the workspace is set up. */
  async function changeLanguage(lang: LanguageCode, persist = true) {
    setLanguage(lang)
    if (!settings.value) return
    settings.value = { ...settings.value, language: lang }
    if (persist) await saveSettings(settings.value)
  }

  async function changeTheme(t: ThemeSetting) {
    if (!settings.value) return
    await saveSettings({ ...settings.value, theme: t })
  }

  async function saveColumns(cols: ContactColumn[]) {
    if (!settings.value) return
    const previous = settings.value
    settings.value = { ...previous, contactColumns: [...cols] }
    try {
      await saveSettings(settings.value)
    } catch (e) {
      settings.value = previous
      throw e
    }
  }

  async function loadLogo() {
    try {
      logo.value = await workspaceApi.logo()
    } catch {
      logo.value = ''
    }
  }

  /** Stores the picture at path as the logo; "" removes it. */
  async function setLogo(path: string) {
    logo.value = await workspaceApi.setLogo(path)
    if (settings.value) settings.value = { ...settings.value, business: { ...settings.value.business, hasLogo: logo.value !== '' } }
    return logo.value
  }

  async function loadAbout() {
    about.value = await workspaceApi.about()
    return about.value
  }

  return {
    status,
    fatal,
    info,
    settings,
    logo,
    about,
    language,
    theme,
    needsSetup,
    contactCount,
    columns,
    bootstrap,
    refreshInfo,
    saveSettings,
    changeLanguage,
    changeTheme,
    saveColumns,
    loadLogo,
    setLogo,
    loadAbout,
  }
})
