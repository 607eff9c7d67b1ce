import { describe, expect, it } from 'vitest'
import {
  MAX_NAME,
  badSplitName,
  cellSegmentName,
  contrast,
  defaultSplitNames,
  equalPercents,
  heatColour,
  maskMembers,
  mix,
  overlapLabel,
  overlapRows,
  overlapTotals,
  splitPercents,
  splitSizes,
  tidyFilter,
  type OverlapWords,
  type SplitWords,
} from './segmentInsights'

const white = '#FFFFFF'
const blue = '#2B62C9'

describe('heat map colours', () => {
  it('an empty cell is the card colour, the biggest cell the brand blue', () => {
    expect(heatColour(0, 64, white, blue).background).toBe('#ffffff')
    expect(heatColour(64, 64, white, blue).background).toBe('#2b62c9')
    expect(heatColour(0, 64).level).toBe(0)
    expect(heatColour(64, 64).level).toBe(1)
  })

  it('darkens with the count, and a single contact is never blank', () => {
    const levels = [1, 8, 16, 32, 64].map((n) => heatColour(n, 64).level)
    expect(levels).toEqual([...levels].sort((a, b) => a - b))
    expect(new Set(levels).size).toBe(levels.length)
    expect(heatColour(1, 10_000, white, blue).background).not.toBe('#ffffff')
  })

  it('puts dark text on pale cells and white text on dark ones, always readable', () => {
    expect(heatColour(2, 64, white, blue).color).toBe('#1F2329')
    expect(heatColour(64, 64, white, blue).color).toBe('#FFFFFF')
    for (let n = 0; n <= 64; n++) {
      const h = heatColour(n, 64, white, blue)
      expect(contrast(h.background, h.color), `count ${n}`).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('works on the dark theme\'s card colour too', () => {
    const dark = '#1E2127'
    for (const n of [0, 5, 30, 64]) {
      const h = heatColour(n, 64, dark, '#3D74D6')
      expect(contrast(h.background, h.color), `count ${n}`).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('survives no maximum and odd colours', () => {
    expect(heatColour(5, 0).level).toBe(0)
    expect(heatColour(200, 100).level).toBe(1)
    expect(mix('#fff', '#000', 0.5)).toBe('#808080')
    expect(mix('not a colour', '#000000', 0)).toBe('#ffffff')
  })
})

describe('a cell as a segment', () => {
  it('is named after the segment and the two values', () => {
    expect(cellSegmentName('Kvinder 30-45', ['30–39', 'Region Hovedstaden'])).toBe('Kvinder 30-45 · 30–39 · Region Hovedstaden')
  })

  it('is named after the values alone when the segment has no name', () => {
    expect(cellSegmentName('  ', ['70+', 'Oslo'])).toBe('70+ · Oslo')
  })

  it('shortens a long segment name, never the values, and stays within the limit', () => {
    const name = cellSegmentName('x'.repeat(120), ['30–39', 'Västra Götalands län'])
    expect([...name].length).toBeLessThanOrEqual(MAX_NAME)
    expect(name.endsWith(' · 30–39 · Västra Götalands län')).toBe(true)
    expect(name).toContain('…')
  })

  it('turns the cell\'s filter into one list of conditions for the editor', () => {
    const cell = {
      v: 1,
      root: {
        all: [
          { all: [{ field: 'gender', op: 'in', values: ['female'] }, { any: [{ field: 'tag', op: 'anyOf', values: ['vip'] }] }] },
          { field: 'age', op: 'between', values: ['30', '39'] },
          { field: 'region', op: 'in', values: ['region hovedstaden'] },
        ],
      },
    }
    expect(tidyFilter(cell).root).toEqual({
      all: [
        { field: 'gender', op: 'in', values: ['female'] },
        { any: [{ field: 'tag', op: 'anyOf', values: ['vip'] }] },
        { field: 'age', op: 'between', values: ['30', '39'] },
        { field: 'region', op: 'in', values: ['region hovedstaden'] },
      ],
    })
  })

  it('drops the empty segment of "all contacts" and opens a job-title group\'s "none before it"', () => {
    const cell = {
      v: 1,
      root: {
        all: [
          {},
          { all: [{ field: 'jobTitle', op: 'inGroup', values: ['Buyers'] }, { not: { field: 'jobTitle', op: 'inGroup', values: ['Decision makers'] } }] },
          { field: 'rfmRecency', op: 'in', values: ['1'] },
        ],
      },
    }
    expect(tidyFilter(cell).root).toEqual({
      all: [
        { field: 'jobTitle', op: 'inGroup', values: ['Buyers'] },
        { not: { field: 'jobTitle', op: 'inGroup', values: ['Decision makers'] } },
        { field: 'rfmRecency', op: 'in', values: ['1'] },
      ],
    })
    expect(tidyFilter({ v: 1, root: {} }).root).toEqual({ all: [] })
  })
})

describe('overlap regions', () => {
  const words: OverlapWords = {
    only: (n) => `Only in ${n}`,
    all: (n) => (n === 2 ? 'In both' : `In all ${n}`),
    some: (list) => `In ${list} only`,
    list: (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`),
  }
  const names = ['Newsletter', 'Christmas', 'VIP', 'Oslo']

  it('reads a region\'s bits as the segments it is in', () => {
    expect(maskMembers(0b101, 3)).toEqual([0, 2])
    expect(maskMembers(0b1000, 4)).toEqual([3])
  })

  it('lists two segments as only A, only B, both', () => {
    const rows = overlapRows(2, [0, 300, 50, 20])
    expect(rows.map((r) => [r.mask, r.count])).toEqual([
      [1, 300],
      [2, 50],
      [3, 20],
    ])
    expect(rows.map((r) => overlapLabel(r.members, 2, names, words))).toEqual(['Only in Newsletter', 'Only in Christmas', 'In both'])
  })

  it('lists three segments by how many they are in, then in order', () => {
    const rows = overlapRows(3, [0, 1, 2, 3, 4, 5, 6, 7])
    expect(rows.map((r) => r.mask)).toEqual([1, 2, 4, 3, 5, 6, 7])
    expect(rows.map((r) => overlapLabel(r.members, 3, names, words))).toEqual([
      'Only in Newsletter',
      'Only in Christmas',
      'Only in VIP',
      'In Newsletter and Christmas only',
      'In Newsletter and VIP only',
      'In Christmas and VIP only',
      'In all 3',
    ])
  })

  it('has fifteen regions for four segments, three of a segment together with two others', () => {
    const rows = overlapRows(4, Array.from({ length: 16 }, (_, m) => m))
    expect(rows).toHaveLength(15)
    expect(overlapLabel([0, 1, 3], 4, names, words)).toBe('In Newsletter, Christmas and Oslo only')
    expect(rows[rows.length - 1].mask).toBe(15)
  })

  it('adds the regions up to each segment\'s size and to everyone in any of them', () => {
    // A = 300 + 20, B = 50 + 20; union 370.
    expect(overlapTotals(2, [0, 300, 50, 20])).toEqual({ sizes: [320, 70], union: 370 })
    expect(overlapTotals(3, [0, 1, 2, 3, 4, 5, 6, 7])).toEqual({ sizes: [1 + 3 + 5 + 7, 2 + 3 + 6 + 7, 4 + 5 + 6 + 7], union: 28 })
    expect(overlapTotals(2, [])).toEqual({ sizes: [0, 0], union: 0 })
  })
})

describe('splits', () => {
  const words: SplitWords = {
    test: (n) => `${n} – test`,
    control: (n) => `${n} – control`,
    group: (n, l) => `${n} – ${l}`,
  }

  it('holds out a control group of a whole percentage', () => {
    expect(splitPercents('control', 10, 2)).toEqual([90, 10])
    expect(splitPercents('control', 0, 2)).toEqual([99, 1])
    expect(splitPercents('control', 12.4, 2)).toEqual([88, 12])
  })

  it('shares 100 % between equal groups, the first ones taking what is left over', () => {
    expect(equalPercents(2)).toEqual([50, 50])
    expect(equalPercents(3)).toEqual([34, 33, 33])
    expect(equalPercents(7)).toEqual([15, 15, 14, 14, 14, 14, 14])
    for (let n = 2; n <= 10; n++) expect(equalPercents(n).reduce((a, b) => a + b, 0)).toBe(100)
    expect(splitPercents('ab', 10, 12)).toHaveLength(10)
  })

  it('names the groups after the segment', () => {
    expect(defaultSplitNames('Kvinder 30-45', 'control', 2, words)).toEqual(['Kvinder 30-45 – test', 'Kvinder 30-45 – control'])
    expect(defaultSplitNames('Kvinder 30-45', 'ab', 3, words)).toEqual(['Kvinder 30-45 – A', 'Kvinder 30-45 – B', 'Kvinder 30-45 – C'])
  })

  it('shortens a long segment name so every group name fits', () => {
    const names = defaultSplitNames('y'.repeat(99), 'control', 2, words)
    for (const n of names) expect([...n].length).toBeLessThanOrEqual(MAX_NAME)
    expect(names[1].endsWith(' – control')).toBe(true)
    expect(badSplitName(names)).toBe(-1)
  })

  it('predicts the sizes the backend cuts, adding up to the segment', () => {
    expect(splitSizes(1243, [90, 10])).toEqual([1119, 124])
    expect(splitSizes(10, [34, 33, 33])).toEqual([3, 4, 3])
    expect(splitSizes(0, [50, 50])).toEqual([0, 0])
    for (const n of [1, 7, 99, 1000, 2501]) expect(splitSizes(n, [34, 33, 33]).reduce((a, b) => a + b, 0)).toBe(n)
  })

  it('refuses empty names and names given twice', () => {
    expect(badSplitName(['A', 'B'])).toBe(-1)
    expect(badSplitName(['A', '  '])).toBe(1)
    expect(badSplitName(['Test  group', 'test group'])).toBe(1)
  })
})
