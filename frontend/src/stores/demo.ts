import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as workspaceApi from '../api/workspace'
import { onEvent } from '../api/events'
import { ApiError, parseError } from '../api/errors'
import { useAppStore } from './app'

export const DEMO_CONTACTS = 2500
const JOB = 'demo'

export type DemoResult = { ok: true; contacts: number } | { ok: false; error: ApiError }

/** Loading demo data: progress from job events, and a cancel button. */
export const useDemoStore = defineStore('demo', () => {
  const running = ref(false)
  const done = ref(0)
  const total = ref(0)
  const cancelling = ref(false)

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

  return { running, done, total, cancelling, load, cancel }
})
