import { describe, expect, it } from 'vitest'
import { groupRegions, parseRegionKey, regionCountry, regionKey, regionsFor } from './regions'

const regions = [
  { value: 'Hovedstaden', count: 300, group: 'DK' },
  { value: 'Stockholms län', count: 250, group: 'SE' },
  { value: 'Midtjylland', count: 200, group: 'DK' },
  { value: 'Nord', count: 20, group: 'NO' },
  { value: 'Somewhere', count: 3, group: '' },
  { value: 'Москва', count: 2, group: 'RU' },
]

describe('region keys', () => {
  it('round-trips country and region, names with any characters included', () => {
    for (const [g, r] of [['DK', 'Hovedstaden'], ['', 'Somewhere'], ['RU', 'Москва'], ['NO', 'Trøndelag | Nord']]) {
      expect(parseRegionKey(regionKey(g, r))).toEqual({ group: g, region: r })
    }
  })

  it('reads a bare region name as a region without a country', () => {
    expect(parseRegionKey('Hovedstaden')).toEqual({ group: '', region: 'Hovedstaden' })
  })
})

describe('region options', () => {
  it('offers only the chosen country’s regions', () => {
    expect(regionsFor(regions, 'DK').map((r) => r.value)).toEqual(['Hovedstaden', 'Midtjylland'])
    expect(regionsFor(regions, 'FI')).toEqual([])
    expect(regionsFor(regions, '')).toBe(regions)
  })

  it('groups by country in the country facet’s order, others after, no country last', () => {
    const groups = groupRegions(regions, ['SE', 'DK', 'NO'])
    expect(groups.map((g) => g.group)).toEqual(['SE', 'DK', 'NO', 'RU', ''])
    expect(groups[1].regions.map((r) => r.value)).toEqual(['Hovedstaden', 'Midtjylland'])
  })

  it('finds a region’s country, preferring the chosen one', () => {
    const both = [...regions, { value: 'Nord', count: 5, group: 'DK' }]
    expect(regionCountry(both, 'Nord')).toBe('NO')
    expect(regionCountry(both, 'Nord', 'DK')).toBe('DK')
    expect(regionCountry(both, 'Unknown')).toBe('')
  })
})
