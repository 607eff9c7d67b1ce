import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '../i18n'
import type { LanguageCode } from '../api/types'
import type { CampaignResults, ResultLine, Uplift } from '../api/campaigns'
import {
  breakEven,
  deriveFindings,
  expectedRate,
  findingParams,
  findingText,
  formatMoney,
  formatP,
  formatPoints,
  formatRate,
  formatROI,
  hasStarted,
  upliftText,
  type TextContext,
  type Translator,
} from './results'

// Intl puts no-break and narrow no-break spaces into numbers; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

const g = i18n.global
const tr: Translator = {
  t: (key, named, plural) => (plural === undefined ? g.t(key, named) : g.t(key, named, plural)),
  te: (key) => g.te(key),
}
function ctx(lang: LanguageCode, currency = 'DKK'): TextContext {
  g.locale.value = lang
  return { lang, currency, tr }
}
afterEach(() => {
  g.locale.value = 'en'
})

function line(over: Partial<ResultLine> = {}): ResultLine {
  return {
    key: 'total', label: 'Total', channel: '', seq: 0, due: '', recipients: 1000, sent: 1000, delivered: 980, bounced: 20,
    responses: 40, orders: 25, clicks: 0, opens: 0, revenueMinor: 2_500_000, costMinor: 1_200_000, responseRate: 40 / 980,
    orderRate: 25 / 980, costPerResponseMinor: 30_000, costPerOrderMinor: 48_000, profitMinor: 50_000, roi: 50_000 / 1_200_000,
    breakEvenRate: 0.03, ...over,
  }
}

function uplift(over: Partial<Uplift> = {}): Uplift {
  return {
    measured: true, targetN: 900, targetBuyers: 37, controlN: 100, controlBuyers: 3, targetRate: 0.041, controlRate: 0.029,
    uplift: 0.012, low: 0.003, high: 0.021, p: 0.0123, test: 'z', verdict: 'likely', targetRevenuePerPersonMinor: 4100,
    controlRevenuePerPersonMinor: 2900, incrementalRevenueMinor: 1_080_000, ...over,
  }
}

describe('numbers in the UI language', () => {
  it('writes rates with the decimals that matter', () => {
    expect(plain(formatRate(0.041, 'en'))).toBe('4.1%')
    expect(plain(formatRate(0.041, 'da'))).toBe('4,1 %')
    expect(plain(formatRate(0.0005, 'en'))).toBe('0.05%')
    expect(plain(formatRate(0.125, 'sv'))).toBe('13 %')
    expect(plain(formatRate(0, 'ru'))).toBe('0 %')
  })
  it('writes the return on investment as a whole percentage', () => {
    expect(plain(formatROI(1.5, 'en'))).toBe('150%')
    expect(plain(formatROI(-0.4, 'nb'))).toMatch(/^[-−]40 %$/)
  })
  it('writes percentage points and p-values', () => {
    expect(formatPoints(0.0123, 'en')).toBe('1.2')
    expect(formatPoints(0.003, 'da')).toBe('0,3')
    expect(formatP(0.0123, 'en')).toBe('p = 0.01')
    expect(formatP(0.004, 'en')).toBe('p = 0.004')
    expect(formatP(0.00001, 'sv')).toBe('p < 0,001')
  })
  it('writes money from minor units in the currency', () => {
    expect(plain(formatMoney(123450, 'DKK', 'da'))).toBe('1.234,50 kr.')
    expect(plain(formatMoney(123450, 'DKK', 'da', true))).toBe('1.235 kr.')
    expect(plain(formatMoney(123450, 'SEK', 'sv'))).toBe('1 234,50 kr')
    expect(plain(formatMoney(-5000, 'EUR', 'en'))).toBe('-€50.00')
    expect(plain(formatMoney(100, '', 'en'))).toBe('1.00')
  })
})

describe('break-even', () => {
  it('compares the response rate with the break-even rate', () => {
    expect(breakEven(line({ responseRate: 0.041, breakEvenRate: 0.03 }))).toBe('reached')
    expect(breakEven(line({ responseRate: 0.02, breakEvenRate: 0.03 }))).toBe('missed')
  })
  it('falls back to the profit without a margin, and knows nothing before sending', () => {
    expect(breakEven(line({ breakEvenRate: 0, profitMinor: -100 }))).toBe('missed')
    expect(breakEven(line({ breakEvenRate: 0, profitMinor: 0 }))).toBe('reached')
    expect(breakEven(line({ sent: 0, delivered: 0 }))).toBe('unknown')
    expect(breakEven(line({ breakEvenRate: 0, costMinor: 0 }))).toBe('unknown')
  })
})

describe('expectedRate', () => {
  it('weighs each touch by the people on its list', () => {
    // 1000 people: 2 % of 1000 expected from the letter, 1 % of 600 from the call: 26 of 1000.
    const lines = [line({ seq: 1, recipients: 1000 }), line({ seq: 2, recipients: 600 })]
    expect(expectedRate([{ seq: 1, expectedRate: 0.02 }, { seq: 2, expectedRate: 0.01 }], lines, line())).toBeCloseTo(0.026)
  })
  it('is unknown without expectations or people', () => {
    expect(expectedRate([{ seq: 1, expectedRate: 0 }], [], line())).toBeNull()
    expect(expectedRate([{ seq: 1, expectedRate: 0.02 }], [], line({ recipients: 0 }))).toBeNull()
  })
})

describe('the uplift in words', () => {
  it('says the rates, the verdict and the p-value, then the interval and the test', () => {
    const w = upliftText(uplift(), ctx('en'))!
    expect(w.sentence).toBe('4.1% against 2.9%: probably a real effect (p = 0.01).')
    expect(w.interval).toBe('The campaign added between 0.3 and 2.1 percentage points.')
    expect(w.test).toContain('two-proportion test')
  })

  it('words every verdict', () => {
    const words = (verdict: Uplift['verdict']) => upliftText(uplift({ verdict }), ctx('en'))!.sentence
    expect(words('very_likely')).toContain('very likely a real effect')
    expect(words('perhaps')).toContain('perhaps an effect')
    expect(words('not_shown')).toContain('no clear effect')
    expect(words('no_data')).toBe('Too few people have bought yet to compare the two groups.')
  })

  it('says so when the campaign group bought less, and when the interval crosses zero', () => {
    const less = upliftText(uplift({ targetRate: 0.02, controlRate: 0.05, uplift: -0.03, low: -0.05, high: -0.01, verdict: 'very_likely' }), ctx('en'))!
    expect(less.sentence).toContain('the campaign group very likely bought less')
    expect(less.interval).toBe('The campaign group bought between 1.0 and 5.0 percentage points less.')
    const mixed = upliftText(uplift({ low: -0.004, high: 0.02, verdict: 'not_shown', p: 0.3 }), ctx('en'))!
    expect(mixed.interval).toContain('between -0.4 and 2.0 percentage points, so it may also be none')
  })

  it('names Fisher’s exact test for small groups', () => {
    expect(upliftText(uplift({ test: 'fisher' }), ctx('en'))!.test).toContain("Fisher's exact test")
  })

  it('has nothing to say without a control group', () => {
    expect(upliftText(uplift({ measured: false }), ctx('en'))).toBeNull()
  })

  it('speaks the other languages with their own numbers', () => {
    expect(plain(upliftText(uplift({ verdict: 'very_likely' }), ctx('da'))!.sentence)).toBe('4,1 % mod 2,9 %: meget sandsynligt en reel effekt (p = 0,01).')
    expect(plain(upliftText(uplift(), ctx('ru'))!.interval)).toBe('Кампания добавила от 0,3 до 2,1 процентного пункта.')
  })
})

describe('findings', () => {
  it('translates a known code with its parameters', () => {
    const f = { code: 'break_even_reached', params: { rate: '0.041', breakEven: '0.03' }, text: 'English' }
    expect(findingText(f, ctx('en'))).toBe('The campaign pays for itself: 4.1% responded, and 3.0% was needed to break even.')
  })

  it('uses plural forms by count', () => {
    const one = { code: 'open_fulfilments', params: { n: '1' }, text: '' }
    const many = { code: 'open_fulfilments', params: { n: '5' }, text: '' }
    expect(findingText(one, ctx('en'))).toBe('1 request is still waiting to be fulfilled.')
    expect(findingText(many, ctx('en'))).toBe('5 requests are still waiting to be fulfilled.')
    expect(findingText({ ...many, params: { n: '3' } }, ctx('ru'))).toBe('3 запроса ещё ждут выполнения.')
    expect(findingText({ ...many, params: { n: '11' } }, ctx('ru'))).toBe('11 запросов ещё ждут выполнения.')
  })

  it('says what came after the first contacts', () => {
    const f = { code: 'follow_up', params: { share: '0.3', after: '5' }, text: '' }
    expect(findingText(f, ctx('en'))).toBe('30% of the orders came after the first 5 contacts.')
    expect(findingText({ ...f, params: { share: '0.3', after: '1' } }, ctx('en'))).toBe('30% of the orders came after the first contact.')
  })

  it('formats money, channels and stages among the parameters', () => {
    const p = findingParams('loss', { profitMinor: '-120000', roi: '-0.2' }, ctx('da'))
    expect(plain(p.profit)).toBe('1.200 kr.')
    expect(findingParams('best_channel', { channel: 'email', rate: '0.05' }, ctx('en')).channel).toBe('Email')
    expect(findingParams('best_segment', { segment: 'lapsing', rate: '0.05' }, ctx('en')).segment).toBe('Slipping away')
  })

  it('falls back to the backend’s text for unknown codes or missing parameters', () => {
    expect(findingText({ code: 'weather_was_nice', params: {}, text: 'It was sunny.' }, ctx('da'))).toBe('It was sunny.')
    expect(findingText({ code: 'bounced', params: { n: '3' }, text: '3 bounced.' }, ctx('en'))).toBe('3 bounced.')
  })

  it('reads the backend’s spellings of break-even and the follow-up share', () => {
    const be = { code: 'break_even', params: { state: 'not_yet', rate: '0.02', breakEven: '0.029' }, text: 'Break-even not reached yet.' }
    expect(findingText(be, ctx('en'))).toBe('The campaign does not pay for itself yet: 2.0% responded, but 2.9% is needed to break even.')
    const fifth = { code: 'after_fifth', params: { share: '0.15', basis: 'revenue', touches: '7' }, text: '' }
    expect(plain(findingText(fifth, ctx('nb')))).toBe('15 % av omsetningen kom etter de første 5 kontaktene.')
    expect(findingText({ ...fifth, params: { share: '0.15', basis: 'orders' } }, ctx('en'))).toBe('15% of the orders came after the first 5 contacts.')
    expect(findingText({ code: 'no_responses', params: { delivered: '1' }, text: '' }, ctx('en'))).toBe('No responses yet from the one person reached.')
    expect(findingText({ code: 'no_responses', params: { delivered: '21' }, text: '' }, ctx('ru'))).toBe('Пока нет откликов от 21 получившего.')
  })

  it('words the uplift finding from the uplift numbers', () => {
    expect(findingText({ code: 'uplift', params: {}, text: '' }, ctx('en'), uplift())).toMatch(/^4\.1% against 2\.9%/)
  })
})

function results(over: Partial<CampaignResults> = {}): CampaignResults {
  return {
    campaignId: 1, name: 'Spring', status: 'running', currency: 'DKK', asOf: '2026-04-01T10:00:00Z', totals: line(),
    touches: [line({ key: 'touch:1', seq: 1, channel: 'letter', responseRate: 0.03, responses: 30 }), line({ key: 'touch:2', seq: 2, channel: 'email', responseRate: 0.05, responses: 10 })],
    segments: [], channels: [],
    followUp: [1, 2, 3, 4, 5, 6].map((seq) => ({ seq, channel: 'letter', responses: 10, orders: seq === 6 ? 5 : 4, revenueMinor: 0, cumulativeShare: 0 })),
    daily: [], uplift: uplift(), ltv: { targetBeforeMinor: 0, targetSinceMinor: 0, controlBeforeMinor: 0, controlSinceMinor: 0, targetLifetimeMinor: 0, sinceDays: 0 },
    lifecycle: [{ from: 'lost', to: 'loyal', count: 2 }], openFulfilments: 4, fulfilmentDays: 1.5, findings: [], ...over,
  }
}

describe('deriveFindings', () => {
  it('sums up a campaign in plain words when the backend gives no findings', () => {
    const list = deriveFindings(results())
    expect(list.map((f) => f.code)).toEqual(['response_rate', 'break_even_reached', 'profit', 'uplift', 'follow_up', 'best_touch', 'bounced', 'won_back', 'open_fulfilments'])
    const text = list.map((f) => findingText(f, ctx('en'), uplift()))
    expect(text[0]).toBe('40 of 980 people reached have responded: 4.1%.')
    expect(text[4]).toBe('20% of the orders came after the first 5 contacts.')
    expect(text[5]).toBe('Touch 2 (Email) had the best response rate: 5.0%.')
  })

  it('tells about a missing control group and a loss', () => {
    const codes = deriveFindings(results({ uplift: uplift({ measured: false }), totals: line({ profitMinor: -10, responseRate: 0.01 }) })).map((f) => f.code)
    expect(codes).toContain('no_control')
    expect(codes).toContain('loss')
    expect(codes).toContain('break_even_missed')
  })

  it('says nothing has gone out before the first touch', () => {
    const r = results({ totals: line({ sent: 0, delivered: 0, responses: 0 }), touches: [] })
    expect(deriveFindings(r).map((f) => f.code)).toEqual(['no_sends'])
    expect(hasStarted(r)).toBe(false)
    expect(hasStarted(results())).toBe(true)
  })
})
