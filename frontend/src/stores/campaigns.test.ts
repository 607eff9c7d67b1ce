import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import type { Campaign, CampaignPreflight, Summary, Touch } from '../api/campaigns'

vi.mock('../api/campaigns', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/campaigns')>()
  return {
    ...real,
    list: vi.fn(),
    get: vi.fn(),
    save: vi.fn(),
    remove: vi.fn(),
    duplicate: vi.fn(),
    preflight: vi.fn(),
    launch: vi.fn(),
    setStatus: vi.fn(),
    release: vi.fn(),
    work: vi.fn(),
  }
})
vi.mock('../api/segments', () => ({ list: vi.fn(async () => []), count: vi.fn() }))
vi.mock('../api/documents', () => ({ templates: vi.fn(async () => []), fields: vi.fn(async () => []) }))
vi.mock('../api/email', () => ({ accounts: vi.fn(async () => []), status: vi.fn() }))

import * as api from '../api/campaigns'
import { emptyCampaign, emptyTouch } from '../api/campaigns'
import * as segmentsApi from '../api/segments'
import * as emailApi from '../api/email'
import { ApiError } from '../api/errors'
import {
  AUTOSAVE_MS,
  addDays,
  addTouch,
  breakEvenRate,
  campaignErrorKeys,
  campaignErrorText,
  controlSize,
  costPerPerson,
  daysBetween,
  fieldStep,
  moveTouch,
  removeTouch,
  setTouchChannel,
  suggestedCost,
  touchDue,
  touchState,
  useCampaignsStore,
  validateStep,
} from './campaigns'

const save = vi.mocked(api.save)
const get = vi.mocked(api.get)
const list = vi.mocked(api.list)
const preflight = vi.mocked(api.preflight)
const launch = vi.mocked(api.launch)
const setStatus = vi.mocked(api.setStatus)
const release = vi.mocked(api.release)
const work = vi.mocked(api.work)
const emailStatus = vi.mocked(emailApi.status)

const cost = { unitCostMinor: 1200, expectedRate: 0.02 }

function touch(seq: number, over: Partial<Touch> = {}): Touch {
  return { ...emptyTouch(seq, 'letter'), ...over }
}

function plan(over: Partial<Campaign> = {}): Campaign {
  return { ...emptyCampaign('DKK'), name: 'Spring', segmentId: 3, selection: 'Loyal', ...over }
}

/** What the backend's Save returns: ids given, touches numbered. */
function stored(c: Campaign, id = 7): Campaign {
  const out = JSON.parse(JSON.stringify(c)) as Campaign
  out.id = out.id || id
  out.touches = out.touches.map((t, i) => ({ ...t, id: t.id || 100 + i, campaignId: out.id, seq: i + 1 }))
  out.updatedAt = '2026-12-02T10:00:00Z'
  return out
}

function preflightResult(over: Partial<CampaignPreflight> = {}): CampaignPreflight {
  return {
    segment: 1000,
    target: 880,
    control: 100,
    exclusions: [{ reason: 'no_consent', count: 20, contacts: [{ id: 5, name: 'Anna' }] }],
    touches: [],
    costMinor: 1056000,
    breakEvenRate: 0.023,
    expectedResponses: 17.6,
    expectedProfitMinor: -500,
    overBudget: false,
    warnings: [],
    problems: [],
    ...over,
  }
}

beforeEach(() => {
  setActivePinia(createPinia())
  for (const m of [save, get, list, preflight, launch, setStatus, release, work, emailStatus]) m.mockReset()
  save.mockImplementation(async (c) => stored(c))
  list.mockResolvedValue([])
})

afterEach(() => {
  vi.useRealTimers()
})

describe('plan dates', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08')
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29')
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29')
    expect(addDays('nonsense', 1)).toBe('')
    expect(daysBetween('2026-12-25', '2027-01-08')).toBe(14)
  })

  it('takes a fixed date over days after the start', () => {
    expect(touchDue({ dueDate: '', offsetDays: 28 }, '2026-03-02')).toBe('2026-03-30')
    expect(touchDue({ dueDate: '2026-04-01', offsetDays: 28 }, '2026-03-02')).toBe('2026-04-01')
  })

  it('spaces new touches 14 days apart, as dates when the last one has a date', () => {
    const c = plan()
    addTouch(c, 'letter', cost)
    addTouch(c, 'email', { unitCostMinor: 10, expectedRate: 0.01 })
    expect(c.touches.map((t) => [t.seq, t.channel, t.offsetDays, t.unitCostMinor])).toEqual([
      [1, 'letter', 0, 1200],
      [2, 'email', 14, 10],
    ])
    c.touches[1].dueDate = '2026-05-04'
    addTouch(c, 'phone', cost)
    expect(c.touches[2].dueDate).toBe('2026-05-18')
  })

  it('stops at 12 touches', () => {
    const c = plan()
    for (let i = 0; i < 12; i++) expect(addTouch(c, 'sms', cost)).not.toBeNull()
    expect(addTouch(c, 'sms', cost)).toBeNull()
    expect(c.touches).toHaveLength(12)
  })

  it('moves the content and keeps the rhythm', () => {
    const c = plan({ touches: [touch(1, { channel: 'letter', templateId: 4, offsetDays: 0 }), touch(2, { channel: 'email', templateId: 9, offsetDays: 14 })] })
    moveTouch(c, 1, -1)
    expect(c.touches.map((t) => [t.seq, t.channel, t.templateId, t.offsetDays])).toEqual([
      [1, 'email', 9, 0],
      [2, 'letter', 4, 14],
    ])
    removeTouch(c, 0)
    expect(c.touches.map((t) => [t.seq, t.channel])).toEqual([[1, 'letter']])
  })

  it('drops the old message when a touch changes channel', () => {
    const x = touch(1, { templateId: 4, labelTemplateId: 2, accountId: 1 })
    setTouchChannel(x, 'sms', { unitCostMinor: 25, expectedRate: 0.015 })
    expect([x.channel, x.templateId, x.labelTemplateId, x.accountId, x.unitCostMinor]).toEqual(['sms', 0, 0, 0, 25])
  })

  it('names a touch planned, released or done', () => {
    expect(touchState(touch(1))).toBe('planned')
    expect(touchState(touch(1, { releasedAt: '2026-03-02T08:00:00Z' }))).toBe('released')
    expect(touchState(touch(1, { releasedAt: '2026-03-02T08:00:00Z', finishedAt: '2026-03-05T08:00:00Z' }))).toBe('done')
  })

  it('holds a released, unfinished touch of a paused campaign as paused', () => {
    const released = touch(1, { releasedAt: '2026-03-02T08:00:00Z' })
    expect(touchState(released, 'paused')).toBe('paused')
    expect(touchState(released, 'running')).toBe('released')
    // Not made yet, or finished: pausing changes neither.
    expect(touchState(touch(1), 'paused')).toBe('planned')
    expect(touchState(touch(1, { releasedAt: '2026-03-02T08:00:00Z', finishedAt: '2026-03-05T08:00:00Z' }), 'paused')).toBe('done')
  })
})

describe('economics', () => {
  it('suggests costs per currency', () => {
    expect(suggestedCost('letter', 'DKK').unitCostMinor).toBe(1200)
    expect(suggestedCost('letter', 'XYZ')).toEqual(suggestedCost('letter', 'EUR'))
  })

  it('works out break-even by hand', () => {
    // Letter 12 kr + email 0.10 kr = 12.10 kr per person; an order of 500 kr
    // at 40 % margin earns 200 kr: 12.10 / 200 = 6.05 %.
    const c = plan({ orderValueMinor: 50000, marginPct: 40, touches: [touch(1, { unitCostMinor: 1200 }), touch(2, { channel: 'email', unitCostMinor: 10 })] })
    expect(costPerPerson(c)).toBe(1210)
    expect(breakEvenRate(c)).toBeCloseTo(0.0605, 6)
    expect(breakEvenRate({ ...c, marginPct: 0 })).toBe(0)
  })

  it('rounds the control group as a count of people', () => {
    expect(controlSize(880, 10)).toBe(88)
    expect(controlSize(5, 10)).toBe(1)
    expect(controlSize(0, 50)).toBe(0)
  })
})

describe('checks before Next', () => {
  const fields = (step: number, c: Campaign) => validateStep(step, c, '2026-03-01').map((e) => `${e.field}:${e.details.reason}`)

  it('step 1 needs a name and a margin in range', () => {
    expect(fields(1, plan({ name: '  ' }))).toEqual(['name:required'])
    expect(fields(1, plan({ name: 'x'.repeat(121) }))).toEqual(['name:too_long'])
    expect(fields(1, plan({ marginPct: 120 }))).toEqual(['marginPct:range'])
    expect(fields(1, plan())).toEqual([])
  })

  it('step 2 needs a segment', () => {
    expect(fields(2, plan({ segmentId: 0 }))).toEqual(['segmentId:required'])
  })

  it('step 3 needs a channel', () => {
    expect(fields(3, plan())).toEqual(['channels:required'])
    expect(fields(3, plan({ touches: [touch(1)] }))).toEqual([])
  })

  it('step 5 needs each channel’s message', () => {
    const c = plan({
      touches: [
        touch(1, { channel: 'letter' }),
        touch(2, { channel: 'email', templateId: 3 }),
        touch(3, { channel: 'sms', smsText: ' ' }),
        touch(4, { channel: 'phone', script: 'Hello' }),
      ],
    })
    expect(fields(5, c)).toEqual(['touches.0.templateId:required', 'touches.1.accountId:required', 'touches.2.smsText:required'])
  })

  it('step 6 keeps the touches in date order and the rules in range', () => {
    const c = plan({
      startDate: '2026-03-02',
      touches: [touch(1, { offsetDays: 0 }), touch(2, { offsetDays: 28 }), touch(3, { dueDate: '2026-03-10' }), touch(4, { dueDate: '2026-02-01' })],
    })
    expect(fields(6, c)).toEqual(['touches.2.dueDate:order', 'touches.3.dueDate:before_start'])
    expect(fields(6, plan({ touches: [touch(1)], pressureMax: 3, pressureDays: 0, attributionDays: 0 }))).toEqual([
      'pressureDays:range',
      'attributionDays:range',
    ])
    expect(fields(6, plan())).toEqual(['touches:required'])
  })

  it('sends a field to the step that shows it', () => {
    expect(fieldStep('name')).toBe(1)
    expect(fieldStep('segmentId')).toBe(2)
    expect(fieldStep('touches.2.unitCostMinor')).toBe(3)
    expect(fieldStep('touches.2.smsText')).toBe(5)
    expect(fieldStep('touches.2.dueDate')).toBe(6)
    expect(fieldStep('attributionDays')).toBe(6)
  })

  it('translates a touch’s error with its number', () => {
    const err = new ApiError('invalid', 'Touch 3 has no SMS text yet.', 'touches.2.smsText', { reason: 'required' })
    expect(campaignErrorKeys(err).slice(0, 2)).toEqual(['campaign.errors.touch.smsText.invalid_required', 'campaign.errors.touch.smsText.invalid'])
    const seen: Record<string, unknown>[] = []
    const text = campaignErrorText(err, {
      te: (k) => k === 'campaign.errors.touch.smsText.invalid_required',
      t: (_k, named) => {
        seen.push(named)
        return 'translated'
      },
    })
    expect(text).toBe('translated')
    expect(seen[0].touch).toBe('3')
    expect(campaignErrorText(err, { te: () => false, t: () => 'x' })).toBe('Touch 3 has no SMS text yet.')
  })
})

describe('the draft', () => {
  it('is not dirty when new, and is after a change', async () => {
    const store = useCampaignsStore()
    store.newDraft('SEK')
    expect(store.draft?.currency).toBe('SEK')
    expect(store.channelCosts.letter.unitCostMinor).toBe(1500)
    expect(store.dirty).toBe(false)
    store.draft!.name = 'Spring'
    expect(store.dirty).toBe(true)
  })

  it('saves and takes the stored version', async () => {
    const store = useCampaignsStore()
    store.newDraft('DKK')
    store.draft!.name = 'Spring'
    addTouch(store.draft!, 'letter', cost)
    const res = await store.save()
    expect(res.ok).toBe(true)
    expect(save).toHaveBeenCalledTimes(1)
    const sent = save.mock.calls[0][0]
    expect([sent.kind, sent.touches[0].seq, sent.id]).toEqual(['campaign', 1, 0])
    expect(store.draft!.id).toBe(7)
    expect(store.draft!.touches[0].id).toBe(100)
    expect(store.dirty).toBe(false)
    expect(store.savedAt).not.toBe('')
  })

  it('keeps edits made while saving and sends them next', async () => {
    const store = useCampaignsStore()
    store.newDraft('DKK')
    store.draft!.name = 'Spring'
    addTouch(store.draft!, 'letter', cost)
    let finish: (c: Campaign) => void = () => {}
    save.mockImplementationOnce((c) => new Promise((r) => (finish = () => r(stored(c)))))
    const first = store.save()
    await nextTick()
    store.draft!.goal = 'Bring them back'
    finish(store.draft!)
    await first
    expect(store.draft!.goal).toBe('Bring them back')
    expect(store.draft!.id).toBe(7)
    expect(store.draft!.touches[0].id).toBe(100)
    expect(store.dirty).toBe(true)
    await store.save()
    expect(save.mock.calls[1][0]).toMatchObject({ id: 7, goal: 'Bring them back' })
    expect(store.dirty).toBe(false)
  })

  it('saves by itself a moment after a change, once it has a name', async () => {
    vi.useFakeTimers()
    const store = useCampaignsStore()
    store.newDraft('DKK')
    store.autosave = true
    store.draft!.goal = 'no name yet'
    await nextTick()
    vi.advanceTimersByTime(AUTOSAVE_MS * 2)
    expect(save).not.toHaveBeenCalled()
    store.draft!.name = 'Spring'
    await nextTick()
    vi.advanceTimersByTime(AUTOSAVE_MS - 1)
    expect(save).not.toHaveBeenCalled()
    store.draft!.name = 'Spring offer'
    await nextTick()
    vi.advanceTimersByTime(AUTOSAVE_MS - 1)
    expect(save).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(save).toHaveBeenCalledTimes(1)
    expect(save.mock.calls[0][0].name).toBe('Spring offer')
  })

  it('keeps a save error with its field', async () => {
    const store = useCampaignsStore()
    store.newDraft('DKK')
    store.draft!.name = 'Spring'
    save.mockRejectedValueOnce(JSON.stringify({ code: 'invalid', message: 'Pick a channel for every touch.', field: 'touches.0.channel', details: { reason: 'choice' } }))
    const res = await store.save()
    expect(res.ok).toBe(false)
    expect(store.saveError?.field).toBe('touches.0.channel')
    expect(store.dirty).toBe(true)
  })

  it('opens a saved draft with its costs per channel', async () => {
    get.mockResolvedValue(stored(plan({ touches: [touch(1, { channel: 'sms', unitCostMinor: 30, expectedRate: 0.05 })] }), 4))
    const store = useCampaignsStore()
    expect(await store.openDraft(4)).toBe(true)
    expect(store.draft!.id).toBe(4)
    expect(store.channelCosts.sms).toEqual({ unitCostMinor: 30, expectedRate: 0.05 })
    expect(store.channelCosts.letter.unitCostMinor).toBe(1200)
    expect(store.dirty).toBe(false)
  })
})

describe('preflight and launch', () => {
  it('saves before the preflight and fills missing lists', async () => {
    preflight.mockResolvedValue({ ...preflightResult(), warnings: null, problems: null, touches: null } as unknown as CampaignPreflight)
    const store = useCampaignsStore()
    store.newDraft('DKK')
    Object.assign(store.draft!, plan())
    const res = await store.runPreflight()
    expect(res.ok).toBe(true)
    expect(save).toHaveBeenCalledTimes(1)
    expect(preflight).toHaveBeenCalledWith(7)
    expect(store.preflight?.warnings).toEqual([])
    expect(store.preflight?.problems).toEqual([])
    expect(store.preflightStale).toBe(false)
    store.draft!.controlPct = 20
    expect(store.preflightStale).toBe(true)
  })

  it('does not ask for a preflight when the save fails', async () => {
    save.mockRejectedValueOnce(JSON.stringify({ code: 'not_found', message: 'gone', field: 'segmentId', details: { reason: 'segment_gone' } }))
    const store = useCampaignsStore()
    store.newDraft('DKK')
    store.draft!.name = 'Spring'
    const res = await store.runPreflight()
    expect(res.ok).toBe(false)
    expect(preflight).not.toHaveBeenCalled()
    expect(store.preflightError?.details.reason).toBe('segment_gone')
  })

  it('launches a saved draft without saving it again', async () => {
    get.mockResolvedValue(stored(plan({ touches: [touch(1)] }), 9))
    launch.mockResolvedValue({ touches: [{ campaignId: 9, touchId: 100, channel: 'letter', count: 880, skipped: 20 }] })
    const store = useCampaignsStore()
    await store.openDraft(9)
    const res = await store.launch()
    expect(res.ok && res.value.id).toBe(9)
    expect(res.ok && res.value.released.touches[0].count).toBe(880)
    expect(save).not.toHaveBeenCalled()
    expect(launch).toHaveBeenCalledWith(9)
  })

  it('saves changes before launching and reports a refusal', async () => {
    get.mockResolvedValue(stored(plan({ touches: [touch(1)] }), 9))
    launch.mockRejectedValue(JSON.stringify({ code: 'invalid', message: 'Touch 1 has no message yet.', field: 'touches.0.templateId', details: { reason: 'required', touch: '1' } }))
    const store = useCampaignsStore()
    await store.openDraft(9)
    store.draft!.controlPct = 15
    const res = await store.launch()
    expect(save).toHaveBeenCalledTimes(1)
    expect(res.ok).toBe(false)
    expect(!res.ok && res.error.field).toBe('touches.0.templateId')
    expect(store.launching).toBe(false)
  })
})

describe('the campaign page', () => {
  function summary(c: Campaign): Summary {
    return { campaign: c, target: 880, control: 100, sent: 1, responses: 12, revenueMinor: 600000, costMinor: 1056000, nextDue: '2026-03-16', nextChannel: 'email' }
  }

  it('loads the plan, its numbers and each released touch’s count', async () => {
    const c = stored(
      plan({
        status: 'running',
        touches: [touch(1, { releasedAt: '2026-03-02T08:00:00Z' }), touch(2, { channel: 'email', releasedAt: '2026-03-03T08:00:00Z' }), touch(3, { channel: 'phone' })],
      }),
      5,
    )
    get.mockResolvedValue(c)
    list.mockResolvedValue([summary(c)])
    work.mockResolvedValue({ items: [], total: 880, counts: { done: 300, due: 580 } })
    emailStatus.mockResolvedValue({ total: 860, done: 860 } as never)
    const store = useCampaignsStore()
    await store.load(5)
    expect(store.current?.id).toBe(5)
    expect(store.currentSummary?.responses).toBe(12)
    expect(list).toHaveBeenCalledWith(false)
    expect(work).toHaveBeenCalledWith({ touchId: 100, state: '', query: '', offset: 0, limit: 1 })
    expect(store.touchCounts).toEqual({ 100: { total: 880, done: 300 }, 101: { total: 860, done: 860 } })
  })

  it('pauses through the status the action means, then reloads', async () => {
    const c = stored(plan({ status: 'running' }), 5)
    get.mockResolvedValue(c)
    const store = useCampaignsStore()
    await store.load(5)
    get.mockResolvedValue({ ...c, status: 'paused', pauseReason: 'user' })
    const res = await store.setStatus('pause')
    expect(res.ok).toBe(true)
    expect(setStatus).toHaveBeenCalledWith(5, 'paused')
    expect(store.current?.status).toBe('paused')
    expect(store.busy).toBeNull()

    setStatus.mockRejectedValueOnce(JSON.stringify({ code: 'conflict', message: 'A paused campaign cannot become draft.', field: 'status', details: { reason: 'status' } }))
    const bad = await store.setStatus('unschedule')
    expect(bad.ok).toBe(false)
    expect(setStatus).toHaveBeenLastCalledWith(5, 'draft')
  })

  it('starts a touch now', async () => {
    const c = stored(plan({ status: 'running', touches: [touch(1)] }), 5)
    get.mockResolvedValue(c)
    release.mockResolvedValue({ touches: [{ campaignId: 5, touchId: 100, channel: 'letter', count: 880, skipped: 0 }] })
    const store = useCampaignsStore()
    await store.load(5)
    const res = await store.release(100)
    expect(release).toHaveBeenCalledWith(100)
    expect(res.ok && res.value.touches[0].count).toBe(880)
    expect(get).toHaveBeenCalledTimes(2)
  })

  it('counts a dynamic segment again and takes a frozen list’s size', async () => {
    vi.mocked(segmentsApi.list).mockResolvedValue([
      { id: 1, name: 'Loyal', kind: 'dynamic', filter: { v: 1, root: {} }, createdAt: '', updatedAt: '', size: 10 },
      { id: 2, name: 'Frozen', kind: 'frozen', filter: { v: 1, root: {} }, createdAt: '', updatedAt: '', size: 55 },
    ])
    vi.mocked(segmentsApi.count).mockResolvedValue({ count: 1234 } as never)
    const store = useCampaignsStore()
    await store.loadLookups()
    expect(await store.countSegment(1)).toBe(1234)
    expect(await store.countSegment(2)).toBe(55)
    expect(segmentsApi.count).toHaveBeenCalledTimes(1)
    expect(store.segmentCounts).toEqual({ 1: 1234, 2: 55 })
  })
})
