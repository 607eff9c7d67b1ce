import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as api from '../api/privacy'
import { ApiError, parseError } from '../api/errors'
import type { ExcludedPage, ExcludedQuery, ExcludedSelection, RegisterImport, RegisterName, RegisterPreview, RegisterStatus } from '../api/privacy'

/**
 * The do-not-contact registers (Privacy screen, Registers tab) and the
 * "see who" lists of every preflight.
 */
export const usePrivacyStore = defineStore('privacy', () => {
  const registers = ref<RegisterStatus[]>([])
  const loaded = ref(false)
  const error = ref<ApiError | null>(null)
  const importing = ref<RegisterName | ''>('')
  /** The registers as Home's warning needs them: no match counts, so no scan of every contact. */
  const warnings = ref<RegisterStatus[]>([])

  async function loadRegisters() {
    try {
      registers.value = await api.registers()
      error.value = null
    } catch (e) {
      error.value = parseError(e)
    } finally {
      loaded.value = true
    }
  }

  /** Home's warning: a failure only hides the warning. */
  async function loadWarnings() {
    try {
      warnings.value = await api.registerWarnings()
    } catch {
      warnings.value = []
    }
  }

  /** Reads a file without storing it: the columns found and the usable rows. */
  function previewRegister(path: string, register: RegisterName): Promise<RegisterPreview> {
    return api.previewRegister(path, register)
  }

  /** Stores the file in place of the one before; the list is reloaded either way. */
  async function importRegister(path: string, register: RegisterName, listDate: string): Promise<RegisterImport> {
    importing.value = register
    try {
      return await api.importRegister(path, register, listDate)
    } finally {
      importing.value = ''
      await loadRegisters()
    }
  }

  function cancelImport(): Promise<boolean> {
    return api.cancelRegister()
  }

  async function removeRegister(register: RegisterName): Promise<ApiError | null> {
    try {
      await api.removeRegister(register)
    } catch (e) {
      return parseError(e)
    }
    await loadRegisters()
    return null
  }

  function registerMatches(register: RegisterName, offset: number, limit: number): Promise<ExcludedPage> {
    return api.registerMatches(register, offset, limit)
  }

  function excluded(q: ExcludedQuery, selection: ExcludedSelection | null, offset: number, limit: number): Promise<ExcludedPage> {
    return api.excluded(q, selection, offset, limit)
  }

  return { registers, warnings, loaded, error, importing, loadRegisters, loadWarnings, previewRegister, importRegister, cancelImport, removeRegister, registerMatches, excluded }
})
