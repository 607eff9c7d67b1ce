// Countries offered in pickers. DirectDesk has rules (postcodes, phone
// numbers, registration numbers) for the first four; the rest are common
// neighbours and trading partners.
import type { LanguageCode } from '../api/types'
import { countryName } from './format'

export const homeCountries = ['DK', 'SE', 'NO', 'RU'] as const

export const otherCountries = [
  'FI', 'IS', 'DE', 'NL', 'BE', 'FR', 'GB', 'IE', 'PL', 'EE', 'LV', 'LT', 'AT', 'CH', 'ES', 'IT',
  'PT', 'CZ', 'BY', 'KZ', 'UA', 'US', 'CA',
] as const

/** Countries for the settings and first run: home countries first, then a few others. */
export const settingsCountries = ['DK', 'SE', 'NO', 'RU', 'FI', 'DE', 'GB', 'NL', 'PL', 'EE', 'US']

export type CountryOption = {
  label: string
  value: string
}

/** Select options: the home countries first, then the others by name. */
export function countryOptions(lang: LanguageCode, codes: readonly string[] = [...homeCountries, ...otherCountries], extra = ''): CountryOption[] {
  const list = [...codes]
  if (extra && !list.includes(extra)) list.push(extra)
  const home = list.filter((c) => (homeCountries as readonly string[]).includes(c))
  const rest = list
    .filter((c) => !(homeCountries as readonly string[]).includes(c))
    .sort((a, b) => countryName(a, lang).localeCompare(countryName(b, lang), lang))
  return [...home, ...rest].map((c) => ({ value: c, label: countryName(c, lang) }))
}

/** The usual currency of a country (mirrors the backend's default). */
export function defaultCurrency(country: string): string {
  switch (country) {
    case 'DK':
      return 'DKK'
    case 'SE':
      return 'SEK'
    case 'NO':
      return 'NOK'
    case 'RU':
      return 'RUB'
    case 'GB':
      return 'GBP'
    case 'US':
      return 'USD'
  }
  return 'EUR'
}

export const currencies = ['DKK', 'SEK', 'NOK', 'RUB', 'EUR', 'USD', 'GBP'] as const
