// Formatting through Intl in the UI language. Every function takes the
// language so it can be used from stores, tests and components alike.
import { localeTags } from '../i18n'
import type { Contact, LanguageCode } from '../api/types'

const tag = (lang: LanguageCode) => localeTags[lang] ?? 'en-GB'

const numberCache = new Map<string, Intl.NumberFormat>()
export function formatNumber(n: number, lang: LanguageCode): string {
  let f = numberCache.get(lang)
  if (!f) {
    f = new Intl.NumberFormat(tag(lang))
    numberCache.set(lang, f)
  }
  return f.format(n)
}

/** Parses "YYYY-MM-DD" as a calendar date (no time zone shift). */
export function parseDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return null
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return Number.isNaN(d.getTime()) ? null : d
}

/** A calendar date ("YYYY-MM-DD") in the user's style, e.g. 27. sep. 1964. */
export function formatDate(iso: string, lang: LanguageCode): string {
  if (!iso) return ''
  const d = parseDate(iso.slice(0, 10))
  if (!d) return iso
  return new Intl.DateTimeFormat(tag(lang), { dateStyle: 'medium' }).format(d)
}

/** A UTC timestamp shown in local time, e.g. 23. nov. 2026 14:05. */
export function formatDateTime(iso: string, lang: LanguageCode): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(tag(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(d)
}

/** Today as a long date, e.g. "Monday 23 November 2026". */
export function formatToday(lang: LanguageCode, now = new Date()): string {
  return new Intl.DateTimeFormat(tag(lang), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(now)
}

const regionCache = new Map<string, Intl.DisplayNames>()
/** The country's name in the UI language ("DK" -> "Danmark"). */
export function countryName(code: string, lang: LanguageCode): string {
  if (!code) return ''
  let dn = regionCache.get(lang)
  if (!dn) {
    dn = new Intl.DisplayNames([tag(lang)], { type: 'region' })
    regionCache.set(lang, dn)
  }
  try {
    return dn.of(code.toUpperCase()) ?? code
  } catch {
    return code
  }
}

const languageCache = new Map<string, Intl.DisplayNames>()
/** A language's name in the UI language ("da" -> "Danish"). */
export function languageName(code: string, lang: LanguageCode): string {
  if (!code) return ''
  let dn = languageCache.get(lang)
  if (!dn) {
    dn = new Intl.DisplayNames([tag(lang)], { type: 'language' })
    languageCache.set(lang, dn)
  }
  try {
    const name = dn.of(code) ?? code
    return name.charAt(0).toLocaleUpperCase(tag(lang)) + name.slice(1)
  } catch {
    return code
  }
}

/** First, middle and last name; the company when there is no name. */
export function displayName(c: Pick<Contact, 'firstName' | 'middleName' | 'lastName' | 'company'>): string {
  const name = [c.firstName, c.middleName, c.lastName]
    .map((p) => (p ?? '').trim())
    .filter(Boolean)
    .join(' ')
  return name || (c.company ?? '').trim()
}

/** Initials for an avatar ("Anna Hansen" -> "AH"). */
export function initials(c: Pick<Contact, 'firstName' | 'lastName' | 'company'>): string {
  const a = (c.firstName ?? '').trim()
  const b = (c.lastName ?? '').trim()
  if (a || b) return ((a[0] ?? '') + (b[0] ?? '')).toLocaleUpperCase()
  return ((c.company ?? '').trim()[0] ?? '?').toLocaleUpperCase()
}

function groups(digits: string, sizes: number[], sep = ' '): string {
  const out: string[] = []
  let i = 0
  for (const s of sizes) {
    if (i >= digits.length) break
    out.push(digits.slice(i, i + s))
    i += s
  }
  if (i < digits.length) out.push(digits.slice(i))
  return out.join(sep)
}

/**
 * Shows an E.164 number the way people write it in its country:
 * +45 22 50 11 48, +46 70 123 45 67, +47 412 34 567, +7 916 123-45-67.
 * Numbers it does not recognise are returned unchanged.
 */
export function formatPhone(e164: string): string {
  const v = (e164 ?? '').trim()
  if (!/^\+\d{6,15}$/.test(v)) return v
  const d = v.slice(1)
  if (d.startsWith('45') && d.length === 10) return '+45 ' + groups(d.slice(2), [2, 2, 2, 2])
  if (d.startsWith('47') && d.length === 10) {
    const n = d.slice(2)
    return '+47 ' + (/^[49]/.test(n) ? groups(n, [3, 2, 3]) : groups(n, [2, 2, 2, 2]))
  }
  if (d.startsWith('46')) {
    const n = d.slice(2)
    if (n.startsWith('7') && n.length === 9) return '+46 ' + groups(n, [2, 3, 2, 2])
    if (n.startsWith('8')) return '+46 8 ' + groups(n.slice(1), n.length === 9 ? [3, 3, 2] : [3, 2, 2])
    return '+46 ' + groups(n, [2, 3, 2, 2])
  }
  if (d.startsWith('7') && d.length === 11) {
    const n = d.slice(1)
    return `+7 ${n.slice(0, 3)} ${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8)}`
  }
  if (d.startsWith('358')) return '+358 ' + groups(d.slice(3), [2, 3, 2, 2])
  if (d.startsWith('49')) return '+49 ' + groups(d.slice(2), [3, 4, 4])
  if (d.startsWith('44')) return '+44 ' + groups(d.slice(2), [4, 6])
  if (d.startsWith('1') && d.length === 11) return `+1 ${d.slice(1, 4)} ${d.slice(4, 7)} ${d.slice(7)}`
  return v
}

/** Date-picker display formats per language (date-fns tokens). */
export const datePickerFormats: Record<LanguageCode, string> = {
  en: 'dd/MM/yyyy',
  da: 'dd-MM-yyyy',
  sv: 'yyyy-MM-dd',
  nb: 'dd.MM.yyyy',
  ru: 'dd.MM.yyyy',
}
