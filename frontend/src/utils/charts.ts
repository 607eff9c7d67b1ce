// Chart data shaping for the campaign results: scales and ticks for the
// hand-drawn SVG charts, and the series each chart draws. Pure functions,
// so the numbers a chart shows are tested without a browser.
import type { DailyPoint, FollowUpPoint, ResultLine } from '../api/campaigns'

// ---- Scales -------------------------------------------------------------------------

/**
 * Round axis steps from 0 to at least max: [0, 5, 10, 15] for max 14.
 * Counts never get a step below 1 (integer), so 0..3 reads 0, 1, 2, 3.
 */
export function niceTicks(max: number, count = 4, integer = true): number[] {
  if (!Number.isFinite(max) || max <= 0) return integer ? [0, 1] : [0, 1]
  const raw = max / Math.max(1, count)
  const mag = 10 ** Math.floor(Math.log10(raw))
  const norm = raw / mag
  let step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag
  if (integer) step = Math.max(1, Math.ceil(step))
  const ticks: number[] = []
  // Rounding keeps 0.1 + 0.2 from drawing as 0.30000000000000004.
  for (let v = 0; ticks.length < 50; v += step) {
    ticks.push(Number(v.toPrecision(12)))
    if (v >= max) break
  }
  return ticks
}

/** Maps domain [d0, d1] to range [r0, r1] (a zero-width domain maps to r0). */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0
  return (v) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0))
}

// ---- The follow-up curve ------------------------------------------------------------

export interface FollowUpBar {
  seq: number
  channel: string
  value: number
  /** Of all orders (or responses) up to and including this touch, 0..1. */
  cumulative: number
}

export interface FollowUpSeries {
  /** What the bars count: orders when there are any, else responses. */
  metric: 'orders' | 'responses'
  total: number
  bars: FollowUpBar[]
}

/**
 * The bars and the cumulative line of the follow-up curve. The line is
 * worked out from the bars so both always tell the same story (the backend's
 * cumulativeShare falls back to revenue where there are no orders).
 */
export function followUpSeries(points: FollowUpPoint[]): FollowUpSeries {
  const sorted = [...points].sort((a, b) => a.seq - b.seq)
  const orders = sorted.reduce((s, p) => s + p.orders, 0)
  const metric = orders > 0 ? 'orders' : 'responses'
  const total = metric === 'orders' ? orders : sorted.reduce((s, p) => s + p.responses, 0)
  let run = 0
  const bars = sorted.map((p) => {
    const value = metric === 'orders' ? p.orders : p.responses
    run += value
    return { seq: p.seq, channel: p.channel, value, cumulative: total > 0 ? run / total : 0 }
  })
  return { metric, total, bars }
}

/**
 * "X % came after the first k contacts": k is 5 when the sequence is longer
 * than five touches (the textbook point), else 1 when there is more than one.
 * null when there is nothing to say (one touch, nothing counted, nothing late).
 */
export function followUpAfter(s: FollowUpSeries): { after: number; share: number } | null {
  if (s.total <= 0 || s.bars.length < 2) return null
  const last = Math.max(...s.bars.map((b) => b.seq))
  const after = last > 5 ? 5 : 1
  const late = s.bars.filter((b) => b.seq > after).reduce((n, b) => n + b.value, 0)
  if (late <= 0) return null
  return { after, share: late / s.total }
}

/** Where a bar's count goes: its baseline y and whether it sits inside the bar (white text). */
export interface ValueLabel {
  y: number
  inside: boolean
}

/**
 * Places a bar's count so it never covers the cumulative line's dot drawn at
 * the same x (the 100 % dot sits exactly on top of the tallest bar). Tried in
 * order: inside the bar at its top, above the bar, inside just below the
 * dot, inside just above it, above the dot. The text is taken as `size` px
 * tall above its baseline; the dot as r px round plus a gap.
 */
export function valueLabel(top: number, bottom: number, dotY: number, opts: { size?: number; r?: number; minY?: number } = {}): ValueLabel {
  const size = opts.size ?? 11
  const gap = (opts.r ?? 3.5) + 2
  const minY = opts.minY ?? 0
  // A baseline y covers [y - size, y + 2] (descenders and rounding).
  const clear = (y: number) => y + 2 < dotY - gap || y - size > dotY + gap
  const fitsInside = (y: number) => y - size >= top + 1 && y + 2 <= bottom - 1
  const tries: ValueLabel[] = [
    { y: top + size + 3, inside: true },
    { y: top - 5, inside: false },
    { y: dotY + gap + size + 1, inside: true },
    { y: dotY - gap - 3, inside: true },
  ]
  for (const c of tries) {
    if (c.inside ? !fitsInside(c.y) : c.y - size < minY) continue
    if (clear(c.y)) return c
  }
  return { y: Math.max(minY + size, Math.min(top, dotY) - gap - 3), inside: false }
}

// ---- Responses per day --------------------------------------------------------------

const isoDay = (d: Date) => d.toISOString().slice(0, 10)
const utcDay = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`)

/** Every day from the first to the last point, days without responses as zeros (at most 2 years). */
export function dailySeries(points: DailyPoint[], until = ''): DailyPoint[] {
  const valid = points.filter((p) => /^\d{4}-\d{2}-\d{2}/.test(p.date)).sort((a, b) => (a.date < b.date ? -1 : 1))
  if (!valid.length) return []
  const byDay = new Map<string, DailyPoint>()
  for (const p of valid) {
    const k = p.date.slice(0, 10)
    const have = byDay.get(k)
    byDay.set(
      k,
      have
        ? { date: k, responses: have.responses + p.responses, orders: have.orders + p.orders, revenueMinor: have.revenueMinor + p.revenueMinor }
        : { ...p, date: k },
    )
  }
  const first = utcDay(valid[0].date)
  let last = utcDay(valid[valid.length - 1].date)
  if (/^\d{4}-\d{2}-\d{2}/.test(until) && utcDay(until) > last) last = utcDay(until)
  const out: DailyPoint[] = []
  for (let d = first; d <= last && out.length < 731; d = new Date(d.getTime() + 86400000)) {
    const k = isoDay(d)
    out.push(byDay.get(k) ?? { date: k, responses: 0, orders: 0, revenueMinor: 0 })
  }
  return out
}

/** About `count` evenly spread indexes of n items, always the first and the last. */
export function labelIndexes(n: number, count: number): number[] {
  if (n <= 0) return []
  if (n <= count) return Array.from({ length: n }, (_, i) => i)
  const step = Math.ceil((n - 1) / Math.max(1, count - 1))
  const out: number[] = []
  for (let i = 0; i < n - 1; i += step) out.push(i)
  // The last label would collide with one closer than half a step.
  if (n - 1 - out[out.length - 1] < step / 2) out.pop()
  out.push(n - 1)
  return out
}

// ---- Target against control ---------------------------------------------------------

/**
 * The Wilson score interval of a rate (k of n), 95 % by default: it stays
 * inside 0..1 and behaves with small groups and zero buyers, unlike the
 * normal approximation.
 */
export function wilson(k: number, n: number, z = 1.959963984540054): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 0 }
  const p = k / n
  const z2 = z * z
  const denom = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denom
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

export interface GroupBar {
  group: 'target' | 'control'
  n: number
  buyers: number
  rate: number
  low: number
  high: number
}

/** The two bars of the target-control chart and the scale end (a little over the highest whisker). */
export function groupBars(u: { targetN: number; targetBuyers: number; controlN: number; controlBuyers: number }): { bars: GroupBar[]; max: number } {
  const bar = (group: GroupBar['group'], n: number, buyers: number): GroupBar => ({ group, n, buyers, rate: n > 0 ? buyers / n : 0, ...wilson(buyers, n) })
  const bars = [bar('target', u.targetN, u.targetBuyers), bar('control', u.controlN, u.controlBuyers)]
  const top = Math.max(...bars.map((b) => b.high))
  return { bars, max: top > 0 ? Math.min(1, top * 1.1) : 0.01 }
}

// ---- Lifecycle movement -------------------------------------------------------------

/** Stages in the order people move through them. Unknown stages follow, by name. */
export const STAGES = ['prospect', 'new', 'firstTime', 'repeat', 'loyal', 'lapsing', 'lost']
const BUYING = new Set(['firstTime', 'repeat', 'loyal'])
const NOT_YET = new Set(['prospect', 'new'])
const SLIPPING = new Set(['lapsing', 'lost'])

function stageOrder(list: string[]): string[] {
  const rank = (s: string) => (STAGES.includes(s) ? STAGES.indexOf(s) : STAGES.length)
  return [...new Set(list)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

export interface LifecycleMatrix {
  from: string[]
  to: string[]
  /** counts[i][j]: people at stage from[i] at launch and at to[j] now. */
  counts: number[][]
  max: number
  total: number
}

/** The from-to table of lifecycle moves, stages in their natural order. */
export function lifecycleMatrix(moves: { from: string; to: string; count: number }[]): LifecycleMatrix {
  const used = moves.filter((m) => m.count > 0)
  const from = stageOrder(used.map((m) => m.from))
  const to = stageOrder(used.map((m) => m.to))
  const counts = from.map(() => to.map(() => 0))
  for (const m of used) counts[from.indexOf(m.from)][to.indexOf(m.to)] += m.count
  const flat = counts.flat()
  return { from, to, counts, max: Math.max(0, ...flat), total: flat.reduce((a, b) => a + b, 0) }
}

/** What moved, in words' worth of numbers: first purchases, customers won back, customers slipping. */
export function lifecycleSummary(moves: { from: string; to: string; count: number }[]): { firstPurchase: number; wonBack: number; slipped: number } {
  let firstPurchase = 0
  let wonBack = 0
  let slipped = 0
  for (const m of moves) {
    if (m.from === m.to || m.count <= 0) continue
    if (NOT_YET.has(m.from) && BUYING.has(m.to)) firstPurchase += m.count
    else if (SLIPPING.has(m.from) && BUYING.has(m.to)) wonBack += m.count
    else if (BUYING.has(m.from) && SLIPPING.has(m.to)) slipped += m.count
  }
  return { firstPurchase, wonBack, slipped }
}

// ---- Tables -------------------------------------------------------------------------

/** The part after the colon of a result line's key: "segment:loyal" -> "loyal". */
export function lineKey(l: Pick<ResultLine, 'key'>): string {
  const i = l.key.indexOf(':')
  return i < 0 ? l.key : l.key.slice(i + 1)
}

/** Does any line have tracked clicks or opens (only then the columns are shown)? */
export function hasTracking(lines: ResultLine[], field: 'clicks' | 'opens'): boolean {
  return lines.some((l) => l[field] > 0)
}
