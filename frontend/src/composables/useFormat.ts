import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { isLanguage } from '../i18n'
import type { LanguageCode } from '../api/types'
import {
  countryName,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPhone,
  formatToday,
  languageName,
} from '../utils/format'

/** Formatting helpers bound to the current UI language. */
export function useFormat() {
  const { locale } = useI18n()
  const lang = computed<LanguageCode>(() => (isLanguage(locale.value) ? locale.value : 'en'))
  return {
    lang,
    number: (n: number) => formatNumber(n, lang.value),
    date: (iso: string) => formatDate(iso, lang.value),
    dateTime: (iso: string) => formatDateTime(iso, lang.value),
    today: () => formatToday(lang.value),
    country: (code: string) => countryName(code, lang.value),
    language: (code: string) => languageName(code, lang.value),
    phone: formatPhone,
  }
}
