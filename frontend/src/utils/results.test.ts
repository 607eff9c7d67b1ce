import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '../i18n'
import type { LanguageCode } from '../api/types'
import resultsEn from '../i18n/locales/results/en.json'
import resultsDa from '../i18n/locales/results/da.json'
import resultsSv from '../i18n/locales/results/sv.json'
import resultsNb from '../i18n/locales/results/nb.json'
import resultsRu from '../i18n/locales/results/ru.json'
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
  visibleFindings,
  wholeMoney,
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
  it('writes every rate with one decimal, so a range never mixes "0.00 %" with "56 %"', () => {
    expect(plain(formatRate(0.041, 'en'))).toBe('4.1%')
    expect(plain(formatRate(0.041, 'da'))).toBe('4,1 %')
    expect(plain(formatRate(0.0004, 'en'))).toBe('0.0%')
    expect(plain(formatRate(0.125, 'sv'))).toBe('12,5 %')
    expect(plain(formatRate(0.56, 'nb'))).toBe('56,0 %')
    expect(plain(formatRate(0, 'ru'))).toBe('0,0 %')
    // Chart axes ask for whole percentages.
    expect(plain(formatRate(0.5, 'en', 0))).toBe('50%')
  })
  it('keeps the number and its % together', () => {
    // Intl joins them with a no-break space where the language puts a space.
    for (const lang of ['da', 'sv', 'nb', 'ru'] as const) expect(formatRate(0.95, lang)).toMatch(/\d[\u00a0\u202f]%$/)
  })
  it('writes the return on investment with the rates’ one decimal', () => {
    expect(plain(formatROI(1.5, 'en'))).toBe('150.0%')
    expect(plain(formatROI(-0.4, 'nb'))).toMatch(/^[-−]40,0 %$/)
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
  it('picks one precision for amounts shown together', () => {
    // 573,50 kr next to 2 149 kr: all whole.
    expect(wholeMoney([57_350, 214_900], 'NOK')).toBe(true)
    // Everything under 1 000 kr keeps its øre.
    expect(wholeMoney([57_350, 99_999, 0], 'NOK')).toBe(false)
    // A loss counts by its size.
    expect(wholeMoney([-100_000], 'DKK')).toBe(true)
    expect(wholeMoney([], 'DKK')).toBe(false)
    // Yen have no minor units: 1 000 is 1000.
    expect(wholeMoney([1000], 'JPY')).toBe(true)
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
    expect(findingText(f, ctx('en'))).toBe('The campaign pays for itself: 4.1% responded, and 3.0% was needed.')
    // No English "break-even" in the other languages: the wizard's "betaler seg".
    expect(plain(findingText(f, ctx('nb')))).toBe('Kampanjen betaler seg: 4,1 % svarte, og det trengtes 3,0 %.')
  })

  it('uses plural forms by count', () => {
    const one = { code: 'open_fulfilments', params: { n: '1' }, text: '' }
    const many = { code: 'open_fulfilments', params: { n: '5' }, text: '' }
    expect(findingText(one, ctx('en'))).toBe('1 request is still waiting to be fulfilled.')
    expect(findingText(many, ctx('en'))).toBe('5 requests are still waiting to be fulfilled.')
    expect(findingText({ ...many, params: { n: '3' } }, ctx('ru'))).toBe('3 запроса ещё ждут выполнения.')
    expect(findingText({ ...many, params: { n: '11' } }, ctx('ru'))).toBe('11 запросов ещё ждут выполнения.')
  })

  it('says what came after the first touches', () => {
    const f = { code: 'follow_up', params: { share: '0.3', after: '5' }, text: '' }
    expect(findingText(f, ctx('en'))).toBe('30.0% of the orders came after the first 5 touches.')
    expect(findingText({ ...f, params: { share: '0.3', after: '1' } }, ctx('en'))).toBe('30.0% of the orders came after the first touch.')
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
    expect(findingText(be, ctx('en'))).toBe('The campaign does not pay for itself yet: 2.0% responded, but 2.9% is needed.')
    const fifth = { code: 'after_fifth', params: { share: '0.15', basis: 'revenue', touches: '7' }, text: '' }
    expect(plain(findingText(fifth, ctx('nb')))).toBe('15,0 % av omsetningen kom etter de første 5 trinnene.')
    expect(findingText({ ...fifth, params: { share: '0.15', basis: 'orders' } }, ctx('en'))).toBe('15.0% of the orders came after the first 5 touches.')
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
    expect(text[4]).toBe('20.0% of the orders came after the first 5 touches.')
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

describe('visibleFindings', () => {
  // The Norwegian test campaign: the call touch reached one person, who ordered: "100 %".
  const tiny = () =>
    results({
      touches: [
        line({ key: 'touch:1', seq: 1, channel: 'letter', sent: 31, delivered: 31, responses: 1, responseRate: 1 / 31 }),
        line({ key: 'touch:3', seq: 3, channel: 'phone', sent: 1, delivered: 1, responses: 1, responseRate: 1 }),
      ],
      segments: [line({ key: 'segment:prospect', responses: 2, delivered: 31, responseRate: 2 / 31 }), line({ key: 'segment:loyal', responses: 40, delivered: 980 })],
      channels: [line({ key: 'channel:phone', channel: 'phone', sent: 25, delivered: 25, responses: 3, responseRate: 0.12 })],
      findings: [
        { code: 'response_rate', params: { rate: '0.065', responses: '2', delivered: '31' }, text: '' },
        { code: 'best_touch', params: { seq: '3', channel: 'phone', rate: '1' }, text: 'Touch 3 (phone) worked best: 100%.' },
        { code: 'best_segment', params: { segment: 'prospect', rate: '0.065' }, text: '' },
        { code: 'best_channel', params: { channel: 'phone', rate: '0.12' }, text: '' },
      ],
    })

  it('leaves out a best touch or segment resting on a handful of people', () => {
    expect(visibleFindings(tiny()).map((f) => f.code)).toEqual(['response_rate', 'best_channel'])
  })

  it('needs 20 people reached and 3 responses', () => {
    const r = tiny()
    const call = r.touches[1]
    Object.assign(call, { sent: 20, delivered: 20, responses: 2 })
    expect(visibleFindings(r).map((f) => f.code)).not.toContain('best_touch')
    Object.assign(call, { responses: 3 })
    expect(visibleFindings(r).map((f) => f.code)).toContain('best_touch')
    Object.assign(call, { delivered: 19, sent: 19 })
    expect(visibleFindings(r).map((f) => f.code)).not.toContain('best_touch')
    // Nothing delivered counted yet (a call list in progress): the people called count.
    Object.assign(call, { delivered: 0, sent: 24 })
    expect(visibleFindings(r).map((f) => f.code)).toContain('best_touch')
  })

  it('keeps a best segment with enough behind it, and drops one it cannot find', () => {
    const r = tiny()
    r.findings[2] = { code: 'best_segment', params: { segment: 'loyal', rate: '0.04' }, text: '' }
    expect(visibleFindings(r).map((f) => f.code)).toContain('best_segment')
    r.findings[2] = { code: 'best_segment', params: { segment: 'lost', rate: '0.04' }, text: '' }
    expect(visibleFindings(r).map((f) => f.code)).not.toContain('best_segment')
  })

  it('filters the findings worked out here too, naming only a touch big enough', () => {
    const r = tiny()
    r.findings = []
    expect(visibleFindings(r).map((f) => f.code)).not.toContain('best_touch')
    // Among touches big enough the best is named, even when a tiny one did "better".
    r.touches.push(line({ key: 'touch:2', seq: 2, channel: 'email', sent: 500, delivered: 490, responses: 10, responseRate: 10 / 490 }))
    r.touches[0] = line({ key: 'touch:1', seq: 1, channel: 'letter', sent: 500, delivered: 500, responses: 5, responseRate: 0.01 })
    const best = visibleFindings(r).find((f) => f.code === 'best_touch')
    expect(best?.params.seq).toBe('2')
  })
})

describe('the results’ words', () => {
  const locales = { en: resultsEn, da: resultsDa, sv: resultsSv, nb: resultsNb, ru: resultsRu }
  const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [])

  it('never lets a line break part a number from its %', () => {
    for (const [lang, messages] of Object.entries(locales)) {
      for (const m of strings(messages)) expect(m, lang).not.toMatch(/[\d}] %/)
    }
  })

  it('call a touch what the work area calls it, and break-even what the wizard calls it', () => {
    const touch: Record<string, RegExp> = { da: /\btrin\b/i, sv: /\bsteg\b/i, nb: /\btrinn\b/i, ru: /касани/i, en: /\btouch\b/i }
    for (const [lang, messages] of Object.entries(locales)) {
      const all = strings(messages).join('\n')
      expect(messages.results.columns.seq, lang).toMatch(touch[lang])
      expect(messages.results.tables.touches, lang).toMatch(touch[lang])
      expect(messages.results.followUp.touch, lang).toMatch(touch[lang])
      if (lang !== 'en') expect(all, lang).not.toMatch(/break.even/i)
    }
    // "Kontakt" is a person (Kontakter) in the Scandinavian screens, never a touch.
    for (const lang of ['da', 'sv', 'nb'] as const) expect(strings(locales[lang]).join('\n'), lang).not.toMatch(/\bkontakt(en|er|erna|ene)?\b/i)
  })
})
