import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NMessageProvider } from 'naive-ui'
import type { CampaignResults, ResultLine } from '../../../api/campaigns'

vi.mock('../../../api/campaigns', () => ({
  results: vi.fn(),
  get: vi.fn(),
  exportReport: vi.fn(),
}))
vi.mock('../../../api/download', () => ({
  saveTarget: vi.fn(),
  deliver: vi.fn(),
  isBrowserMode: vi.fn(() => false),
}))

import * as api from '../../../api/campaigns'
import * as download from '../../../api/download'
import { i18n } from '../../../i18n'
import ResultsPanel from './ResultsPanel.vue'

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim()

function line(over: Partial<ResultLine> = {}): ResultLine {
  return {
    key: 'total', label: 'Total', channel: '', seq: 0, due: '', recipients: 1000, sent: 2400, delivered: 2360, bounced: 40,
    responses: 41, orders: 25, clicks: 0, opens: 0, revenueMinor: 3_750_000, costMinor: 1_200_000, responseRate: 0.041,
    orderRate: 0.025, costPerResponseMinor: 29_268, costPerOrderMinor: 48_000, profitMinor: 300_000, roi: 0.25,
    breakEvenRate: 0.03, ...over,
  }
}

function fixture(over: Partial<CampaignResults> = {}): CampaignResults {
  return {
    campaignId: 7, name: 'Forårskampagne', status: 'finished', currency: 'DKK', asOf: '2026-04-20T10:00:00Z',
    totals: line(),
    touches: [
      line({ key: 'touch:1', label: 'Touch 1', channel: 'letter', seq: 1, due: '2026-03-01', sent: 1000, delivered: 990, bounced: 10, responses: 30, orders: 18, responseRate: 0.0303, clicks: 12 }),
      line({ key: 'touch:2', label: 'Touch 2', channel: 'email', seq: 2, due: '2026-03-15', sent: 900, delivered: 880, bounced: 20, responses: 8, orders: 5, responseRate: 0.0091 }),
      line({ key: 'touch:3', label: 'Touch 3', channel: 'phone', seq: 3, due: '2026-03-29', sent: 500, delivered: 490, bounced: 10, responses: 3, orders: 2, responseRate: 0.0061, costMinor: 0 }),
    ],
    segments: [line({ key: 'segment:loyal', label: 'loyal', responses: 20 }), line({ key: 'segment:lapsing', label: 'lapsing', responses: 21 })],
    channels: [line({ key: 'channel:letter', label: 'letter', channel: 'letter' }), line({ key: 'channel:email', label: 'email', channel: 'email' })],
    followUp: [
      { seq: 1, channel: 'letter', responses: 30, orders: 18, revenueMinor: 2_700_000, cumulativeShare: 0.72 },
      { seq: 2, channel: 'email', responses: 8, orders: 5, revenueMinor: 750_000, cumulativeShare: 0.92 },
      { seq: 3, channel: 'phone', responses: 3, orders: 2, revenueMinor: 300_000, cumulativeShare: 1 },
    ],
    daily: [
      { date: '2026-03-03', responses: 12, orders: 7, revenueMinor: 1_050_000 },
      { date: '2026-03-05', responses: 9, orders: 5, revenueMinor: 750_000 },
    ],
    uplift: {
      measured: true, targetN: 900, targetBuyers: 37, controlN: 100, controlBuyers: 3, targetRate: 0.041, controlRate: 0.029,
      uplift: 0.012, low: 0.003, high: 0.021, p: 0.0123, test: 'fisher', verdict: 'likely', targetRevenuePerPersonMinor: 4100,
      controlRevenuePerPersonMinor: 2900, incrementalRevenueMinor: 1_080_000,
    },
    ltv: { targetBeforeMinor: 52_000, targetSinceMinor: 4100, controlBeforeMinor: 50_000, controlSinceMinor: 2900, targetLifetimeMinor: 180_000, sinceDays: 50 },
    lifecycle: [
      { from: 'lapsing', to: 'repeat', count: 4 },
      { from: 'loyal', to: 'loyal', count: 300 },
    ],
    openFulfilments: 3,
    fulfilmentDays: 2.5,
    findings: [
      { code: 'break_even_reached', params: { rate: '0.041', breakEven: '0.03' }, text: 'The campaign pays.' },
      { code: 'something_new', params: {}, text: 'A sentence only the backend knows.' },
    ],
    ...over,
  }
}

function mountPanel() {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, { default: () => h(ResultsPanel, { campaignId: 7, currency: 'DKK' }) }),
  })
  return mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
}

beforeEach(() => {
  i18n.global.locale.value = 'en'
  // "More columns" is remembered per table; each test starts with the main ones.
  localStorage.clear()
  vi.mocked(api.results).mockReset()
  vi.mocked(api.get).mockReset()
  vi.mocked(api.exportReport).mockReset()
  vi.mocked(download.saveTarget).mockReset()
  vi.mocked(download.deliver).mockReset()
  vi.mocked(api.get).mockResolvedValue({ touches: [{ seq: 1, expectedRate: 0.02 }, { seq: 2, expectedRate: 0.01 }, { seq: 3, expectedRate: 0.01 }] } as never)
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('ResultsPanel', () => {
  it('shows the key figures, coloured by break-even', async () => {
    vi.mocked(api.results).mockResolvedValue(fixture())
    const w = mountPanel()
    await flushPromises()
    expect(api.results).toHaveBeenCalledWith(7)
    expect(w.get('[data-testid="results-panel"]').attributes('data-loaded')).toBe('true')
    const cards = w.get('[data-testid="results-cards"]')
    expect(cards.attributes('data-standing')).toBe('reached')
    expect(plain(w.get('[data-testid="results-card-responseRate"]').text())).toContain('4.1%')
    expect(w.get('[data-testid="results-breakeven"]').text()).toBe('Pays for itself from 3.0%')
    // 2 % of 1000 + 1 % of 1000 + 1 % of 1000 people on the lists, over 1000 in the target group.
    expect(w.get('[data-testid="results-expected"]').text()).toBe('You expected 4.0%')
    expect(w.get('[data-testid="results-card-responses"]').text()).toContain('41')
    expect(plain(w.get('[data-testid="results-card-revenue"]').text())).toContain('DKK 37,500')
    // One precision for all the cards: the revenue is in whole kroner, so the cost per response is too.
    expect(plain(w.get('[data-testid="results-card-costPerResponse"]').text())).toContain('DKK 293')
    expect(plain(w.get('[data-testid="results-card-costPerResponse"]').text())).not.toContain('DKK 292.68')
    expect(w.get('[data-testid="results-card-roi"]').text()).toContain('25.0%')
    expect(w.get('[data-testid="results-card-profit"]').classes()).toContain('reached')
    w.unmount()
  })

  it('says the findings in words, falling back to the backend text', async () => {
    vi.mocked(api.results).mockResolvedValue(fixture())
    const w = mountPanel()
    await flushPromises()
    const items = w.findAll('[data-testid="results-finding"]').map((f) => plain(f.text()))
    expect(items).toEqual(['The campaign pays for itself: 4.1% responded, and 3.0% was needed.', 'A sentence only the backend knows.'])
    w.unmount()
  })

  it('compares with the control group in plain words', async () => {
    vi.mocked(api.results).mockResolvedValue(fixture())
    const w = mountPanel()
    await flushPromises()
    const up = w.get('[data-testid="results-uplift"]')
    expect(up.attributes('data-verdict')).toBe('likely')
    expect(w.get('[data-testid="results-uplift-sentence"]').text()).toBe('4.1% against 2.9%: probably a real effect (p = 0.01).')
    expect(w.get('[data-testid="results-uplift-interval"]').text()).toBe('The campaign added between 0.3 and 2.1 percentage points.')
    expect(w.get('[data-testid="results-uplift-test"]').text()).toContain("Fisher's exact test")
    expect(w.get('[data-testid="results-uplift-target"]').text()).toContain('37 of 900 bought')
    expect(w.get('[data-testid="results-uplift-control"]').text()).toContain('3 of 100 bought')
    expect(plain(w.get('[data-testid="results-uplift-incremental"]').text())).toBe('DKK 10,800')
    w.unmount()
  })

  it('explains the control group when there was none', async () => {
    const r = fixture()
    vi.mocked(api.results).mockResolvedValue({ ...r, uplift: { ...r.uplift, measured: false, verdict: 'no_data' } })
    const w = mountPanel()
    await flushPromises()
    expect(w.get('[data-testid="results-uplift-none"]').text()).toContain('control group')
    expect(w.find('[data-testid="results-uplift-sentence"]').exists()).toBe(false)
    expect(w.find('[data-testid="results-ltv-control"]').exists()).toBe(false)
    w.unmount()
  })

  it('draws the charts as SVG without a canvas, with their numbers for screen readers', async () => {
    vi.mocked(api.results).mockResolvedValue(fixture())
    const w = mountPanel()
    await flushPromises()
    const chart = w.get('[data-testid="results-followup-chart"]')
    expect(chart.findAll('[data-testid="followup-bar"]').map((b) => b.attributes('data-value'))).toEqual(['18', '5', '2'])
    expect(chart.find('table').text()).toContain('72.0%')
    // 7 of 25 orders came after the first contact.
    expect(w.get('[data-testid="results-followup-after"]').text()).toBe('28.0% of the orders came after the first touch.')
    // 3 to 5 March, and on to the day the figures were taken.
    const days = w.findAll('[data-testid="daily-day"]')
    expect(days[0].attributes('data-date')).toBe('2026-03-03')
    expect(days[1].attributes('data-responses')).toBe('0')
    expect(days[days.length - 1].attributes('data-date')).toBe('2026-04-20')
    const cell = w.get('[data-testid="results-lifecycle"] td[data-from="lapsing"][data-to="repeat"]')
    expect(cell.text()).toBe('4')
    expect(w.get('[data-testid="results-lifecycle-wonBack"]').text()).toBe('4 came back')
    w.unmount()
  })

  it('lists the touches with totals, right-aligned, the rest of the columns one click away', async () => {
    vi.mocked(api.results).mockResolvedValue(fixture())
    const w = mountPanel()
    await flushPromises()
    const table = w.get('[data-testid="results-touches"]')
    let text = plain(table.text())
    expect(text).toContain('Letter')
    expect(text).toContain('Email')
    expect(text).toContain('Phone')
    expect(text).toContain('Total')
    // The touch with its day under it; no date column.
    expect(text).toContain('1 · Letter1 Mar 2026')
    expect(text).toContain('0.9%')
    // What a shop owner reads first is there; bounced, profit and clicks wait behind "more columns".
    for (const col of ['Sent', 'Responses', 'Response rate', 'Orders', 'Revenue', 'Cost', 'Cost per response', 'ROI']) expect(text).toContain(col)
    for (const col of ['Delivered', 'Bounced', 'Clicks', 'Profit']) expect(text).not.toContain(col)
    expect(table.attributes('data-columns')).toBe('main')
    await w.get('[data-testid="results-touches-more"]').trigger('click')
    await flushPromises()
    text = plain(table.text())
    expect(table.attributes('data-columns')).toBe('all')
    for (const col of ['On the list', 'Delivered', 'Bounced', 'Cost per order', 'Profit', 'Clicks']) expect(text).toContain(col)
    expect(w.get('[data-testid="results-touches-more"]').text()).toBe('Fewer columns')
    // Numbers right-aligned, the touch's label not; the totals row closes the table.
    const cost = table.findAll('td').find((td) => plain(td.text()) === 'DKK 12,000')!
    expect(cost.classes()).toContain('n-data-table-td--right-align')
    expect(table.findAll('td').find((td) => plain(td.text()).startsWith('1 · Letter'))!.classes()).not.toContain('n-data-table-td--right-align')
    expect(plain(table.get('.n-data-table-td--summary').text())).toBe('Total')
    // The phone touch cost nothing: no return to show.
    expect(text).toContain('–')
    expect(plain(w.get('[data-testid="results-channels"]').text())).not.toContain('Clicks')
    expect(plain(w.get('[data-testid="results-segments"]').text())).toContain('Slipping away')
    expect(w.get('[data-testid="results-fulfil-open"]').text()).toBe('3')
    expect(w.get('[data-testid="results-fulfil-days"]').text()).toBe('2.5 days')
    w.unmount()
  })

  it('remembers "more columns" per table', async () => {
    vi.mocked(api.results).mockResolvedValue(fixture())
    let w = mountPanel()
    await flushPromises()
    await w.get('[data-testid="results-channels-more"]').trigger('click')
    w.unmount()
    w = mountPanel()
    await flushPromises()
    expect(w.get('[data-testid="results-channels"]').attributes('data-columns')).toBe('all')
    expect(w.get('[data-testid="results-touches"]').attributes('data-columns')).toBe('main')
    w.unmount()
  })

  it('says which totals count messages and which count people', async () => {
    vi.mocked(api.results).mockResolvedValue(fixture())
    const w = mountPanel()
    await flushPromises()
    const table = w.get('[data-testid="results-touches"]')
    const units = () => table.findAll('.n-data-table-td--summary [data-unit]').map((u) => [plain(u.text()), u.attributes('data-unit')])
    // Sent 2,400 messages against 41 people who responded, not a sum gone wrong.
    expect(units()).toEqual([
      ['2,400messages', 'messages'],
      ['41people', 'people'],
    ])
    expect(table.get('.n-data-table-td--summary [data-unit="messages"]').attributes('title')).toContain('twice')
    expect(w.get('[data-testid="results-touches-note"]').text()).toContain('“Sent” counts messages')
    await w.get('[data-testid="results-touches-more"]').trigger('click')
    await flushPromises()
    expect(units()).toEqual([
      ['1,000people', 'people'],
      ['2,400messages', 'messages'],
      ['2,360people', 'people'],
      ['40messages', 'messages'],
      ['41people', 'people'],
    ])
    // Each person is in one customer stage: those totals add up, nothing to explain.
    expect(w.find('[data-testid="results-segments-note"]').exists()).toBe(false)
    expect(w.get('[data-testid="results-segments"]').findAll('[data-unit]')).toHaveLength(0)
    w.unmount()
  })

  it('shows one money precision per table', async () => {
    const small = (over: Partial<ResultLine>) => line({ revenueMinor: 89_900, costMinor: 57_400, costPerResponseMinor: 57_350, costPerOrderMinor: 57_350, profitMinor: 32_500, ...over })
    const r = fixture()
    vi.mocked(api.results).mockResolvedValue({
      ...r,
      // The Norwegian test campaign: the letter cost 574 kr, 573,50 kr per response; the total revenue passes 1 000 kr.
      touches: [small({ key: 'touch:1', seq: 1, channel: 'letter', due: '2026-12-02' })],
      channels: [small({ key: 'channel:letter', channel: 'letter', revenueMinor: 214_900 })],
      totals: small({}),
    })
    const w = mountPanel()
    await flushPromises()
    const touches = plain(w.get('[data-testid="results-touches"]').text())
    expect(touches).toContain('DKK 574.00')
    expect(touches).toContain('DKK 573.50')
    const channels = plain(w.get('[data-testid="results-channels"]').text())
    expect(channels).toContain('DKK 2,149')
    expect(channels).toContain('DKK 574')
    expect(channels).not.toContain('DKK 573.50')
    expect(channels).not.toContain('.00')
    w.unmount()
  })

  it('speaks Norwegian with the work area’s word for a touch and no English break-even', async () => {
    i18n.global.locale.value = 'nb'
    vi.mocked(api.results).mockResolvedValue(fixture({ findings: [] }))
    const w = mountPanel()
    await flushPromises()
    const text = plain(w.get('[data-testid="results-panel"]').text())
    expect(text).toContain('Per trinn')
    expect(text).toContain('Betaler seg fra 3,0 %')
    expect(text).not.toMatch(/break-even/i)
    expect(text).not.toMatch(/\bKontakt\b/)
    w.unmount()
  })

  it('shows the empty state before anything went out', async () => {
    const r = fixture()
    vi.mocked(api.results).mockResolvedValue({ ...r, totals: line({ sent: 0, delivered: 0, responses: 0 }), touches: [], findings: [] })
    const w = mountPanel()
    await flushPromises()
    expect(w.get('[data-testid="results-empty"]').text()).toContain('Results appear here once the first touch has gone out')
    expect(w.find('[data-testid="results-cards"]').exists()).toBe(false)
    expect(w.get('[data-testid="results-export-pdf"]').attributes('disabled')).toBeDefined()
    w.unmount()
  })

  it('shows a load error with a way to try again', async () => {
    vi.mocked(api.results).mockRejectedValueOnce(new Error('{"code":"not_found","message":"The campaign is gone."}')).mockResolvedValueOnce(fixture())
    const w = mountPanel()
    await flushPromises()
    expect(w.get('[data-testid="results-error"]').text()).toContain('The results could not be loaded.')
    await w.get('[data-testid="results-error"] button').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="results-error"]').exists()).toBe(false)
    expect(w.find('[data-testid="results-cards"]').exists()).toBe(true)
    w.unmount()
  })

  it('downloads the report in the browser', async () => {
    vi.mocked(api.results).mockResolvedValue(fixture())
    vi.mocked(download.saveTarget).mockResolvedValue('')
    vi.mocked(api.exportReport).mockResolvedValue('Forårskampagne-2026-04-20.pdf')
    const w = mountPanel()
    await flushPromises()
    await w.get('[data-testid="results-export-pdf"]').trigger('click')
    await flushPromises()
    expect(vi.mocked(download.saveTarget).mock.calls[0][1]).toMatch(/^Forårskampagne-\d{4}-\d{2}-\d{2}\.pdf$/)
    expect(api.exportReport).toHaveBeenCalledWith(7, 'pdf', '')
    expect(download.deliver).toHaveBeenCalledWith({ path: '', name: 'Forårskampagne-2026-04-20.pdf', rows: 0 })
    w.unmount()
  })

  it('writes the workbook where the user chose on the desktop, and nothing when cancelled', async () => {
    vi.mocked(api.results).mockResolvedValue(fixture())
    vi.mocked(download.saveTarget).mockResolvedValueOnce('/home/anna/report.xlsx').mockResolvedValueOnce(null)
    vi.mocked(api.exportReport).mockResolvedValue('/home/anna/report.xlsx')
    const w = mountPanel()
    await flushPromises()
    await w.get('[data-testid="results-export-xlsx"]').trigger('click')
    await flushPromises()
    expect(api.exportReport).toHaveBeenCalledWith(7, 'xlsx', '/home/anna/report.xlsx')
    expect(download.deliver).not.toHaveBeenCalled()
    await w.get('[data-testid="results-export-xlsx"]').trigger('click')
    await flushPromises()
    expect(api.exportReport).toHaveBeenCalledTimes(1)
    w.unmount()
  })

  it('refreshes by itself while the campaign runs', async () => {
    vi.useFakeTimers()
    try {
      vi.mocked(api.results).mockResolvedValue(fixture({ status: 'running' }))
      const w = mountPanel()
      await flushPromises()
      expect(api.results).toHaveBeenCalledTimes(1)
      expect(w.get('[data-testid="results-asof"]').text()).toContain('every 30 seconds')
      await vi.advanceTimersByTimeAsync(30_000)
      await flushPromises()
      expect(api.results).toHaveBeenCalledTimes(2)
      w.unmount()
      await vi.advanceTimersByTimeAsync(60_000)
      expect(api.results).toHaveBeenCalledTimes(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('speaks Russian with its own numbers', async () => {
    i18n.global.locale.value = 'ru'
    vi.mocked(api.results).mockResolvedValue(fixture({ findings: [] }))
    const w = mountPanel()
    await flushPromises()
    expect(plain(w.get('[data-testid="results-uplift-sentence"]').text())).toBe('4,1 % против 2,9 %: вероятно, реальный эффект (p = 0,01).')
    expect(plain(w.get('[data-testid="results-card-responses"]').text())).toContain('из 2 360 получивших')
    expect(w.get('[data-testid="results-fulfil-days"]').text()).toBe('2,5 дня')
    w.unmount()
  })
})
