import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { DueTouch, FulfilmentTask, PrintResult, Response, ResponseMapping, Today, WorkItem, WorkPage } from '../api/campaigns'
import type { JobProgress } from '../api/types'

const handlers: { progress: ((p: JobProgress) => void)[] } = { progress: [] }

vi.mock('../api/campaigns', () => ({
  CHANNELS: ['letter', 'catalog', 'email', 'sms', 'phone'],
  CALL_OUTCOMES: ['reached', 'no_answer', 'call_back', 'interested', 'order', 'refused'],
  PRINT_JOB: 'print',
  RESPONSES_JOB: 'responses',
  ACCESSLOG_JOB: 'accesslog',
  today: vi.fn(),
  work: vi.fn(),
  print: vi.fn(),
  markPosted: vi.fn(),
  release: vi.fn(),
  recordCall: vi.fn(),
  exportSMS: vi.fn(),
  redeem: vi.fn(),
  addResponse: vi.fn(),
  responses: vi.fn(),
  deleteResponse: vi.fn(),
  fulfilments: vi.fn(),
  completeFulfilment: vi.fn(),
  previewResponseFile: vi.fn(),
  importResponses: vi.fn(),
  importAccessLog: vi.fn(),
  cancelJob: vi.fn(),
}))
vi.mock('../api/events', () => ({
  onEvent: vi.fn((name: string, cb: (p: never) => void) => {
    if (name === 'job:progress') handlers.progress.push(cb as (p: JobProgress) => void)
    return () => {}
  }),
}))

import * as api from '../api/campaigns'
import { ApiError } from '../api/errors'
import {
  assignRole,
  callableNow,
  canMatch,
  codeProblem,
  dueAction,
  formatCode,
  groupDue,
  hasWork,
  hoursText,
  localMinute,
  mergeScript,
  normalizeCode,
  outcomeForKey,
  overdue,
  problemGroups,
  RESPONSE_MAX,
  RESPONSE_PAGE,
  scriptValues,
  touchDue,
  useWorkStore,
  valueSince,
  weekAgo,
  withCheck,
  WORK_PAGE,
} from './work'

const m = {
  today: vi.mocked(api.today),
  work: vi.mocked(api.work),
  print: vi.mocked(api.print),
  markPosted: vi.mocked(api.markPosted),
  recordCall: vi.mocked(api.recordCall),
  addResponse: vi.mocked(api.addResponse),
  responses: vi.mocked(api.responses),
  fulfilments: vi.mocked(api.fulfilments),
  completeFulfilment: vi.mocked(api.completeFulfilment),
  importResponses: vi.mocked(api.importResponses),
  cancelJob: vi.mocked(api.cancelJob),
}

const progress = (p: JobProgress) => handlers.progress.forEach((cb) => cb(p))

function item(id: number, over: Partial<WorkItem> = {}): WorkItem {
  return {
    id,
    touchId: 7,
    contactId: 100 + id,
    name: `Person ${id}`,
    phone: '+4522501148',
    country: 'DK',
    city: 'Aarhus',
    state: 'due',
    reason: '',
    outcome: '',
    callbackAt: '',
    attempts: 0,
    priority: 0,
    callableNow: true,
    callHours: '09:00–21:00',
    printedAt: '',
    doneAt: '',
    responseCode: 'K7MQX9U',
    ...over,
  }
}

function page(items: WorkItem[], total = items.length, counts: WorkPage['counts'] = { due: total }): WorkPage {
  return { items, total, counts }
}

function due(over: Partial<DueTouch>): DueTouch {
  return { campaignId: 1, campaign: 'Autumn', touchId: 1, seq: 1, channel: 'letter', due: '2026-12-05', released: true, count: 10, printed: 0, labels: false, callbacks: 0, ...over }
}

function task(id: number, over: Partial<FulfilmentTask> = {}): FulfilmentTask {
  return { id, responseId: id, campaignId: 1, campaign: 'Autumn', contactId: 5, contactName: 'Anna', kind: 'catalog', dueDate: '2026-12-06', note: '', createdAt: '', doneAt: '', ...over }
}

const mapping = (over: Partial<ResponseMapping> = {}): ResponseMapping => ({
  code: -1, email: -1, phone: -1, customerNo: -1, value: -1, date: -1, orderNo: -1, sheet: '', headerRow: 1, campaignId: 0, kind: 'order', ...over,
})

beforeEach(() => {
  setActivePinia(createPinia())
  handlers.progress = []
  for (const f of Object.values(m)) f.mockReset()
  m.responses.mockResolvedValue({ items: [], total: 0 })
  m.fulfilments.mockResolvedValue([])
})

// ---- Response codes -----------------------------------------------------------------------

// Codes with their check characters as backend/marketing codeCheck computes
// them (a copy of the Go function run on these six characters).
const goCodes = ['K7MQX9U', 'ABCDEF2', '2222222', 'ZZZZZZ8', '98XYW3P']

describe('response codes', () => {
  it('normalises what is typed or scanned and prints it in two groups', () => {
    expect(normalizeCode(' k7mq x9u ')).toBe('K7MQX9U')
    expect(normalizeCode('K7MQ-X9U')).toBe('K7MQX9U')
    expect(normalizeCode('k7mq\u00a0x9u')).toBe('K7MQX9U')
    expect(formatCode('k7mqx9u')).toBe('K7MQ-X9U')
    expect(formatCode('K7M')).toBe('K7M')
  })

  it('agrees with the backend on the check character', () => {
    for (const c of goCodes) {
      expect(withCheck(c.slice(0, 6)), c).toBe(c)
      expect(codeProblem(c), c).toBe('')
    }
    expect(codeProblem('k7mq-x9u')).toBe('')
    expect(codeProblem('K7MQ X9U')).toBe('')
  })

  it('catches a mistyped character, a wrong length and impossible characters', () => {
    expect(codeProblem('K7MQ-X9A')).toBe('check')
    expect(codeProblem('K7MQ-X8U')).toBe('check')
    // Two neighbours swapped.
    expect(codeProblem('7KMQ-X9U')).toBe('check')
    expect(codeProblem('K7MQ-X9')).toBe('length')
    expect(codeProblem('K7MQ-X9UU')).toBe('length')
    expect(codeProblem('K0MQ-X9U')).toBe('characters')
    expect(codeProblem('KIMQ-X9U')).toBe('characters')
  })

  it('catches every single mistyped character of a code', () => {
    const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
    for (const code of goCodes) {
      for (let i = 0; i < code.length; i++) {
        for (const ch of alphabet) {
          if (ch === code[i]) continue
          const typo = code.slice(0, i) + ch + code.slice(i + 1)
          expect(codeProblem(typo), typo).toBe('check')
        }
      }
    }
  })
})

// ---- Scripts --------------------------------------------------------------------------------

describe('phone scripts', () => {
  it('fills known fields, escapes them and keeps the rest', () => {
    const r = mergeScript('<p>Hello {{ full_name }} in {{city}}! Your code: {{RESPONSE_CODE}}. {{salutation}} {{#if orders_count > 0}}x{{/if}}</p>', {
      full_name: 'Ann <b>&</b> Bo',
      city: 'Århus',
      response_code: 'K7MQ-X9U',
    })
    expect(r.html).toBe('<p>Hello Ann &lt;b&gt;&amp;&lt;/b&gt; Bo in Århus! Your code: K7MQ-X9U. {{salutation}} {{#if orders_count > 0}}x{{/if}}</p>')
    expect(r.missing).toEqual(['salutation'])
  })

  it('treats an empty value as missing', () => {
    const r = mergeScript('{{city}} {{city}}', { city: '' })
    expect(r.html).toBe('{{city}} {{city}}')
    expect(r.missing).toEqual(['city'])
  })

  it('knows the person, the campaign and the business', () => {
    const v = scriptValues(item(1, { name: 'Anna Hansen', city: 'Odense', responseCode: 'k7mqx9u' }), {
      campaign: 'Autumn',
      business: { name: 'Hansens Is', phone: '', email: 'shop@example.dk' },
    })
    expect(v).toMatchObject({ full_name: 'Anna Hansen', city: 'Odense', response_code: 'K7MQ-X9U', 'campaign.name': 'Autumn', 'business.name': 'Hansens Is', 'business.email': 'shop@example.dk' })
    expect('business.phone' in v).toBe(false)
  })
})

// ---- Call list --------------------------------------------------------------------------------

describe('call list helpers', () => {
  it('maps keys 1-6 to the outcomes in order', () => {
    expect(outcomeForKey('1')).toBe('reached')
    expect(outcomeForKey('3')).toBe('call_back')
    expect(outcomeForKey('6')).toBe('refused')
    expect(outcomeForKey('0')).toBeNull()
    expect(outcomeForKey('7')).toBeNull()
    expect(outcomeForKey('a')).toBeNull()
    expect(outcomeForKey('12')).toBeNull()
  })

  it('calls people unless the backend says it is outside the calling hours', () => {
    expect(callableNow(item(1))).toBe(true)
    expect(callableNow({ ...item(1), callableNow: true })).toBe(true)
    expect(callableNow({ ...item(1), callableNow: false })).toBe(false)
    expect(hoursText('09:00-21:00')).toBe('09:00–21:00')
    expect(hoursText('09:00 - 20:00')).toBe('09:00–20:00')
    expect(hoursText(undefined)).toBe('')
  })

  it('writes a picked moment in local time to the minute', () => {
    expect(localMinute(new Date(2026, 11, 7, 9, 5, 33).getTime())).toBe('2026-12-07T09:05')
  })
})

// ---- Today ---------------------------------------------------------------------------------------

describe('today helpers', () => {
  it('groups due touches by channel in the wizard order, earliest first', () => {
    const g = groupDue([
      due({ touchId: 1, channel: 'phone', due: '2026-12-05' }),
      due({ touchId: 2, channel: 'letter', due: '2026-12-05', campaign: 'B' }),
      due({ touchId: 3, channel: 'letter', due: '2026-12-01' }),
      due({ touchId: 4, channel: 'letter', due: '2026-12-05', campaign: 'A' }),
      due({ touchId: 5, channel: 'email' }),
    ])
    expect(g.map((x) => x.channel)).toEqual(['letter', 'email', 'phone'])
    expect(g[0].touches.map((x) => x.touchId)).toEqual([3, 4, 2])
  })

  it('says what a due touch asks for', () => {
    expect(dueAction(due({ channel: 'letter', count: 5 }))).toBe('print')
    expect(dueAction(due({ channel: 'catalog', count: 0, printed: 5 }))).toBe('post')
    expect(dueAction(due({ channel: 'phone', count: 3 }))).toBe('call')
    expect(dueAction(due({ channel: 'phone', count: 0, callbacks: 2 }))).toBe('callback')
    expect(dueAction(due({ channel: 'sms' }))).toBe('sms')
    expect(dueAction(due({ channel: 'email', released: false }))).toBe('email')
    expect(dueAction(due({ channel: 'letter', released: false }))).toBe('release')
  })

  it('finds a touch’s day from its date or the campaign’s start and its offset', () => {
    const c = { startDate: '', startedAt: '2026-12-02T10:56:49Z', launchedAt: '2026-12-02T10:56:49Z' }
    expect(touchDue(c, { dueDate: '', offsetDays: 0 })).toBe('2026-12-02')
    expect(touchDue(c, { dueDate: '', offsetDays: 30 })).toBe('2027-01-01')
    expect(touchDue({ ...c, startDate: '2026-02-20' }, { dueDate: '', offsetDays: 14 })).toBe('2026-03-06')
    expect(touchDue(c, { dueDate: '2026-12-24', offsetDays: 14 })).toBe('2026-12-24')
    expect(touchDue({ startDate: '', startedAt: '', launchedAt: '' }, { dueDate: '', offsetDays: 14 })).toBe('')
  })

  it('knows when there is nothing to do and what is overdue', () => {
    const empty: Today = { date: '2026-12-05', due: [], fulfilments: [], newResponses: 0, warnings: [] }
    expect(hasWork(null)).toBe(false)
    expect(hasWork(empty)).toBe(false)
    expect(hasWork({ ...empty, newResponses: 1 })).toBe(true)
    expect(hasWork({ ...empty, fulfilments: [task(1)] })).toBe(true)
    expect(overdue('2026-12-04', '2026-12-05')).toBe(true)
    expect(overdue('2026-12-05', '2026-12-05')).toBe(false)
    expect(overdue('', '2026-12-05')).toBe(false)
  })
})

// ---- Imports ---------------------------------------------------------------------------------------

describe('response file mapping', () => {
  it('gives a column one role', () => {
    const next = assignRole(mapping({ email: 2, value: 4 }), 'code', 2)
    expect(next.code).toBe(2)
    expect(next.email).toBe(-1)
    expect(next.value).toBe(4)
    expect(assignRole(next, 'code', -1).code).toBe(-1)
  })

  it('needs a column to find people by', () => {
    expect(canMatch(mapping({ value: 3, date: 1 }))).toBe(false)
    expect(canMatch(mapping({ customerNo: 0 }))).toBe(true)
  })

  it('groups problems by reason, most frequent first', () => {
    const g = problemGroups([
      { row: 2, reason: 'bad_value', value: 'x' },
      { row: 3, reason: 'no_match', value: 'a' },
      { row: 5, reason: 'no_match', value: 'b' },
    ])
    expect(g).toEqual([
      { reason: 'no_match', count: 2, rows: [3, 5] },
      { reason: 'bad_value', count: 1, rows: [2] },
    ])
  })
})

// ---- The store -------------------------------------------------------------------------------------------

describe('work store: today', () => {
  it('loads today and fills lists the backend left null', async () => {
    m.today.mockResolvedValue({ date: '2026-12-05', due: [due({})], fulfilments: null, newResponses: 2, warnings: null } as unknown as Today)
    const s = useWorkStore()
    await s.loadToday()
    expect(s.today?.due).toHaveLength(1)
    expect(s.today?.fulfilments).toEqual([])
    expect(s.today?.warnings).toEqual([])
    expect(s.todayError).toBeNull()
  })

  it('keeps the error and the last answer', async () => {
    m.today.mockResolvedValueOnce({ date: '2026-12-05', due: [], fulfilments: [], newResponses: 1, warnings: [] })
    const s = useWorkStore()
    await s.loadToday()
    m.today.mockRejectedValueOnce(new ApiError('locked', 'busy'))
    await s.loadToday()
    expect(s.todayError?.code).toBe('locked')
    expect(s.today?.newResponses).toBe(1)
  })
})

describe('this week’s responses', () => {
  const resp = (at: string, valueMinor: number) => ({ at, valueMinor }) as Response

  it('counts back seven days from now, in UTC as the database stores it', () => {
    expect(weekAgo(Date.UTC(2026, 11, 9, 13, 5, 7))).toBe('2026-12-02T13:05:07Z')
  })

  it('adds up the value of the responses since then and no older ones', () => {
    const since = '2026-12-02T13:05:07Z'
    expect(valueSince([resp('2026-12-09T10:00:00Z', 125000), resp('2026-12-02T13:05:07Z', 89900), resp('2026-12-02T13:05:06Z', 50000), resp('2026-11-01', 1)], since)).toBe(214900)
    expect(valueSince([], since)).toBe(0)
  })

  it('loads the value of the week’s responses for Home, newest first', async () => {
    const now = new Date().toISOString().slice(0, 19) + 'Z'
    m.today.mockResolvedValue({ date: '2026-12-05', due: [], fulfilments: [], newResponses: 2, warnings: [] })
    m.responses.mockResolvedValue({ items: [resp(now, 125000), resp(now, 89900), resp('2020-01-01T00:00:00Z', 70000)], total: 3 })
    const s = useWorkStore()
    await s.loadToday()
    await s.loadWeekValue()
    expect(m.responses).toHaveBeenLastCalledWith({ campaignId: 0, contactId: 0, offset: 0, limit: 2 + RESPONSE_PAGE })
    expect(s.weekValue).toBe(214900)
  })

  it('does not guess the value when it cannot read all of the week or the read fails', async () => {
    m.today.mockResolvedValueOnce({ date: '2026-12-05', due: [], fulfilments: [], newResponses: RESPONSE_MAX + 1, warnings: [] })
    const s = useWorkStore()
    await s.loadToday()
    await s.loadWeekValue()
    expect(m.responses).not.toHaveBeenCalled()
    expect(s.weekValue).toBeNull()

    m.today.mockResolvedValueOnce({ date: '2026-12-05', due: [], fulfilments: [], newResponses: 3, warnings: [] })
    await s.loadToday()
    m.responses.mockRejectedValueOnce(new ApiError('internal', 'disk'))
    await s.loadWeekValue()
    expect(s.weekValue).toBeNull()

    m.today.mockResolvedValueOnce({ date: '2026-12-05', due: [], fulfilments: [], newResponses: 0, warnings: [] })
    await s.loadToday()
    await s.loadWeekValue()
    expect(s.weekValue).toBe(0)
    expect(m.responses).toHaveBeenCalledTimes(1)
  })
})

describe('work store: a touch list', () => {
  it('opens a touch with the state asked for and pages of WORK_PAGE', async () => {
    m.work.mockResolvedValue(page([item(1), item(2)], 2, { due: 2, done: 5 }))
    const s = useWorkStore()
    await s.openTouch(7, 'due')
    expect(m.work).toHaveBeenCalledWith({ touchId: 7, state: 'due', query: '', offset: 0, limit: WORK_PAGE })
    expect(s.items.map((w) => w.id)).toEqual([1, 2])
    expect(s.counts).toEqual({ due: 2, done: 5 })
  })

  it('goes back to the last page that has rows', async () => {
    m.work.mockResolvedValueOnce(page([], 60)).mockResolvedValueOnce(page([item(51)], 60))
    const s = useWorkStore()
    s.touchId = 7
    s.offset = 100
    await s.loadWork()
    expect(m.work).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 50 }))
    expect(s.items.map((w) => w.id)).toEqual([51])
  })

  it('ignores an answer that arrives after a newer one', async () => {
    let first: (p: WorkPage) => void = () => {}
    m.work.mockImplementationOnce(() => new Promise((r) => (first = r))).mockResolvedValueOnce(page([item(2)]))
    const s = useWorkStore()
    s.touchId = 7
    const a = s.loadWork()
    await s.setQuery('anna')
    first(page([item(1)]))
    await a
    expect(s.items.map((w) => w.id)).toEqual([2])
    expect(m.work).toHaveBeenLastCalledWith(expect.objectContaining({ query: 'anna' }))
  })

  it('marks printed letters as posted (these people, or all as null) and reads the list again', async () => {
    m.work.mockResolvedValue(page([item(1, { printedAt: '2026-12-05T09:00:00Z' })]))
    m.markPosted.mockResolvedValue(3)
    const s = useWorkStore()
    await s.openTouch(7)
    expect(await s.markPosted([1, 2, 3])).toBe(3)
    expect(m.markPosted).toHaveBeenCalledWith(7, [1, 2, 3])
    expect(await s.markPosted()).toBe(3)
    expect(m.markPosted).toHaveBeenLastCalledWith(7, null)
    expect(m.work).toHaveBeenCalledTimes(3)
  })

  it('records a call, shows it at once and reads the list again', async () => {
    m.work.mockResolvedValueOnce(page([item(1), item(2)]))
    let reload: (p: WorkPage) => void = () => {}
    m.work.mockImplementationOnce(() => new Promise((r) => (reload = r)))
    m.recordCall.mockResolvedValue(undefined)
    const s = useWorkStore()
    await s.openTouch(7, 'due')
    const p = s.recordCall({ workId: 1, outcome: 'call_back', note: 'after lunch', callbackAt: '2026-12-06T13:00', valueMinor: 0 })
    await vi.waitFor(() => expect(m.work).toHaveBeenCalledTimes(2))
    expect(s.calling).toBe(true)
    expect(s.items[0]).toMatchObject({ outcome: 'call_back', callbackAt: '2026-12-06T13:00', attempts: 1 })
    reload(page([item(2), item(1, { outcome: 'call_back', attempts: 1 })]))
    await p
    expect(s.calling).toBe(false)
    expect(s.items.map((w) => w.id)).toEqual([2, 1])
    expect(m.recordCall).toHaveBeenCalledWith({ workId: 1, outcome: 'call_back', note: 'after lunch', callbackAt: '2026-12-06T13:00', valueMinor: 0 })
  })

  it('leaves the list as it was when a call cannot be recorded', async () => {
    m.work.mockResolvedValue(page([item(1)]))
    m.recordCall.mockRejectedValue(new ApiError('conflict', 'already done'))
    const s = useWorkStore()
    await s.openTouch(7, 'due')
    await expect(s.recordCall({ workId: 1, outcome: 'reached', note: '', callbackAt: '', valueMinor: 0 })).rejects.toThrow('already done')
    expect(s.items[0].outcome).toBe('')
    expect(s.calling).toBe(false)
  })
})

describe('work store: long jobs', () => {
  const result: PrintResult = {
    letters: { id: 1, kind: 'letter', templateId: 1, templateName: 'L', templateVersion: 1, campaign: 'A', selection: '', output: 'combined', path: '/tmp/a.pdf', recipients: 3, pages: 3, skipped: 0, createdAt: '' },
    labels: null,
    download: '',
    labelsDownload: '',
    skipped: 0,
  }

  it('follows the print job’s progress only, and is idle after', async () => {
    let done: (r: PrintResult) => void = () => {}
    m.print.mockImplementation(() => new Promise((r) => (done = r)))
    m.work.mockResolvedValue(page([]))
    const s = useWorkStore()
    s.touchId = 7
    const p = s.print({ touchId: 7, output: 'combined', labels: true, again: false }, '/tmp/a.pdf')
    expect(s.job.task).toBe('print')
    progress({ job: 'responses', done: 9, total: 10 })
    expect(s.job.done).toBe(0)
    progress({ job: 'print', done: 2, total: 3 })
    expect(s.job).toMatchObject({ done: 2, total: 3 })
    // One job at a time.
    const other = await s.importResponses('/tmp/x.xlsx', mapping())
    expect(other.ok).toBe(false)
    expect(m.importResponses).not.toHaveBeenCalled()
    done(result)
    const r = await p
    expect(r.ok && r.value.letters.recipients).toBe(3)
    expect(s.job.task).toBeNull()
    expect(m.print).toHaveBeenCalledWith({ touchId: 7, output: 'combined', labels: true, again: false }, '/tmp/a.pdf')
    expect(m.work).toHaveBeenCalledTimes(1)
  })

  it('cancels the running job by its name and reports the cancel', async () => {
    let fail: (e: unknown) => void = () => {}
    m.print.mockImplementation(() => new Promise((_, rej) => (fail = rej)))
    m.cancelJob.mockResolvedValue(true)
    const s = useWorkStore()
    const p = s.print({ touchId: 7, output: 'folder', labels: false, again: true }, '')
    await s.cancelJob()
    expect(m.cancelJob).toHaveBeenCalledWith('print')
    expect(s.job.cancelling).toBe(true)
    fail(JSON.stringify({ code: 'canceled', message: 'Stopped.' }))
    const r = await p
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error.code).toBe('canceled')
    expect(s.job.task).toBeNull()
  })

  it('imports responses, fills null problems and reads responses and tasks again', async () => {
    m.importResponses.mockResolvedValue({ rows: 4, added: 3, duplicates: 1, unmatched: 0, valueMinor: 90000, problems: null } as never)
    const s = useWorkStore()
    await s.loadResponses(4, 0)
    m.responses.mockClear()
    m.fulfilments.mockClear()
    const r = await s.importResponses('/tmp/orders.xlsx', mapping({ email: 1, value: 2, campaignId: 4 }))
    expect(r.ok && r.value.problems).toEqual([])
    expect(m.importResponses).toHaveBeenCalledWith('/tmp/orders.xlsx', expect.objectContaining({ email: 1, value: 2, campaignId: 4 }))
    expect(m.responses).toHaveBeenCalledWith({ campaignId: 4, contactId: 0, offset: 0, limit: 50 })
    expect(m.fulfilments).toHaveBeenCalledTimes(1)
  })
})

describe('work store: responses and tasks', () => {
  it('reads tasks again only when a response asks for something', async () => {
    m.addResponse.mockResolvedValue({} as never)
    const s = useWorkStore()
    const base = { code: 'K7MQX9U', campaignId: 1, contactId: 2, kind: 'coupon' as const, source: 'redeem' as const, at: '', detail: '', ref: '', valueMinor: 0, fulfilDays: 0 }
    await s.addResponse({ ...base, fulfil: '' })
    expect(m.fulfilments).not.toHaveBeenCalled()
    expect(m.responses).toHaveBeenCalledTimes(1)
    await s.addResponse({ ...base, fulfil: 'sample', fulfilDays: 3 })
    expect(m.fulfilments).toHaveBeenCalledTimes(1)
  })

  it('takes a done task off the open list and off Home', async () => {
    m.fulfilments.mockResolvedValue([task(1), task(2)])
    m.today.mockResolvedValue({ date: '2026-12-05', due: [], fulfilments: [task(1), task(2)], newResponses: 0, warnings: [] })
    m.completeFulfilment.mockResolvedValue(undefined)
    const s = useWorkStore()
    await Promise.all([s.loadFulfilments(false), s.loadToday()])
    await s.completeFulfilment(1, true)
    expect(m.completeFulfilment).toHaveBeenCalledWith(1, true)
    expect(s.fulfilments.map((f) => f.id)).toEqual([2])
    expect(s.today?.fulfilments.map((f) => f.id)).toEqual([2])
  })

  it('keeps done tasks in the list of all tasks, marked done', async () => {
    m.fulfilments.mockResolvedValue([task(1), task(2)])
    m.completeFulfilment.mockResolvedValue(undefined)
    const s = useWorkStore()
    await s.loadFulfilments(true)
    expect(m.fulfilments).toHaveBeenCalledWith(true)
    await s.completeFulfilment(2, true)
    expect(s.fulfilments.find((f) => f.id === 2)?.doneAt).not.toBe('')
    await s.completeFulfilment(2, false)
    expect(s.fulfilments.find((f) => f.id === 2)?.doneAt).toBe('')
  })

  it('pages responses of one campaign or of all', async () => {
    m.responses.mockResolvedValue({ items: [], total: 120 })
    const s = useWorkStore()
    await s.loadResponses(0, 50)
    expect(m.responses).toHaveBeenLastCalledWith({ campaignId: 0, contactId: 0, offset: 50, limit: 50 })
    expect(s.responsesTotal).toBe(120)
    m.responses.mockRejectedValueOnce(new ApiError('internal', 'disk'))
    await s.loadResponses()
    expect(m.responses).toHaveBeenLastCalledWith({ campaignId: 0, contactId: 0, offset: 50, limit: 50 })
    expect(s.responsesError?.message).toBe('disk')
  })
})
