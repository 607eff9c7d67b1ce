import { createI18n } from 'vue-i18n'
import en from './locales/en.json'
import da from './locales/da.json'
import sv from './locales/sv.json'
import nb from './locales/nb.json'
import ru from './locales/ru.json'
// Screens with many words keep them in their own files (merged at the top
// level below), so their texts can be edited without touching the rest.
import docEn from './locales/documents/en.json'
import docDa from './locales/documents/da.json'
import docSv from './locales/documents/sv.json'
import docNb from './locales/documents/nb.json'
import docRu from './locales/documents/ru.json'
import printEn from './locales/print/en.json'
import printDa from './locales/print/da.json'
import printSv from './locales/print/sv.json'
import printNb from './locales/print/nb.json'
import printRu from './locales/print/ru.json'
import prodEn from './locales/products/en.json'
import prodDa from './locales/products/da.json'
import prodSv from './locales/products/sv.json'
import prodNb from './locales/products/nb.json'
import prodRu from './locales/products/ru.json'
import mailEn from './locales/mailing/en.json'
import mailDa from './locales/mailing/da.json'
import mailSv from './locales/mailing/sv.json'
import mailNb from './locales/mailing/nb.json'
import mailRu from './locales/mailing/ru.json'
import emailEn from './locales/email/en.json'
import emailDa from './locales/email/da.json'
import emailSv from './locales/email/sv.json'
import emailNb from './locales/email/nb.json'
import emailRu from './locales/email/ru.json'
import campEn from './locales/campaign/en.json'
import campDa from './locales/campaign/da.json'
import campSv from './locales/campaign/sv.json'
import campNb from './locales/campaign/nb.json'
import campRu from './locales/campaign/ru.json'
import workEn from './locales/work/en.json'
import workDa from './locales/work/da.json'
import workSv from './locales/work/sv.json'
import workNb from './locales/work/nb.json'
import workRu from './locales/work/ru.json'
import resEn from './locales/results/en.json'
import resDa from './locales/results/da.json'
import resSv from './locales/results/sv.json'
import resNb from './locales/results/nb.json'
import resRu from './locales/results/ru.json'
import privEn from './locales/privacy/en.json'
import privDa from './locales/privacy/da.json'
import privSv from './locales/privacy/sv.json'
import privNb from './locales/privacy/nb.json'
import privRu from './locales/privacy/ru.json'
import gdprEn from './locales/gdpr/en.json'
import gdprDa from './locales/gdpr/da.json'
import gdprSv from './locales/gdpr/sv.json'
import gdprNb from './locales/gdpr/nb.json'
import gdprRu from './locales/gdpr/ru.json'
import bakEn from './locales/backup/en.json'
import bakDa from './locales/backup/da.json'
import bakSv from './locales/backup/sv.json'
import bakNb from './locales/backup/nb.json'
import bakRu from './locales/backup/ru.json'
import consEn from './locales/consent/en.json'
import consDa from './locales/consent/da.json'
import consSv from './locales/consent/sv.json'
import consNb from './locales/consent/nb.json'
import consRu from './locales/consent/ru.json'
import type { LanguageCode } from '../api/types'

export type MessageSchema = typeof en & typeof docEn & typeof printEn & typeof prodEn & typeof mailEn & typeof emailEn & typeof campEn & typeof workEn & typeof resEn & typeof privEn & typeof gdprEn & typeof bakEn & typeof consEn

export const languages: LanguageCode[] = ['en', 'da', 'sv', 'nb', 'ru']

/** Each language's own name, as it is shown in language pickers. */
export const languageNames: Record<LanguageCode, string> = {
  en: 'English',
  da: 'Dansk',
  sv: 'Svenska',
  nb: 'Norsk (bokmål)',
  ru: 'Русский',
}

/** BCP 47 tags used with Intl for dates and numbers. */
export const localeTags: Record<LanguageCode, string> = {
  en: 'en-GB',
  da: 'da-DK',
  sv: 'sv-SE',
  nb: 'nb-NO',
  ru: 'ru-RU',
}

export function isLanguage(v: unknown): v is LanguageCode {
  return typeof v === 'string' && (languages as string[]).includes(v)
}

/** Picks the UI language from the browser's languages (da, sv, nb/no/nn, ru, else en). */
export function detectLanguage(list: readonly string[] = navigatorLanguages()): LanguageCode {
  for (const tag of list) {
    const base = tag.toLowerCase().split(/[-_]/)[0]
    if (base === 'da' || base === 'sv' || base === 'ru' || base === 'en') return base
    if (base === 'nb' || base === 'no' || base === 'nn') return 'nb'
  }
  return 'en'
}

function navigatorLanguages(): string[] {
  if (typeof navigator === 'undefined') return []
  if (navigator.languages && navigator.languages.length) return [...navigator.languages]
  return navigator.language ? [navigator.language] : []
}

/**
 * Russian has three plural forms for whole numbers: "one | few | many"
 * (1 контакт, 2 контакта, 5 контактов). Messages with counts in ru.json
 * always have exactly these three forms.
 */
export function russianPlural(choice: number, choicesLength: number): number {
  if (choicesLength < 3) return choice === 1 ? 0 : 1
  const n = Math.abs(choice)
  const mod10 = n % 10
  const mod100 = n % 100
  if (mod10 === 1 && mod100 !== 11) return 0
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 1
  return 2
}

/** "one | other" for the other languages. */
export function defaultPlural(choice: number, choicesLength: number): number {
  if (choicesLength < 2) return 0
  return Math.abs(choice) === 1 ? 0 : 1
}

type Tree = { [k: string]: string | Tree }

/** Merges area files into the base messages, nested objects key by key (help.*, nav.*). */
function merged(...trees: object[]): Tree {
  const out: Tree = {}
  for (const tree of trees as Tree[]) {
    for (const [k, v] of Object.entries(tree)) {
      const have = out[k]
      out[k] = typeof v === 'object' && typeof have === 'object' ? merged(have, v) : v
    }
  }
  return out
}

export const messages = {
  en: merged(en, docEn, printEn, prodEn, mailEn, emailEn, campEn, workEn, resEn, privEn, gdprEn, bakEn, consEn),
  da: merged(da, docDa, printDa, prodDa, mailDa, emailDa, campDa, workDa, resDa, privDa, gdprDa, bakDa, consDa),
  sv: merged(sv, docSv, printSv, prodSv, mailSv, emailSv, campSv, workSv, resSv, privSv, gdprSv, bakSv, consSv),
  nb: merged(nb, docNb, printNb, prodNb, mailNb, emailNb, campNb, workNb, resNb, privNb, gdprNb, bakNb, consNb),
  ru: merged(ru, docRu, printRu, prodRu, mailRu, emailRu, campRu, workRu, resRu, privRu, gdprRu, bakRu, consRu),
}

export const i18n = createI18n({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: messages as unknown as Record<LanguageCode, MessageSchema>,
  pluralRules: { ru: russianPlural, en: defaultPlural, da: defaultPlural, sv: defaultPlural, nb: defaultPlural },
  missingWarn: false,
  fallbackWarn: false,
})

/** The current UI language. */
export function currentLanguage(): LanguageCode {
  const l = i18n.global.locale.value
  return isLanguage(l) ? l : 'en'
}

/** Switches the UI language at once (messages, html lang). */
export function setLanguage(lang: LanguageCode): void {
  i18n.global.locale.value = lang
  if (typeof document !== 'undefined') document.documentElement.lang = lang
}
