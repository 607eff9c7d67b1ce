// Words and numbers for a campaign's results: rates, ROI, money and p-values
// through Intl in the UI language, the plain-words findings (translated by
// code, the backend's English text as the fallback) and the uplift verdict.
// Pure functions taking the language and a translator, so they are tested
// without mounting anything.
import { localeTags } from '../i18n'
import type { LanguageCode } from '../api/types'
import type { CampaignResults, Finding, ResultLine, Touch, Uplift } from '../api/campaigns'
import { followUpAfter, followUpSeries, lifecycleSummary, lineKey } from './charts'

/** The part of vue-i18n the sentences need (useI18n() and i18n.global both fit). */
export interface Translator {
  t: (key: string, named: Record<string, unknown>, plural?: number) => string
  te: (key: string) => boolean
}

const tag = (lang: LanguageCode) => localeTags[lang] ?? 'en-GB'
const cache = new Map<string, Intl.NumberFormat>()
function nf(lang: LanguageCode, key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${lang}|${key}`
  let f = cache.get(k)
  if (!f) {
    f = new Intl.NumberFormat(tag(lang), opts)
    cache.set(k, f)
  }
  return f
}

// ---- Numbers ------------------------------------------------------------------------

/**
 * A rate (0..1) as a percentage with one decimal: "4.1 %", "0.0 %",
 * "56.3 %". One precision everywhere, so the rates of a table, a range or a
 * sentence read alike ("0.00 %" next to "56 %" looked like two kinds of
 * number). digits 0 is for chart axes ("50 %").
 */
export function formatRate(rate: number, lang: LanguageCode, digits = 1): string {
  if (!Number.isFinite(rate)) return '–'
  return nf(lang, `pct${digits}`, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(rate)
}

/** Return on investment (profit / cost) as a percentage with the rates' one decimal: "150.0 %", "-40.5 %". */
export function formatROI(roi: number, lang: LanguageCode): string {
  if (!Number.isFinite(roi)) return '–'
  return formatRate(roi, lang)
}

/** A difference of rates in percentage points, one decimal: 0.012 -> "1.2". */
export function formatPoints(diff: number, lang: LanguageCode): string {
  return nf(lang, 'pp', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(diff * 100)
}

/** "p = 0.01", "p = 0.004", "p < 0.001". */
export function formatP(p: number, lang: LanguageCode): string {
  if (!Number.isFinite(p)) return ''
  if (p < 0.001) return `p < ${nf(lang, 'p3', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(0.001)}`
  const digits = p < 0.01 ? 3 : 2
  return `p = ${nf(lang, `p${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(p)}`
}

/** Days to one decimal: "2.5". */
export function formatDays(days: number, lang: LanguageCode): string {
  return nf(lang, 'days', { maximumFractionDigits: 1 }).format(days)
}

/** Decimals of a currency (2 for DKK, SEK, NOK, RUB, EUR; 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency || 'EUR' }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/**
 * An amount in minor units: "1.234,50 kr." (da). whole rounds to whole
 * units ("1.235 kr."), for the big numbers of the cards.
 */
export function formatMoney(minor: number, currency: string, lang: LanguageCode, whole = false): string {
  const digits = currencyDigits(currency)
  const major = minor / 10 ** digits
  const shown = whole ? 0 : digits
  if (currency) {
    try {
      return nf(lang, `cur${currency}${shown}`, { style: 'currency', currency, minimumFractionDigits: shown, maximumFractionDigits: shown }).format(major)
    } catch {
      // an unknown currency code: the number and the code
    }
  }
  const n = nf(lang, `num${shown}`, { minimumFractionDigits: shown, maximumFractionDigits: shown }).format(major)
  return currency ? `${n} ${currency}` : n
}

/** Amounts from this many whole units on are shown without their cents. */
export const WHOLE_FROM = 1000

/**
 * One precision for the amounts shown together (a table, the key figures, a
 * section): whole units when any of them reaches WHOLE_FROM ("2 149 kr"),
 * else with cents ("301,75 kr"). A row that mixed "574 kr" with "573,50 kr"
 * read as two kinds of number.
 */
export function wholeMoney(amountsMinor: number[], currency: string): boolean {
  const unit = 10 ** currencyDigits(currency)
  return amountsMinor.some((m) => Number.isFinite(m) && Math.abs(m) / unit >= WHOLE_FROM)
}

/** A whole number: "1.234" (da). */
export function formatCount(n: number, lang: LanguageCode): string {
  return nf(lang, 'int', { maximumFractionDigits: 0 }).format(n)
}

// ---- Break-even and expectations ------------------------------------------------------

export type Standing = 'reached' | 'missed' | 'unknown'

/**
 * Has the campaign reached break-even? By the response rate against the
 * break-even rate when the margin is known, else by the profit. Unknown
 * until something was delivered and cost something.
 */
export function breakEven(l: ResultLine): Standing {
  if (l.delivered <= 0 && l.sent <= 0) return 'unknown'
  if (l.breakEvenRate > 0) return l.responseRate >= l.breakEvenRate ? 'reached' : 'missed'
  if (l.costMinor > 0) return l.profitMinor >= 0 ? 'reached' : 'missed'
  return 'unknown'
}

/**
 * The response rate the plan expected: each touch's expected rate weighed
 * by the people on its list, over the target group. null without an
 * expectation (no rates set, or nothing to weigh by).
 */
export function expectedRate(plan: Pick<Touch, 'seq' | 'expectedRate'>[], lines: ResultLine[], totals: ResultLine): number | null {
  if (!plan.some((t) => t.expectedRate > 0)) return null
  const base = totals.recipients
  if (base <= 0) return null
  let expected = 0
  for (const t of plan) {
    const line = lines.find((l) => l.seq === t.seq)
    expected += t.expectedRate * (line ? line.recipients : base)
  }
  return Math.min(1, expected / base)
}

// ---- Findings -----------------------------------------------------------------------

/**
 * The codes this screen words itself, with the parameters each needs.
 * Parameters come as machine text: rates as fractions ("0.041"), money in
 * minor units ("125000", named ...Minor), days as decimals, channels and
 * lifecycle stages by code. Any other code shows the backend's text.
 */
export const FINDING_PARAMS: Record<string, string[]> = {
  no_sends: [],
  response_rate: ['rate', 'responses', 'delivered'],
  break_even_reached: ['rate', 'breakEven'],
  break_even_missed: ['rate', 'breakEven'],
  profit: ['profitMinor', 'roi'],
  loss: ['profitMinor', 'roi'],
  uplift: [],
  no_control: [],
  follow_up: ['share', 'after'],
  follow_up_responses: ['share', 'after'],
  follow_up_revenue: ['share', 'after'],
  no_responses: ['delivered'],
  best_touch: ['seq', 'channel', 'rate'],
  best_segment: ['segment', 'rate'],
  best_channel: ['channel', 'rate'],
  bounced: ['n', 'rate'],
  open_fulfilments: ['n'],
  fulfilment_days: ['days'],
  first_purchase: ['n'],
  won_back: ['n'],
}

const RATES = new Set(['rate', 'breakEven', 'expected', 'share', 'targetRate', 'controlRate'])
const POINTS = new Set(['uplift', 'low', 'high'])
const STAGE_PARAMS = new Set(['segment', 'stage', 'from', 'to'])
/** The parameter that picks the plural form, when it is not n. */
const COUNT_PARAM: Record<string, string> = { follow_up: 'after', follow_up_responses: 'after', follow_up_revenue: 'after', no_responses: 'delivered' }
const word = /^[a-zA-Z][a-zA-Z0-9_]*$/

export interface TextContext {
  lang: LanguageCode
  currency: string
  tr: Translator
}

/** A channel's name ("email" -> "Email"), the code itself when unknown. */
export function channelLabel(channel: string, tr: Translator): string {
  const k = `results.channels.${channel}`
  return word.test(channel) && tr.te(k) ? tr.t(k, {}) : channel
}

/** A lifecycle stage's name ("lapsing" -> "Slipping away"). */
export function stageLabel(stage: string, tr: Translator): string {
  const k = `results.stages.${stage || 'unknown'}`
  return word.test(stage || 'unknown') && tr.te(k) ? tr.t(k, {}) : stage
}

/** A finding's parameters formatted for reading; "...Minor" money loses the suffix ({profit}). */
export function findingParams(code: string, params: Record<string, string>, ctx: TextContext): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, raw] of Object.entries(params ?? {})) {
    const v = String(raw ?? '')
    const n = Number(v)
    const numeric = v.trim() !== '' && Number.isFinite(n)
    if (name.endsWith('Minor') && name.length > 5) {
      // A loss is said in words ("lost 1.200 kr."), so its amount is shown without the minus.
      out[name.slice(0, -5)] = numeric ? formatMoney(code === 'loss' ? Math.abs(n) : n, ctx.currency, ctx.lang, true) : v
    } else if (name === 'channel') out[name] = channelLabel(v, ctx.tr)
    else if (STAGE_PARAMS.has(name)) out[name] = stageLabel(v, ctx.tr)
    else if (!numeric) out[name] = v
    else if (RATES.has(name)) out[name] = formatRate(n, ctx.lang)
    else if (name === 'roi') out[name] = formatROI(n, ctx.lang)
    else if (POINTS.has(name)) out[name] = formatPoints(n, ctx.lang)
    else if (name === 'p') out[name] = formatP(n, ctx.lang)
    else if (name === 'days') out[name] = formatDays(n, ctx.lang)
    else out[name] = formatCount(n, ctx.lang)
  }
  return out
}

/**
 * The backend's own spellings of a few findings, mapped onto the codes
 * above: break_even {state: reached|not_yet}, after_fifth {share, basis:
 * orders|revenue|responses}.
 */
export function normalizeFinding(f: Finding): Finding {
  const p = f.params ?? {}
  if (f.code === 'break_even' && (p.state === 'reached' || p.state === 'not_yet')) {
    return { ...f, code: p.state === 'reached' ? 'break_even_reached' : 'break_even_missed' }
  }
  if (f.code === 'after_fifth') {
    const code = p.basis === 'revenue' ? 'follow_up_revenue' : p.basis === 'responses' ? 'follow_up_responses' : 'follow_up'
    return { ...f, code, params: { ...p, after: p.after ?? '5' } }
  }
  return f
}

/** One finding as a sentence in the UI language; the backend's text for codes this screen does not know. */
export function findingText(finding: Finding, ctx: TextContext, uplift?: Uplift): string {
  const f = normalizeFinding(finding)
  const need = FINDING_PARAMS[f.code]
  if (f.code === 'uplift' && uplift) {
    const u = upliftText(uplift, ctx)
    if (u) return u.sentence
  }
  const key = `results.findings.${f.code}`
  const params = f.params ?? {}
  if (!need || !ctx.tr.te(key) || need.some((p) => !(p in params))) return f.text || ''
  const named = findingParams(f.code, params, ctx)
  const countName = COUNT_PARAM[f.code] ?? 'n'
  const count = countName in params ? Number(params[countName]) : NaN
  return Number.isFinite(count) ? ctx.tr.t(key, named, count) : ctx.tr.t(key, named)
}

// ---- Uplift -------------------------------------------------------------------------

const SIGNIFICANT = new Set(['very_likely', 'likely', 'perhaps'])

export interface UpliftWords {
  /** "4.1 % against 2.9 %: very likely a real effect (p = 0.01)." */
  sentence: string
  /** "The campaign added between 0.3 and 2.1 percentage points." ("" without data) */
  interval: string
  /** Which test compared the groups. */
  test: string
}

/** The uplift in plain words; null without a control group. */
export function upliftText(u: Uplift, ctx: TextContext): UpliftWords | null {
  if (!u.measured) return null
  const { tr, lang } = ctx
  const testKey = u.test === 'fisher' ? 'fisher' : 'z'
  const test = tr.t(`results.uplift.test.${testKey}`, {})
  if (u.verdict === 'no_data' || u.targetN <= 0 || u.controlN <= 0) {
    return { sentence: tr.t('results.verdicts.no_data', {}), interval: '', test: '' }
  }
  const verdictKey = u.uplift < 0 && SIGNIFICANT.has(u.verdict) ? `results.verdictsLess.${u.verdict}` : `results.verdicts.${u.verdict}`
  const verdict = tr.te(verdictKey) ? tr.t(verdictKey, {}) : u.verdict
  const sentence = tr.t('results.uplift.sentence', {
    target: formatRate(u.targetRate, lang),
    control: formatRate(u.controlRate, lang),
    verdict,
    p: formatP(u.p, lang),
  })
  let interval: string
  if (u.low > 0) interval = tr.t('results.uplift.interval.up', { low: formatPoints(u.low, lang), high: formatPoints(u.high, lang) })
  else if (u.high < 0) interval = tr.t('results.uplift.interval.down', { low: formatPoints(-u.high, lang), high: formatPoints(-u.low, lang) })
  else interval = tr.t('results.uplift.interval.mixed', { low: formatPoints(u.low, lang), high: formatPoints(u.high, lang) })
  return { sentence, interval, test }
}

// ---- A summary when the backend gives none ------------------------------------------------

const f = (code: string, params: Record<string, string | number> = {}): Finding => ({
  code,
  params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  text: '',
})

/**
 * The plain-words summary worked out from the numbers, for results that
 * come without findings: how many answered, break-even, profit, the
 * control group, the follow-up curve, the best touch, what is waiting.
 */
export function deriveFindings(r: CampaignResults): Finding[] {
  const out: Finding[] = []
  const tot = r.totals
  if (tot.sent <= 0 && tot.responses <= 0) return [f('no_sends')]
  const reached = tot.delivered > 0 ? tot.delivered : tot.sent
  out.push(f('response_rate', { rate: tot.responseRate, responses: tot.responses, delivered: reached }))
  if (tot.breakEvenRate > 0) out.push(f(tot.responseRate >= tot.breakEvenRate ? 'break_even_reached' : 'break_even_missed', { rate: tot.responseRate, breakEven: tot.breakEvenRate }))
  if (tot.costMinor > 0) out.push(f(tot.profitMinor >= 0 ? 'profit' : 'loss', { profitMinor: tot.profitMinor, roi: tot.roi }))
  out.push(r.uplift.measured ? f('uplift') : f('no_control'))
  const s = followUpSeries(r.followUp)
  const late = followUpAfter(s)
  if (late) out.push(f(s.metric === 'orders' ? 'follow_up' : 'follow_up_responses', { share: late.share, after: late.after }))
  const answered = r.touches.filter((l) => l.responses > 0)
  const comparable = answered.filter(bigEnough)
  if (answered.length > 1 && comparable.length) {
    const best = comparable.reduce((a, b) => (b.responseRate > a.responseRate ? b : a))
    out.push(f('best_touch', { seq: best.seq, channel: best.channel, rate: best.responseRate }))
  }
  if (tot.bounced > 0) out.push(f('bounced', { n: tot.bounced, rate: tot.sent > 0 ? tot.bounced / tot.sent : 0 }))
  const moved = lifecycleSummary(r.lifecycle)
  if (moved.firstPurchase > 0) out.push(f('first_purchase', { n: moved.firstPurchase }))
  if (moved.wonBack > 0) out.push(f('won_back', { n: moved.wonBack }))
  if (r.openFulfilments > 0) out.push(f('open_fulfilments', { n: r.openFulfilments }))
  return out
}

// ---- Which findings to show --------------------------------------------------------------

/** A "best" group needs at least this many people reached ... */
export const MIN_GROUP_REACHED = 20
/** ... and this many responses, else its rate is chance ("100 %" from a single call). */
export const MIN_GROUP_RESPONSES = 3

/** The people a line's response rate was worked out on: those reached, or those sent to. */
const reachedOf = (l: ResultLine) => (l.delivered > 0 ? l.delivered : l.sent)

/** Is a line's response rate worth naming as the best? */
export function bigEnough(l: ResultLine): boolean {
  return reachedOf(l) >= MIN_GROUP_REACHED && l.responses >= MIN_GROUP_RESPONSES
}

/** The line a "best ..." finding speaks of; undefined for other findings or an unknown group. */
function bestLine(f: Finding, r: CampaignResults): ResultLine | undefined {
  const p = f.params ?? {}
  switch (f.code) {
    case 'best_touch':
      return r.touches.find((l) => String(l.seq) === p.seq)
    case 'best_segment':
      return r.segments.find((l) => lineKey(l) === (p.segment || 'unknown'))
    case 'best_channel':
      return r.channels.find((l) => (l.channel || lineKey(l)) === p.channel)
    default:
      return undefined
  }
}

const BEST = new Set(['best_touch', 'best_segment', 'best_channel'])

/**
 * The findings to show: the backend's, or worked out here when it sent none,
 * without a "best touch / segment / channel" whose group is too small to
 * mean anything (fewer than MIN_GROUP_REACHED people reached or fewer than
 * MIN_GROUP_RESPONSES responses), or that cannot be found in the tables.
 */
export function visibleFindings(r: CampaignResults): Finding[] {
  const list = r.findings?.length ? r.findings : deriveFindings(r)
  return list.filter((f) => {
    if (!BEST.has(f.code)) return true
    const l = bestLine(f, r)
    return !!l && bigEnough(l)
  })
}

/** Has anything gone out yet (else the screen shows its empty state)? */
export function hasStarted(r: CampaignResults): boolean {
  return r.totals.sent > 0 || r.totals.responses > 0 || r.touches.some((l) => l.sent > 0)
}
