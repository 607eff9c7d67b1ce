import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Settings, WorkspaceInfo } from '../api/types'

vi.mock('../api/workspace', () => ({
  info: vi.fn(),
  uiReady: vi.fn(),
  settings: vi.fn(),
  saveSettings: vi.fn(),
  setLogo: vi.fn(),
  logo: vi.fn(),
  loadDemo: vi.fn(),
  cancelJob: vi.fn(),
  about: vi.fn(),
}))

import * as api from '../api/workspace'
import { ApiError } from '../api/errors'

function settings(over: Partial<Settings> = {}): Settings {
  return {
    language: 'en',
    country: 'DK',
    currency: 'DKK',
    theme: 'system',
    business: { name: '', street: '', postcode: '', city: '', country: '', regNo: '', email: '', phone: '', website: '', hasLogo: false },
    setup: true,
    contactColumns: ['name', 'email'],
    ...over,
  }
}
function info(s: Settings): WorkspaceInfo {
  return { dir: '/data', file: '/data/directdesk.db', version: '1.0', counts: { contacts: 3, orders: 0, products: 0, demo: 0 }, settings: s, demoContacts: 0 }
}

// The module keeps "UIReady was sent" for the life of the page, so each test gets a fresh copy.
async function freshStore() {
  vi.resetModules()
  const mod = await import('./app')
  return mod.useAppStore()
}
const currentI18n = async () => (await import('../i18n')).i18n

beforeEach(() => {
  setActivePinia(createPinia())
  vi.mocked(api.info).mockReset()
  vi.mocked(api.uiReady).mockReset().mockResolvedValue(undefined)
  vi.mocked(api.saveSettings).mockReset()
  vi.mocked(api.logo).mockReset().mockResolvedValue('')
})

describe('app store', () => {
  it('opens the workspace, applies its language and tells the backend the UI is up, once', async () => {
    vi.mocked(api.info).mockResolvedValue(info(settings({ language: 'sv' })))
    const app = await freshStore()
    await app.bootstrap('desktop')
    expect(app.status).toBe('ready')
    expect(app.language).toBe('sv')
    expect(app.needsSetup).toBe(false)
    expect(api.uiReady).toHaveBeenCalledWith('desktop')
    await app.bootstrap('desktop')
    expect(api.uiReady).toHaveBeenCalledTimes(1)
  })

  it('starts a new workspace in the language the browser speaks', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['nb-NO', 'en'])
    vi.mocked(api.info).mockResolvedValue(info(settings({ setup: false, language: 'en' })))
    const app = await freshStore()
    await app.bootstrap('browser')
    expect(app.needsSetup).toBe(true)
    expect(app.language).toBe('nb')
    expect(api.uiReady).toHaveBeenCalledWith('browser')
  })

  it('shows why when the workspace is locked, and still reports the start', async () => {
    vi.mocked(api.info).mockRejectedValue('{"code":"locked","message":"Open elsewhere.","details":{"dir":"/data"}}')
    const app = await freshStore()
    await app.bootstrap('desktop')
    expect(app.status).toBe('fatal')
    expect(app.fatal?.code).toBe('locked')
    expect(app.fatal?.details.dir).toBe('/data')
    expect(api.uiReady).toHaveBeenCalledTimes(1)
  })

  it('switches the UI language at once and stores it', async () => {
    vi.mocked(api.info).mockResolvedValue(info(settings()))
    vi.mocked(api.saveSettings).mockImplementation(async (s) => s)
    const app = await freshStore()
    await app.bootstrap('desktop')
    await app.changeLanguage('ru')
    expect((await currentI18n()).global.locale.value).toBe('ru')
    expect(vi.mocked(api.saveSettings).mock.calls[0][0].language).toBe('ru')
    expect(app.settings?.language).toBe('ru')
  })

  it('puts the columns back when they could not be saved', async () => {
    vi.mocked(api.info).mockResolvedValue(info(settings()))
    vi.mocked(api.saveSettings).mockRejectedValue(new ApiError('internal', 'disk full'))
    const app = await freshStore()
    await app.bootstrap('desktop')
    await expect(app.saveColumns(['name', 'city'])).rejects.toMatchObject({ code: 'internal' })
    expect(app.columns).toEqual(['name', 'email'])
  })
})
