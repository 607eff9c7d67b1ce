import type { ValueCount } from '../api/types'

// Region names are only unique within a country, so the region filter's
// options are keyed by country code and region name together.

const SEP = '\u001f'

/** The option key of a region of a country ("" when the country is unknown). */
export function regionKey(group: string, region: string): string {
  return `${group}${SEP}${region}`
}

/** The country code and region name of an option key. */
export function parseRegionKey(key: string): { group: string; region: string } {
  const i = key.indexOf(SEP)
  if (i < 0) return { group: '', region: key }
  return { group: key.slice(0, i), region: key.slice(i + 1) }
}

/** The regions to offer: only the chosen country's, or all when no country is chosen. */
export function regionsFor(regions: ValueCount[], country: string): ValueCount[] {
  return country ? regions.filter((r) => (r.group ?? '') === country) : regions
}

export interface RegionGroup {
  /** Country code; "" for regions of contacts without a country. */
  group: string
  regions: ValueCount[]
}

/**
 * Regions grouped by country, countries in the order given (the country
 * facet: most contacts first), then any others, and regions without a
 * country last.
 */
export function groupRegions(regions: ValueCount[], countryOrder: string[]): RegionGroup[] {
  const byGroup = new Map<string, ValueCount[]>()
  for (const r of regions) {
    const g = r.group ?? ''
    const list = byGroup.get(g)
    if (list) list.push(r)
    else byGroup.set(g, [r])
  }
  const order = [...countryOrder.filter((c) => byGroup.has(c))]
  for (const g of byGroup.keys()) if (g && !order.includes(g)) order.push(g)
  if (byGroup.has('')) order.push('')
  return order.map((group) => ({ group, regions: byGroup.get(group)! }))
}

/** The country a region belongs to, preferring the given country; "" when unknown. */
export function regionCountry(regions: ValueCount[], region: string, prefer = ''): string {
  const hit = (prefer && regions.find((r) => r.value === region && r.group === prefer)) || regions.find((r) => r.value === region)
  return hit?.group ?? ''
}
