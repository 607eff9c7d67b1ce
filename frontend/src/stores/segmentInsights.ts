// Pure rules behind the explorer, the overlap view and splits: the heat-map
// colour of a cell, which segments an overlap region belongs to, the names
// and shares groups start with, the name a cell gets as a segment, and a
// cell's filter tidied for the editor. No Vue, no backend: tested alone.
import type { SegmentFilter, SegmentNode } from '../api/types'

// ---- Heat map -----------------------------------------------------------------------

type RGB = [number, number, number]

function parseHex(hex: string): RGB {
  let h = hex.trim().replace(/^#/, '')
  if (h.length === 3 || h.length === 4) h = [...h.slice(0, 3)].map((c) => c + c).join('')
  const n = Number.parseInt(h.slice(0, 6), 16)
  if (!/^[0-9a-fA-F]{6}/.test(h) || Number.isNaN(n)) return [255, 255, 255]
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

function toHex([r, g, b]: RGB): string {
  return '#' + [r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')
}

/** The colour a share t (0..1) of the way from a to b. */
export function mix(a: string, b: string, t: number): string {
  const x = parseHex(a)
  const y = parseHex(b)
  const k = Math.min(1, Math.max(0, t))
  return toHex([x[0] + (y[0] - x[0]) * k, x[1] + (y[1] - x[1]) * k, x[2] + (y[2] - x[2]) * k])
}

/** WCAG relative luminance of a colour. */
export function luminance(hex: string): number {
  const lin = (v: number) => {
    const c = v / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const [r, g, b] = parseHex(hex).map(lin)
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/**
 * Dark or light text, whichever reads better on the background. On the few
 * mid tones where neither reaches the 4.5:1 of WCAG AA, black does.
 */
export function readableText(background: string, dark = '#1F2329', light = '#FFFFFF'): string {
  const best = contrast(background, dark) >= contrast(background, light) ? dark : light
  if (contrast(background, best) >= 4.5) return best
  return contrast(background, '#000000') > contrast(background, best) ? '#000000' : best
}

export interface HeatColour {
  /** How far along the scale the cell is, 0 (empty) to 1 (the biggest cell). */
  level: number
  background: string
  color: string
}

/**
 * A cell's colours: from `from` (the card colour, white) for no contacts to
 * `to` (the brand blue) for the biggest cell, by count/max. A cell with
 * anyone in it gets at least a faint tint, so "a few" never looks like "none".
 */
export function heatColour(count: number, max: number, from = '#FFFFFF', to = '#2B62C9'): HeatColour {
  const level = count > 0 && max > 0 ? 0.06 + 0.94 * Math.min(1, count / max) : 0
  const background = mix(from, to, level)
  const dark = luminance(from) > 0.5 ? '#1F2329' : '#E8EAED'
  return { level, background, color: readableText(background, dark, '#FFFFFF') }
}

// ---- Cells as segments -------------------------------------------------------------------

/** Segment names are at most this long (the backend refuses longer ones). */
export const MAX_NAME = 100

function clip(s: string, n: number): string {
  const chars = [...s]
  return chars.length <= n ? s : chars.slice(0, Math.max(0, n - 1)).join('').trimEnd() + '…'
}

/**
 * The name a cell suggests as a segment: "Women 30–45 · 30–39 · Region
 * Hovedstaden". The segment's own name is shortened when needed; the cell's
 * values are what make the name tell the cells apart.
 */
export function cellSegmentName(base: string, parts: string[], max = MAX_NAME): string {
  const sep = ' · '
  const tail = parts.map((p) => p.trim()).filter(Boolean)
  const b = base.trim()
  const tailText = tail.join(sep)
  if (!b) return clip(tailText, max)
  if (!tailText) return clip(b, max)
  const room = max - [...tailText].length - sep.length
  if (room < 8) return clip(tailText, max)
  return clip(b, room) + sep + tailText
}

const isEmptyNode = (n: SegmentNode) =>
  !n.field && !n.op && !n.not && !n.any && (!n.all || n.all.length === 0)
const isPlainAll = (n: SegmentNode) => !!n.all && !n.field && !n.op && !n.any && !n.not

function tidy(n: SegmentNode): SegmentNode {
  if (n.not) return { not: tidy(n.not) }
  if (n.any) return { any: n.any.map(tidy) }
  if (n.all) {
    const out: SegmentNode[] = []
    for (const kid of n.all.map(tidy)) {
      if (isEmptyNode(kid)) continue
      if (isPlainAll(kid)) out.push(...kid.all!)
      else out.push(kid)
    }
    return { all: out }
  }
  return n
}

/**
 * A cell's filter as the editor should show it: "all of" groups inside "all
 * of" groups become one list, and empty parts (the segment without
 * conditions) go. It selects the same contacts.
 */
export function tidyFilter(f: SegmentFilter): SegmentFilter {
  const root = tidy(f.root ?? {})
  return { v: f.v, root: isEmptyNode(root) ? { all: [] } : root }
}

// ---- Overlap -------------------------------------------------------------------------------

export interface OverlapRow {
  /** Bit k set: in segment k. */
  mask: number
  /** The segments (indexes) this region is in, in order. */
  members: number[]
  count: number
}

/** The members of mask among k segments. */
export function maskMembers(mask: number, k: number): number[] {
  const out: number[] = []
  for (let j = 0; j < k; j++) if (mask & (1 << j)) out.push(j)
  return out
}

/**
 * Every region of k overlapping segments: the ones in a single segment first
 * ("only A", "only B"), then pairs, ..., then "in all" - each group by order
 * of the segments.
 */
export function overlapRows(k: number, regions: number[]): OverlapRow[] {
  const rows: OverlapRow[] = []
  for (let m = 1; m < 1 << k; m++) rows.push({ mask: m, members: maskMembers(m, k), count: regions[m] ?? 0 })
  return rows.sort((a, b) => a.members.length - b.members.length || a.members.join(',').localeCompare(b.members.join(',')))
}

/** How many contacts each segment has (the regions it is in), and how many are in any of them. */
export function overlapTotals(k: number, regions: number[]): { sizes: number[]; union: number } {
  const sizes = Array.from({ length: k }, () => 0)
  let union = 0
  for (let m = 1; m < 1 << k; m++) {
    const n = regions[m] ?? 0
    union += n
    for (let j = 0; j < k; j++) if (m & (1 << j)) sizes[j] += n
  }
  return { sizes, union }
}

/** The words a region's label is made of, in the UI language. */
export interface OverlapWords {
  /** "Only in A" */
  only: (name: string) => string
  /** "In both" / "In all 3" */
  all: (n: number) => string
  /** "In A and B only" (names already listed) */
  some: (names: string) => string
  /** "A, B and C" */
  list: (names: string[]) => string
}

/** A region in words: "Only in A", "In A and B only", "In all 3". */
export function overlapLabel(members: number[], k: number, names: string[], words: OverlapWords): string {
  if (members.length === 1) return words.only(names[members[0]])
  if (members.length === k) return words.all(k)
  return words.some(words.list(members.map((j) => names[j])))
}

/** Letters that stand for the segments compared, in the Venn diagram and the table. */
export const segmentLetters = ['A', 'B', 'C', 'D'] as const

// ---- Splits ----------------------------------------------------------------------------------

export type SplitMode = 'control' | 'ab'

/** n shares of 100 as equal as whole numbers allow, the larger ones first: 3 -> 34, 33, 33. */
export function equalPercents(n: number): number[] {
  const k = Math.max(1, Math.floor(n))
  const base = Math.floor(100 / k)
  return Array.from({ length: k }, (_, i) => base + (i < 100 - base * k ? 1 : 0))
}

/** The shares of a split: test and control (100 - p, p), or n equal groups. */
export function splitPercents(mode: SplitMode, controlPercent: number, groups: number): number[] {
  if (mode === 'control') {
    const p = Math.min(99, Math.max(1, Math.round(controlPercent)))
    return [100 - p, p]
  }
  return equalPercents(Math.min(10, Math.max(2, groups)))
}

/** Group letters A, B, C... for an A/B test of n groups. */
export function groupLetters(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i))
}

/** The words group names are made of, in the UI language. */
export interface SplitWords {
  /** "{name} – test" */
  test: (name: string) => string
  /** "{name} – control" */
  control: (name: string) => string
  /** "{name} – A" */
  group: (name: string, letter: string) => string
}

/**
 * The names the groups start with: "<segment> – test" and "<segment> –
 * control", or "<segment> – A", "– B"... The segment's name is shortened
 * so every name stays within MAX_NAME.
 */
export function defaultSplitNames(base: string, mode: SplitMode, groups: number, words: SplitWords): string[] {
  const make = (b: string) =>
    mode === 'control' ? [words.test(b), words.control(b)] : groupLetters(Math.min(10, Math.max(2, groups))).map((l) => words.group(b, l))
  let names = make(base)
  const longest = () => Math.max(...names.map((n) => [...n].length))
  let cut = [...base].length
  while (longest() > MAX_NAME && cut > 1) {
    cut -= longest() - MAX_NAME
    names = make(clip(base, Math.max(1, cut)))
  }
  return names
}

/**
 * The group sizes a split of n contacts gives, the way the backend cuts
 * them (cumulative shares, rounded): exact without strata, to within a
 * contact per stratum with them.
 */
export function splitSizes(n: number, percents: number[]): number[] {
  const cut = (acc: number) => Math.floor((n * acc + 50) / 100)
  let acc = 0
  let start = 0
  return percents.map((p, i) => {
    acc += p
    const end = i === percents.length - 1 ? n : Math.min(n, Math.max(start, cut(acc)))
    const size = end - start
    start = end
    return size
  })
}

/** Names must differ (ignoring case and spacing) and not be empty; the index of the first bad one, or -1. */
export function badSplitName(names: string[]): number {
  const seen = new Set<string>()
  for (let i = 0; i < names.length; i++) {
    const key = names[i].trim().replace(/\s+/g, ' ').toLocaleLowerCase()
    if (!key || [...key].length > MAX_NAME || seen.has(key)) return i
    seen.add(key)
  }
  return -1
}
