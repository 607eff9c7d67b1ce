import { describe, expect, it } from 'vitest'
import type { FollowUpPoint } from '../api/campaigns'
import {
  dailySeries,
  followUpAfter,
  followUpSeries,
  groupBars,
  hasTracking,
  labelIndexes,
  lifecycleMatrix,
  lifecycleSummary,
  lineKey,
  linear,
  niceTicks,
  valueLabel,
  wilson,
} from './charts'

const point = (seq: number, orders: number, responses = orders, channel = 'letter'): FollowUpPoint => ({
  seq,
  channel,
  responses,
  orders,
  revenueMinor: orders * 10000,
  cumulativeShare: 0,
})

describe('niceTicks', () => {
  it('steps in round numbers up to at least the maximum', () => {
    expect(niceTicks(14)).toEqual([0, 5, 10, 15])
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100])
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8])
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500])
  })
  it('never steps below one for counts, and draws an empty axis as 0..1', () => {
    expect(niceTicks(3)).toEqual([0, 1, 2, 3])
    expect(niceTicks(0)).toEqual([0, 1])
    expect(niceTicks(Number.NaN)).toEqual([0, 1])
  })
  it('allows fractions when asked, without floating-point noise', () => {
    expect(niceTicks(0.3, 3, false)).toEqual([0, 0.1, 0.2, 0.3])
  })
})

describe('linear', () => {
  it('maps a domain onto a range, upside down for SVG y', () => {
    const y = linear(0, 10, 200, 0)
    expect(y(0)).toBe(200)
    expect(y(10)).toBe(0)
    expect(y(2.5)).toBe(150)
    expect(linear(5, 5, 10, 20)(5)).toBe(10)
  })
})

describe('the follow-up curve', () => {
  it('counts orders and adds them up to the cumulative share', () => {
    const s = followUpSeries([point(2, 30), point(1, 50), point(3, 20)])
    expect(s.metric).toBe('orders')
    expect(s.total).toBe(100)
    expect(s.bars.map((b) => b.seq)).toEqual([1, 2, 3])
    expect(s.bars.map((b) => b.cumulative)).toEqual([0.5, 0.8, 1])
  })

  it('counts responses while there are no orders', () => {
    const s = followUpSeries([point(1, 0, 4), point(2, 0, 6)])
    expect(s.metric).toBe('responses')
    expect(s.bars.map((b) => b.value)).toEqual([4, 6])
    expect(s.bars[0].cumulative).toBeCloseTo(0.4)
  })

  it('says what came after the fifth contact in a long sequence', () => {
    const pts = [40, 20, 10, 10, 5, 8, 7].map((o, i) => point(i + 1, o))
    expect(followUpAfter(followUpSeries(pts))).toEqual({ after: 5, share: 0.15 })
  })

  it('says what came after the first contact in a short one', () => {
    expect(followUpAfter(followUpSeries([point(1, 6), point(2, 3), point(3, 1)]))).toEqual({ after: 1, share: 0.4 })
  })

  it('has nothing to say about one touch, no orders or nothing late', () => {
    expect(followUpAfter(followUpSeries([point(1, 9)]))).toBeNull()
    expect(followUpAfter(followUpSeries([point(1, 0, 0), point(2, 0, 0)]))).toBeNull()
    expect(followUpAfter(followUpSeries([point(1, 9), point(2, 0, 0)]))).toBeNull()
  })
})

describe('the count on a follow-up bar', () => {
  // The chart's numbers: plot from y 22 to y 178, text 11 px, dots of radius 3.5.
  const top = 22
  const bottom = 178
  const covers = (y: number, dotY: number) => !(y + 2 < dotY - 5.5 || y - 11 > dotY + 5.5)

  it('sits inside a tall bar at its top when the dot is elsewhere', () => {
    expect(valueLabel(60, bottom, 150)).toEqual({ y: 74, inside: true })
  })

  it('never sits on the 100 % dot at the top of the tallest bar', () => {
    // The Norwegian test campaign: touch 3 is the tallest bar and brings the line to 100 %.
    const at = valueLabel(top, bottom, top)
    expect(covers(at.y, top)).toBe(false)
    expect(at.inside).toBe(true)
    expect(at.y - 11).toBeGreaterThanOrEqual(top)
    expect(at.y).toBeLessThanOrEqual(bottom)
  })

  it('goes above a short bar, or clear of the dot where that is taken', () => {
    expect(valueLabel(166, bottom, 100)).toEqual({ y: 161, inside: false })
    const at = valueLabel(166, bottom, 162)
    expect(covers(at.y, 162)).toBe(false)
    expect(at.y).toBeGreaterThanOrEqual(11)
  })

  it('is clear of the dot wherever the dot is', () => {
    for (let barTop = top; barTop < bottom - 2; barTop += 3) {
      for (let dotY = top; dotY <= bottom; dotY += 2) {
        const at = valueLabel(barTop, bottom, dotY)
        expect(covers(at.y, dotY), `bar top ${barTop}, dot ${dotY}`).toBe(false)
        expect(at.y - 11).toBeGreaterThanOrEqual(0)
        if (at.inside) expect(at.y - 11 >= barTop && at.y + 2 <= bottom).toBe(true)
      }
    }
  })
})

describe('dailySeries', () => {
  it('fills the days without responses with zeros, in date order', () => {
    const s = dailySeries([
      { date: '2026-03-04', responses: 2, orders: 1, revenueMinor: 500 },
      { date: '2026-03-01', responses: 5, orders: 0, revenueMinor: 0 },
    ])
    expect(s.map((d) => d.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'])
    expect(s.map((d) => d.responses)).toEqual([5, 0, 0, 2])
  })

  it('runs on to the day the figures were taken, across a month end', () => {
    const s = dailySeries([{ date: '2026-01-30', responses: 1, orders: 0, revenueMinor: 0 }], '2026-02-02T09:00:00Z')
    expect(s.map((d) => d.date)).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02'])
  })

  it('adds up two entries of the same day and ignores bad dates', () => {
    const s = dailySeries([
      { date: '2026-05-01', responses: 1, orders: 1, revenueMinor: 100 },
      { date: '2026-05-01', responses: 2, orders: 0, revenueMinor: 0 },
      { date: 'yesterday', responses: 9, orders: 9, revenueMinor: 9 },
    ])
    expect(s).toEqual([{ date: '2026-05-01', responses: 3, orders: 1, revenueMinor: 100 }])
    expect(dailySeries([])).toEqual([])
  })
})

describe('labelIndexes', () => {
  it('labels every item when there is room', () => {
    expect(labelIndexes(3, 5)).toEqual([0, 1, 2])
  })
  it('spreads the labels and always labels the first and the last', () => {
    expect(labelIndexes(31, 4)).toEqual([0, 10, 20, 30])
    const many = labelIndexes(100, 6)
    expect(many[0]).toBe(0)
    expect(many[many.length - 1]).toBe(99)
    expect(many.length).toBeLessThanOrEqual(6)
  })
})

describe('wilson', () => {
  // Reference values: Newcombe (1998), "Two-sided confidence intervals for the
  // single proportion", Statistics in Medicine 17, table I (Wilson score method).
  it('matches the published Wilson intervals', () => {
    const a = wilson(81, 263)
    expect(a.low).toBeCloseTo(0.2553, 4)
    expect(a.high).toBeCloseTo(0.3662, 4)
    const b = wilson(15, 148)
    expect(b.low).toBeCloseTo(0.0624, 4)
    expect(b.high).toBeCloseTo(0.1605, 4)
    const c = wilson(0, 20)
    expect(c.low).toBe(0)
    expect(c.high).toBeCloseTo(0.1611, 4)
  })
  it('gives an empty group no range', () => {
    expect(wilson(0, 0)).toEqual({ low: 0, high: 0 })
  })
})

describe('groupBars', () => {
  it('draws both groups on one scale a little above the highest range', () => {
    const g = groupBars({ targetN: 1000, targetBuyers: 41, controlN: 1000, controlBuyers: 29 })
    expect(g.bars.map((b) => b.group)).toEqual(['target', 'control'])
    expect(g.bars[0].rate).toBeCloseTo(0.041)
    expect(g.bars[1].rate).toBeCloseTo(0.029)
    expect(g.bars[0].low).toBeLessThan(0.041)
    expect(g.bars[0].high).toBeGreaterThan(0.041)
    expect(g.max).toBeCloseTo(g.bars[0].high * 1.1)
  })
  it('keeps a scale without any buyers', () => {
    expect(groupBars({ targetN: 0, targetBuyers: 0, controlN: 0, controlBuyers: 0 }).max).toBeGreaterThan(0)
  })
})

describe('lifecycle movement', () => {
  const moves = [
    { from: 'lost', to: 'repeat', count: 3 },
    { from: 'prospect', to: 'firstTime', count: 12 },
    { from: 'loyal', to: 'loyal', count: 40 },
    { from: 'loyal', to: 'lapsing', count: 5 },
    { from: 'prospect', to: 'prospect', count: 100 },
    { from: 'mystery', to: 'prospect', count: 0 },
  ]

  it('orders the stages as people move through them and fills the matrix', () => {
    const m = lifecycleMatrix(moves)
    expect(m.from).toEqual(['prospect', 'loyal', 'lost'])
    expect(m.to).toEqual(['prospect', 'firstTime', 'repeat', 'loyal', 'lapsing'])
    expect(m.counts[0]).toEqual([100, 12, 0, 0, 0])
    expect(m.counts[1]).toEqual([0, 0, 0, 40, 5])
    expect(m.counts[2]).toEqual([0, 0, 3, 0, 0])
    expect(m.max).toBe(100)
    expect(m.total).toBe(160)
  })

  it('puts unknown stages after the known ones', () => {
    expect(lifecycleMatrix([{ from: 'zeta', to: 'lost', count: 1 }, { from: 'loyal', to: 'lost', count: 1 }]).from).toEqual(['loyal', 'zeta'])
  })

  it('counts first purchases, customers won back and customers slipping', () => {
    expect(lifecycleSummary(moves)).toEqual({ firstPurchase: 12, wonBack: 3, slipped: 5 })
  })
})

describe('table helpers', () => {
  it('reads the key of a line', () => {
    expect(lineKey({ key: 'segment:loyal' })).toBe('loyal')
    expect(lineKey({ key: 'total' })).toBe('total')
  })
  it('shows tracking columns only when something was counted', () => {
    const line = { clicks: 0, opens: 3 } as never
    expect(hasTracking([line], 'clicks')).toBe(false)
    expect(hasTracking([line], 'opens')).toBe(true)
  })
})
