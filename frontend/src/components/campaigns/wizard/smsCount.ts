// SMS length as providers bill it, mirroring backend/marketing/sms.go: a
// text that fits the GSM 03.38 alphabet (which has the Nordic Æ Ø Å Ä Ö and
// é, ü, ñ ...) goes as GSM-7, 160 characters in one message or 153 per part
// when split; anything else (Cyrillic, emoji, the Icelandic ð) makes the
// whole text UCS-2: 70 in one, 67 per part. Counted here as the user types;
// the backend counts each person's real message when a touch is released.

const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'

/** Characters that take two septets (an escape and the character). */
const gsmExtended = '\f^{}\\[~]|€'

const basicSet = new Set(gsmBasic)
const extendedSet = new Set(gsmExtended)

export type SMSEncoding = 'gsm7' | 'ucs2'

export interface SMSCount {
  encoding: SMSEncoding
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number
  /** Messages billed (0 for an empty text). */
  parts: number
  /** Units that fit one part at this length (160/153 or 70/67). */
  perPart: number
  /** Units left in the last part. */
  left: number
  /** The characters that forced UCS-2 (at most 10, each once). */
  nonGsm: string[]
}

export const GSM_SINGLE = 160
export const GSM_MULTI = 153
export const UCS2_SINGLE = 70
export const UCS2_MULTI = 67

/** Counts an SMS text's parts exactly as marketing.CountSMS does. */
export function countSMS(text: string): SMSCount {
  let encoding: SMSEncoding = 'gsm7'
  let septets = 0
  const nonGsm: string[] = []
  for (const ch of text) {
    if (basicSet.has(ch)) septets++
    else if (extendedSet.has(ch)) septets += 2
    else {
      encoding = 'ucs2'
      if (!nonGsm.includes(ch) && nonGsm.length < 10) nonGsm.push(ch)
    }
  }
  const single = encoding === 'ucs2' ? UCS2_SINGLE : GSM_SINGLE
  const multi = encoding === 'ucs2' ? UCS2_MULTI : GSM_MULTI
  const units = encoding === 'ucs2' ? text.length : septets
  let parts = encoding === 'ucs2' ? ucs2Parts(text, single, multi) : gsmParts(text, single, multi)
  const perPart = units > single ? multi : single
  if (units === 0) {
    parts = 0
    return { encoding, units, parts, perPart, left: single, nonGsm }
  }
  let used = units - (parts - 1) * perPart
  if (parts > 1) {
    used = units % multi
    if (used === 0) used = multi
  }
  return { encoding, units, parts, perPart, left: Math.max(0, perPart - used), nonGsm }
}

/** Splits like a phone does: an escape and its character never straddle two parts. */
function gsmParts(text: string, single: number, multi: number): number {
  let total = 0
  for (const ch of text) total += extendedSet.has(ch) ? 2 : 1
  if (total <= single) return Math.min(1, total)
  let parts = 1
  let used = 0
  for (const ch of text) {
    const w = extendedSet.has(ch) ? 2 : 1
    if (used + w > multi) {
      parts++
      used = 0
    }
    used += w
  }
  return parts
}

/** Never splits a surrogate pair (an emoji) across two parts. */
function ucs2Parts(text: string, single: number, multi: number): number {
  if (text.length <= single) return Math.min(1, text.length)
  let parts = 1
  let used = 0
  for (const ch of text) {
    const w = ch.length
    if (used + w > multi) {
      parts++
      used = 0
    }
    used += w
  }
  return parts
}

/** Typical lengths of the fields an SMS uses most; others count as DEFAULT_FIELD_LENGTH. */
const fieldLengths: Record<string, number> = {
  first_name: 8,
  last_name: 10,
  name: 18,
  salutation: 18,
  response_code: 8,
  city: 10,
  company: 16,
}
export const DEFAULT_FIELD_LENGTH = 12

const fieldPattern = /\{\{\s*([^{}]+?)\s*\}\}/g

/** The fields ({{first_name}}) a text uses, each once. */
export function smsFields(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(fieldPattern)) if (!out.includes(m[1])) out.push(m[1])
  return out
}

/**
 * Counts a text with fields as a typical person's message: each field
 * stands for a plain word of its usual length. A name in another alphabet
 * (Cyrillic) makes that person's message UCS-2; the backend counts exactly
 * per person when the touch is released.
 */
export function estimateSMS(text: string): SMSCount & { fields: number } {
  const fields = smsFields(text).length
  const filled = text.replace(fieldPattern, (_, name: string) => 'x'.repeat(fieldLengths[name] ?? DEFAULT_FIELD_LENGTH))
  return { ...countSMS(filled), fields }
}
