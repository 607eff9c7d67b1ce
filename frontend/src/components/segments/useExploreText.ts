import { useI18n } from 'vue-i18n'
import { localeTags } from '../../i18n'
import type { Bucket } from '../../api/types'
import { useFormat } from '../../composables/useFormat'
import { useSegmentText } from './useSegmentText'

const word = /^[a-zA-Z][a-zA-Z0-9_]*$/

/**
 * Words for the explorer and the splits: the dimensions' names, their
 * values as the user reads them (translated stages and tiers, countries by
 * name, "30–39"), amounts per buyer in the workspace currency.
 */
export function useExploreText() {
  const { t, te } = useI18n()
  const fmt = useFormat()
  const text = useSegmentText()

  function dimLabel(dim: string): string {
    const k = `segments.explore.dims.${dim}`
    return word.test(dim) && te(k) ? t(k) : dim
  }

  /** A row's or column's value: "30–39", "Region Hovedstaden", "Loyal customer", "12 other values". */
  function valueLabel(dim: string, b: Bucket): string {
    const v = b.value
    if (v === '*') {
      const n = Number(b.label)
      if (dim === 'jobGroup') return t('segments.explore.otherTitles')
      return n > 0 ? t('segments.breakdown.others', { n: fmt.number(n) }, n) : t('segments.explore.other')
    }
    if (v === '') {
      if (dim === 'ageBand') return t('segments.explore.ageUnknown')
      if (dim === 'jobGroup') return t('segments.explore.noTitle')
      return t('segments.breakdown.notStated')
    }
    switch (dim) {
      case 'ageBand':
        return v.replace('-', '–')
      case 'gender':
        return word.test(v) && te(`gender.${v}`) ? t(`gender.${v}`) : v
      case 'country':
        return fmt.country(v) || v
      case 'language':
        return fmt.language(v) || v
      case 'origin':
      case 'valueTier':
      case 'lifecycle':
        return text.enumLabel(dim, v)
      case 'rfmRecency':
      case 'rfmFrequency':
      case 'rfmMonetary':
        return v === '0' ? t('segments.explore.noOrders') : v
    }
    return b.label || v
  }

  /** An average amount per buyer, from minor units (øre, kopecks) to whole units of the workspace currency. */
  function money(minor: number): string {
    return text.money(String(Math.round(minor / 100)))
  }

  /** Orders per buyer, to one decimal. */
  function perBuyer(n: number): string {
    return new Intl.NumberFormat(localeTags[fmt.lang.value] ?? 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(n)
  }

  /** A share as a percentage: one decimal below 10 %. */
  function percent(part: number, whole: number): string {
    const p = whole > 0 ? (part / whole) * 100 : 0
    const digits = p > 0 && p < 10 ? 1 : 0
    return new Intl.NumberFormat(localeTags[fmt.lang.value] ?? 'en-GB', { maximumFractionDigits: digits }).format(p)
  }

  return { dimLabel, valueLabel, money, perBuyer, percent }
}
