// Errors from the Go backend arrive as a JSON string:
// {"code":"invalid","message":"...","field":"email","row":0,"details":{"example":"2100"}}
// parseError turns anything a bound method may reject with into an ApiError;
// translateError picks the best translation for it.

export const errorCodes = [
  'invalid',
  'not_found',
  'conflict',
  'unsupported_file',
  'too_large',
  'consent_missing',
  'locked',
  'canceled',
  'damaged',
  'internal',
] as const
/** A known code, or one a newer backend added (translated by its message). */
export type ErrorCode = (typeof errorCodes)[number] | (string & {})

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly field: string
  readonly row: number
  readonly details: Record<string, string>

  constructor(code: ErrorCode, message: string, field = '', details: Record<string, string> = {}, row = 0) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.field = field
    this.details = details
    this.row = row
  }
}

function fromObject(o: Record<string, unknown>, fallbackText: string): ApiError {
  const code: ErrorCode = typeof o.code === 'string' && o.code !== '' ? o.code : 'internal'
  const message = typeof o.message === 'string' && o.message !== '' ? o.message : fallbackText
  const field = typeof o.field === 'string' ? o.field : ''
  const row = typeof o.row === 'number' ? o.row : 0
  const details: Record<string, string> = {}
  if (o.details && typeof o.details === 'object') {
    for (const [k, v] of Object.entries(o.details as Record<string, unknown>)) {
      details[k] = String(v)
    }
  }
  return new ApiError(code, message, field, details, row)
}

/** Converts whatever a backend call rejected with into an ApiError. */
export function parseError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  if (typeof e === 'string') {
    const text = e.trim()
    if (text.startsWith('{')) {
      try {
        const o = JSON.parse(text) as unknown
        if (o && typeof o === 'object' && !Array.isArray(o)) {
          return fromObject(o as Record<string, unknown>, text)
        }
      } catch {
        // not JSON: fall through
      }
    }
    return new ApiError('internal', text)
  }
  if (e instanceof Error) {
    // Some transports wrap the JSON text in an Error.
    if (e.message.trim().startsWith('{')) {
      const parsed = parseError(e.message)
      if (parsed.code !== 'internal' || parsed.message !== e.message.trim()) return parsed
    }
    return new ApiError('internal', e.message)
  }
  if (e && typeof e === 'object') {
    return fromObject(e as Record<string, unknown>, '')
  }
  return new ApiError('internal', String(e ?? ''))
}

/** The part of vue-i18n translateError needs (works with useI18n() and i18n.global). */
export interface Translator {
  t: (key: string, named: Record<string, unknown>) => string
  te: (key: string) => boolean
}

/** The i18n keys tried for an error, most specific first. */
export function errorKeys(err: ApiError): string[] {
  const keys: string[] = []
  if (err.field) {
    // details.reason says which rule failed, e.g. a date "in the future" or "too_old".
    const reason = err.details.reason
    if (reason && /^[a-z][a-z0-9_]*$/.test(reason)) keys.push(`errors.field.${err.field}.${err.code}_${reason}`)
    keys.push(`errors.field.${err.field}.${err.code}`)
  }
  keys.push(`errors.${err.code}`)
  return keys
}

/**
 * Translates an error: errors.field.<field>.<code>_<reason> (when the
 * details name a reason), then errors.field.<field>.<code>, then
 * errors.<code>, then the backend's own (English) message.
 */
export function translateError(err: ApiError, i18n: Translator): string {
  const params: Record<string, unknown> = { ...err.details, message: err.message }
  for (const key of errorKeys(err)) {
    if (i18n.te(key)) return i18n.t(key, params)
  }
  return err.message
}
