import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as api from '../api/consent'
import { parseError, type ApiError } from '../api/errors'
import type { ContactConsent, NewConsent, RulesInfo } from '../api/consent'
import { rememberBy } from '../utils/consent'

/**
 * Consent per contact (the drawer's panel) and the country rules (the
 * Rules tab). Recording an answer reloads the contact's state, so the
 * panel shows the answer that now stands and the history at once.
 */
export const useConsentStore = defineStore('consent', () => {
  const byContact = ref<Record<number, ContactConsent>>({})
  const loading = ref(false)
  const saving = ref(false)
  const error = ref<ApiError | null>(null)
  const rules = ref<RulesInfo | null>(null)
  let seq = 0

  async function load(contactId: number): Promise<ContactConsent | null> {
    const my = ++seq
    loading.value = true
    error.value = null
    try {
      const c = await api.contactConsent(contactId)
      byContact.value = { ...byContact.value, [contactId]: c }
      return c
    } catch (e) {
      if (my === seq) error.value = parseError(e)
      return null
    } finally {
      if (my === seq) loading.value = false
    }
  }

  /** Records an answer; throws the backend's error (the dialog shows it under its field). */
  async function record(contactId: number, ev: NewConsent): Promise<ContactConsent | null> {
    saving.value = true
    try {
      await api.record(contactId, ev)
      rememberBy(ev.by)
    } finally {
      saving.value = false
    }
    return load(contactId)
  }

  async function loadRules(): Promise<RulesInfo | null> {
    try {
      rules.value = await api.rules()
      error.value = null
    } catch (e) {
      error.value = parseError(e)
    }
    return rules.value
  }

  return { byContact, loading, saving, error, rules, load, record, loadRules }
})
