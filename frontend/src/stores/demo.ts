import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as workspaceApi from '../api/workspace'
import { onEvent } from '../api/events'
import { ApiError, parseError } from '../api/errors'
import { useAppStore } from './app'
import { useContactsStore } from './contacts'

export const DEMO_CONTACTS = 2500
const JOB = 'demo'

export type DemoResult = { ok: true; contacts: number } | { ok: false; error: ApiError }

/** Loading demo data (progress from job events, and a cancel button) and removing it again. */
export const useDemoStore = defineStore('demo', () => {
  const running = ref(false)
  const done = ref(0)
  const total = ref(0)
  const cancelling = ref(false)
  const removing = ref(false)

  onEvent('job:progress', (p) => {
    if (p.job !== JOB) return
    done.value = p.done
    total.value = p.total
  })

  async function load(n = DEMO_CONTACTS): Promise<DemoResult> {
    if (running.value) return { ok: false, error: new ApiError('conflict', 'Already running') }
    const app = useAppStore()
    running.value = true
    cancelling.value = false
    done.value = 0
    total.value = n
    try {
      const info = await workspaceApi.loadDemo(n)
      app.info = { ...info, settings: app.settings ?? info.settings }
      return { ok: true, contacts: info.counts.contacts }
    } catch (e) {
      await app.refreshInfo().catch(() => undefined)
      return { ok: false, error: parseError(e) }
    } finally {
      running.value = false
      cancelling.value = false
    }
  }

  async function cancel() {
    cancelling.value = true
    try {
      await workspaceApi.cancelJob(JOB)
    } catch {
      cancelling.value = false
    }
  }

  /**
   * Deletes the demo contacts with their orders, and the demo products;
   * contacts the user added stay. Resolves to how many contacts were deleted;
   * rejects with an ApiError. The contact list starts over without filters
   * (they were most likely the demo's).
   */
  async function remove(): Promise<number> {
    const app = useAppStore()
    const contacts = useContactsStore()
    removing.value = true
    try {
      const before = app.info?.counts.contacts ?? 0
      let info
      try {
        info = await workspaceApi.removeDemo()
      } catch (e) {
        await app.refreshInfo().catch(() => undefined)
        throw parseError(e)
      }
      app.info = { ...info, settings: app.settings ?? info.settings }
      await Promise.all([contacts.clearFilters(), contacts.loadFacets()])
      return Math.max(0, before - info.counts.contacts)
    } finally {
      removing.value = false
    }
  }

  return { running, done, total, cancelling, removing, load, cancel, remove }
})
