// The one place that subscribes to backend events.
import { EventsOn } from '../../wailsjs/runtime/runtime'
import type { JobDone, JobProgress } from './types'
import type { MailingStatus } from './email'

export interface AppEvents {
  'job:progress': JobProgress
  'job:done': JobDone
  'email:status': MailingStatus
  /** The background check found the open workspace file damaged (a marketing.Error). */
  'workspace:damaged': Record<string, unknown>
}

/** Subscribes to a backend event; returns the function that unsubscribes. */
export function onEvent<K extends keyof AppEvents>(name: K, cb: (payload: AppEvents[K]) => void): () => void {
  if (typeof window === 'undefined' || !(window as { runtime?: unknown }).runtime) {
    return () => {}
  }
  return EventsOn(name, (payload: AppEvents[K]) => cb(payload))
}
