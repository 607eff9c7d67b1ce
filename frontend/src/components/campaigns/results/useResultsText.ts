import { computed, inject, ref, type InjectionKey, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { isLanguage, localeTags } from '../../../i18n'
import type { LanguageCode } from '../../../api/types'
import type { Finding, Uplift } from '../../../api/campaigns'
import {
  channelLabel,
  findingText,
  formatCount,
  formatDays,
  formatMoney,
  formatRate,
  formatROI,
  stageLabel,
  upliftText,
  wholeMoney,
  type TextContext,
  type Translator,
} from '../../../utils/results'
import { formatDate } from '../../../utils/format'

/** The results' numbers and sentences in the UI language and the campaign's currency. */
export function useResultsText(currency: Ref<string>) {
  const { t, te, locale } = useI18n()
  const lang = computed<LanguageCode>(() => (isLanguage(locale.value) ? locale.value : 'en'))
  const tr: Translator = {
    t: (key, named, plural) => (plural === undefined ? t(key, named) : t(key, named, plural)),
    te: (key) => te(key),
  }
  const ctx = (): TextContext => ({ lang: lang.value, currency: currency.value, tr })
  return {
    t,
    lang,
    tr,
    count: (n: number) => formatCount(n, lang.value),
    rate: (r: number) => formatRate(r, lang.value),
    roi: (r: number) => formatROI(r, lang.value),
    days: (d: number) => formatDays(d, lang.value),
    money: (minor: number, whole = false) => formatMoney(minor, currency.value, lang.value, whole),
    /** One precision for amounts shown together: whole units once any reaches 1,000. */
    wholeFor: (amountsMinor: number[]) => wholeMoney(amountsMinor, currency.value),
    date: (iso: string) => formatDate(iso, lang.value),
    shortDate: (iso: string) => {
      const d = new Date(`${iso.slice(0, 10)}T12:00:00`)
      return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(localeTags[lang.value], { day: 'numeric', month: 'short' }).format(d)
    },
    channel: (c: string) => channelLabel(c, tr),
    stage: (s: string) => stageLabel(s, tr),
    finding: (f: Finding, uplift?: Uplift) => findingText(f, ctx(), uplift),
    uplift: (u: Uplift) => upliftText(u, ctx()),
  }
}

export type ResultsText = ReturnType<typeof useResultsText>

/** The panel provides its text helpers to the parts inside it. */
export const RESULTS_TEXT: InjectionKey<ResultsText> = Symbol('resultsText')

/** The panel's helpers, or new ones (in the workspace currency unknown) when a part is used alone. */
export function injectResultsText(): ResultsText {
  return inject(RESULTS_TEXT, () => useResultsText(ref('')), true)
}
