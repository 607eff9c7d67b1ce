// Plain words for the GDPR tools: area names and audit lines.
import type { AuditEntry } from '../../../api/gdpr'

type T = (key: string, named?: Record<string, unknown>, plural?: number) => string
type TE = (key: string) => boolean

/** An area of a person's data in the user's language (gdpr.areas.<key>). */
export function areaLabel(key: string, t: T, te: TE): string {
  return te(`gdpr.areas.${key}`) ? t(`gdpr.areas.${key}`) : key
}

/** An audit action in plain words (gdpr.actions.<action>). */
export function actionLabel(action: string, t: T, te: TE): string {
  return te(`gdpr.actions.${action}`) ? t(`gdpr.actions.${action}`) : action
}

/** What an audit line's detail says, in plain words where it is known. */
export function auditDetail(e: AuditEntry, t: T): string {
  const d = e.detail ?? {}
  switch (e.action) {
    case 'person_export':
      if (d.files) return t('gdpr.audit.detail.files', { files: d.files })
      break
    case 'person_erase': {
      let rows = 0
      for (const [k, v] of Object.entries(d)) if (k !== 'hashes') rows += Number(v) || 0
      return t('gdpr.audit.detail.erased', { rows }, rows)
    }
    case 'retention_erase': {
      const n = Number(d.count) || 0
      return t('gdpr.audit.detail.retention', { n, years: d.years ?? '' }, n)
    }
  }
  return Object.entries(d)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ')
}
