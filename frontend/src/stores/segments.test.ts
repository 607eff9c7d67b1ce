import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import type { SavedSegment, SegmentField, SegmentFilter, SegmentResult } from '../api/types'

vi.mock('../api/segments', () => ({
  fields: vi.fn(),
  count: vi.fn(),
  countList: vi.fn(),
  values: vi.fn(),
  titleGroups: vi.fn(),
  saveTitleGroups: vi.fn(),
  split: vi.fn(),
  audience: vi.fn(),
  explain: vi.fn(),
  list: vi.fn(),
  save: vi.fn(),
  freeze: vi.fn(),
  remove: vi.fn(),
  exportContacts: vi.fn(),
  exportCheck: vi.fn(),
}))
vi.mock('../api/contacts', () => ({ list: vi.fn() }))
vi.mock('../api/workspace', () => ({ cancelJob: vi.fn() }))
vi.mock('../api/events', () => ({ onEvent: vi.fn(() => () => {}) }))

import * as api from '../api/segments'
import * as contactsApi from '../api/contacts'
import { COUNT_DEBOUNCE_MS, useSegmentsStore } from './segments'
import {
  buildFilter,
  conditionState,
  newCondition,
  newGroup,
  opArity,
  setConditionField,
  setConditionOp,
  takesDays,
  hasValueList,
  numberBounds,
  treeFromFilter,
  valueEditor,
  type EditCondition,
} from './segmentTree'

// The fields of today's backend (with what it says about each: days,
// values, bounds) and one this screen has never heard of.
const fieldList: SegmentField[] = [
  { name: 'age', kind: 'age', ops: ['between', 'atLeast', 'atMost', 'known', 'unknown'], max: 150 },
  { name: 'birthday', kind: 'birthday', ops: ['inMonth', 'withinDays'], max: 366 },
  { name: 'gender', kind: 'enum', ops: ['in', 'notIn'], enum: ['female', 'male', 'other', 'unknown'] },
  { name: 'region', kind: 'text', ops: ['in', 'notIn', 'contains', 'empty', 'notEmpty'], values: true },
  { name: 'postcode', kind: 'postcode', ops: ['in', 'notIn', 'between', 'startsWith', 'empty', 'notEmpty'], values: true, max: 99_999_999 },
  { name: 'jobTitle', kind: 'text', ops: ['in', 'notIn', 'contains', 'empty', 'notEmpty', 'inGroup'], values: true },
  { name: 'tag', kind: 'tag', ops: ['anyOf', 'allOf', 'noneOf'], values: true },
  { name: 'customerSince', kind: 'date', ops: ['before', 'after', 'between', 'withinDays', 'empty', 'notEmpty'] },
  { name: 'lastOrder', kind: 'date', ops: ['before', 'after', 'between', 'withinDays', 'empty', 'notEmpty', 'notWithinDays'] },
  { name: 'hasEmail', kind: 'flag', ops: ['is'] },
  { name: 'custom:Shoe size', kind: 'custom', ops: ['in', 'notIn', 'contains', 'empty', 'notEmpty'], values: true },
  { name: 'orderCount', kind: 'number', ops: ['between', 'atLeast', 'atMost'], days: true, max: 1_000_000_000 },
  { name: 'orderAmount', kind: 'money', ops: ['between', 'atLeast', 'atMost'], days: true, max: 1_000_000_000 },
  { name: 'lifetimeValue', kind: 'money', ops: ['between', 'atLeast', 'atMost'], max: 1_000_000_000 },
  { name: 'rfmRecency', kind: 'score', ops: ['in'], min: 1, max: 5 },
  { name: 'boughtCategory', kind: 'list', ops: ['anyOf', 'noneOf'], days: true, values: true },
  { name: 'note', kind: 'text', ops: ['contains'] },
  { name: 'city', kind: 'text', ops: ['in', 'notIn', 'soundsLike'] },
  { name: 'mood', kind: 'weather', ops: ['sunny'] },
]
const fields = new Map(fieldList.map((f) => [f.name, f]))

function cond(field: string, op: string, values: string[] = [], extra: Partial<EditCondition> = {}): EditCondition {
  return { ...newCondition(field, op, values), ...extra }
}

function result(count: number, over: Partial<SegmentResult> = {}): SegmentResult {
  return { count, total: 2500, ages: [], genders: [], regions: [], jobTitles: [], countries: [], sample: [], millis: 0.3, ...over }
}

function saved(id: number, over: Partial<SavedSegment> = {}): SavedSegment {
  return {
    id,
    name: `Segment ${id}`,
    kind: 'dynamic',
    filter: { v: 1, root: { all: [{ field: 'gender', op: 'in', values: ['female'] }] } },
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
    size: 1243,
    ...over,
  }
}

/** A promise the test settles by hand, like a slow backend call. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('segment tree: what a condition needs', () => {
  const cases: [string, EditCondition, string][] = [
    ['a condition without a field is not finished', cond('', ''), 'incomplete'],
    ['age between needs both numbers', cond('age', 'between', ['30', '']), 'incomplete'],
    ['age between with both numbers is finished', cond('age', 'between', ['30', '45']), 'complete'],
    ['age at least needs its number', cond('age', 'atLeast', []), 'incomplete'],
    ['"age is known" needs no value', cond('age', 'known'), 'complete'],
    ['birthday months need one month', cond('birthday', 'inMonth', []), 'incomplete'],
    ['birthday in the next days needs the days', cond('birthday', 'withinDays', ['14']), 'complete'],
    ['gender needs a ticked value', cond('gender', 'in', []), 'incomplete'],
    ['a blank value does not count', cond('region', 'in', ['  ']), 'incomplete'],
    ['a region picked is finished', cond('region', 'in', ['region hovedstaden']), 'complete'],
    ['contains needs text', cond('region', 'contains', ['']), 'incomplete'],
    ['"is empty" needs no value', cond('region', 'empty'), 'complete'],
    ['postcode between needs both ends', cond('postcode', 'between', ['1000']), 'incomplete'],
    ['dates between need both dates', cond('customerSince', 'between', ['2024-01-01', '2024-12-31']), 'complete'],
    ['a yes/no field with its answer is finished', cond('hasEmail', 'is', ['false']), 'complete'],
    ['tags need a tag', cond('tag', 'allOf', []), 'incomplete'],
    ['number of orders at least 3', cond('orderCount', 'atLeast', ['3']), 'complete'],
    ['money between needs both amounts', cond('orderAmount', 'between', ['500', '']), 'incomplete'],
    ['scores need a score', cond('rfmRecency', 'in', ['4', '5']), 'complete'],
    ['bought a category', cond('boughtCategory', 'anyOf', ['sko']), 'complete'],
    ['an operator the field does not offer is not finished', cond('gender', 'between', ['1', '2']), 'incomplete'],
    ['a kind this screen does not know is kept as it is', cond('mood', 'sunny', ['yes']), 'unknown'],
    ['a field the backend no longer offers is kept as it is', cond('custom:Gone', 'in', ['x']), 'unknown'],
    ['an operator the field does not list is not finished', cond('region', 'soundsLike', ['x']), 'incomplete'],
    ['an operator this screen does not know yet is kept as it is', cond('city', 'soundsLike', ['x']), 'unknown'],
  ]
  for (const [name, c, want] of cases) {
    it(name, () => expect(conditionState(c, fields)).toBe(want))
  }

  it('knows every operator\'s number of values', () => {
    expect(opArity('between')).toBe('two')
    expect(opArity('atLeast')).toBe('one')
    expect(opArity('notWithinDays')).toBe('one')
    expect(opArity('anyOf')).toBe('many')
    expect(opArity('empty')).toBe('none')
    expect(opArity('soundsLike')).toBeNull()
  })

  it('picks a value editor by kind and operator, for kinds that are coming too', () => {
    const e = (field: string, op: string) => valueEditor(fields.get(field)!.kind, op)
    expect(e('age', 'between')).toBe('numberRange')
    expect(e('age', 'atMost')).toBe('number')
    expect(e('birthday', 'inMonth')).toBe('months')
    expect(e('birthday', 'withinDays')).toBe('days')
    expect(e('gender', 'notIn')).toBe('enum')
    expect(e('region', 'in')).toBe('pick')
    expect(e('region', 'contains')).toBe('text')
    expect(e('jobTitle', 'inGroup')).toBe('pick')
    expect(e('postcode', 'between')).toBe('numberRange')
    expect(e('postcode', 'startsWith')).toBe('text')
    expect(e('customerSince', 'between')).toBe('dateRange')
    expect(e('lastOrder', 'notWithinDays')).toBe('days')
    expect(e('hasEmail', 'is')).toBe('flag')
    expect(e('tag', 'noneOf')).toBe('pick')
    expect(e('custom:Shoe size', 'in')).toBe('pick')
    expect(e('orderAmount', 'between')).toBe('numberRange')
    expect(e('orderCount', 'atLeast')).toBe('number')
    expect(e('rfmRecency', 'in')).toBe('score')
    expect(e('boughtCategory', 'anyOf')).toBe('pick')
    expect(e('mood', 'sunny')).toBe('unknown')
    expect(e('region', 'empty')).toBe('none')
  })

  it('offers "in the last N days" where the backend says a field takes days', () => {
    expect(takesDays(fields.get('orderCount'))).toBe(true)
    expect(takesDays(fields.get('orderAmount'))).toBe(true)
    expect(takesDays(fields.get('boughtCategory'))).toBe(true)
    expect(takesDays(fields.get('lifetimeValue'))).toBe(false)
    expect(takesDays(fields.get('age'))).toBe(false)
    expect(takesDays({ name: 'lifetimeValue', kind: 'money', ops: ['atLeast'], days: true })).toBe(true)
    expect(takesDays(undefined)).toBe(false)
  })

  it('offers a list to pick from where the backend has one, and groups of job titles always', () => {
    expect(hasValueList(fields.get('region'))).toBe(true)
    expect(hasValueList(fields.get('custom:Shoe size'))).toBe(true)
    expect(hasValueList(fields.get('note'))).toBe(false)
    expect(hasValueList(fields.get('note'), 'inGroup')).toBe(true)
    expect(hasValueList(undefined)).toBe(false)
  })

  it('bounds numbers by what the backend says', () => {
    expect(numberBounds(fields.get('age'))).toEqual({ min: 0, max: 150 })
    expect(numberBounds(fields.get('rfmRecency'))).toEqual({ min: 1, max: 5 })
    expect(numberBounds(fields.get('customerSince'))).toEqual({ min: 0, max: undefined })
  })
})

describe('segment tree: the filter sent to the backend', () => {
  it('selects everyone when nothing is finished', () => {
    expect(buildFilter(newGroup('all'), fields)).toEqual({ v: 1, root: { all: [] } })
    expect(buildFilter(newGroup('all', [cond('age', 'between', ['30'])]), fields)).toEqual({ v: 1, root: { all: [] } })
  })

  it('sends finished conditions only, with values as text, trimmed and once each', () => {
    const root = newGroup('all', [
      cond('age', 'between', [' 30', '45 ']),
      cond('gender', 'in', ['female', 'female']),
      cond('region', 'in', []),
      cond('region', 'notEmpty', ['left over']),
    ])
    expect(buildFilter(root, fields).root).toEqual({
      all: [
        { field: 'age', op: 'between', values: ['30', '45'] },
        { field: 'gender', op: 'in', values: ['female'] },
        { field: 'region', op: 'notEmpty' },
      ],
    })
  })

  it('writes "none of these" as not-any and drops groups left empty', () => {
    const root = newGroup('all', [
      cond('gender', 'in', ['female']),
      newGroup('none', [cond('region', 'in', ['oslo']), cond('region', 'in', [])]),
      newGroup('any', [cond('tag', 'anyOf', [])]),
    ])
    expect(buildFilter(root, fields).root).toEqual({
      all: [{ field: 'gender', op: 'in', values: ['female'] }, { not: { any: [{ field: 'region', op: 'in', values: ['oslo'] }] } }],
    })
  })

  it('keeps the date of an age and the days of a purchase condition', () => {
    const root = newGroup('any', [cond('age', 'atLeast', ['18'], { asOf: '2027-06-01' }), cond('orderCount', 'atLeast', ['2'], { days: 90 })])
    expect(buildFilter(root, fields).root).toEqual({
      any: [
        { field: 'age', op: 'atLeast', values: ['18'], asOf: '2027-06-01' },
        { field: 'orderCount', op: 'atLeast', values: ['2'], days: 90 },
      ],
    })
  })

  it('passes conditions it cannot edit on unchanged', () => {
    const root = newGroup('all', [cond('mood', 'sunny', ['yes', 'yes'])])
    expect(buildFilter(root, fields).root).toEqual({ all: [{ field: 'mood', op: 'sunny', values: ['yes', 'yes'] }] })
  })

  it('reads stored filters back into the same filter', () => {
    const filters: SegmentFilter[] = [
      { v: 1, root: { all: [] } },
      { v: 1, root: { all: [{ field: 'age', op: 'between', values: ['30', '45'] }, { field: 'gender', op: 'in', values: ['female'] }] } },
      { v: 1, root: { any: [{ field: 'region', op: 'in', values: ['oslo'] }, { all: [{ field: 'hasEmail', op: 'is', values: ['true'] }] }] } },
      { v: 1, root: { all: [{ not: { any: [{ field: 'tag', op: 'anyOf', values: ['vip'] }] } }] } },
      { v: 1, root: { all: [{ field: 'orderAmount', op: 'atLeast', values: ['1000'], days: 365 }] } },
    ]
    for (const f of filters) expect(buildFilter(treeFromFilter(f), fields)).toEqual(f)
  })

  it('reads a lone condition, a NOT of one condition and an empty root as groups', () => {
    const lone = treeFromFilter({ v: 1, root: { field: 'gender', op: 'in', values: ['male'] } })
    expect(lone.mode).toBe('all')
    expect(lone.children).toHaveLength(1)
    const not = treeFromFilter({ v: 1, root: { not: { field: 'gender', op: 'in', values: ['male'] } } })
    expect(not.mode).toBe('none')
    expect(buildFilter(not, fields).root).toEqual({ not: { any: [{ field: 'gender', op: 'in', values: ['male'] }] } })
    expect(treeFromFilter({ v: 1, root: {} }).children).toEqual([])
    expect(treeFromFilter(null).mode).toBe('all')
  })
})

describe('segment tree: edits', () => {
  it('a new field starts with its first operator (and "yes" for yes/no fields)', () => {
    const c = cond('age', 'between', ['30', '45'], { asOf: '2027-01-01' })
    setConditionField(c, fields.get('hasEmail'))
    expect(c).toMatchObject({ field: 'hasEmail', op: 'is', values: ['true'] })
    expect(c.asOf).toBeUndefined()
    setConditionField(c, fields.get('age'))
    expect(c).toMatchObject({ op: 'between', values: ['', ''] })
  })

  it('another operator keeps values read the same way', () => {
    const c = cond('region', 'in', ['oslo', 'vestland'])
    setConditionOp(c, 'text', 'notIn')
    expect(c.values).toEqual(['oslo', 'vestland'])
    setConditionOp(c, 'text', 'contains')
    expect(c.values).toEqual([])
    const age = cond('age', 'between', ['30', '45'])
    setConditionOp(age, 'age', 'atLeast')
    expect(age.values).toEqual(['30'])
    setConditionOp(age, 'age', 'between')
    expect(age.values).toEqual(['30', ''])
    setConditionOp(age, 'age', 'known')
    expect(age.values).toEqual([])
  })

  it('job titles and groups of job titles are different lists', () => {
    const c = cond('jobTitle', 'in', ['direktør'])
    setConditionOp(c, 'text', 'inGroup')
    expect(c.values).toEqual([])
  })
})

describe('segments store', () => {
  const count = vi.mocked(api.count)
  const list = vi.mocked(api.list)
  const save = vi.mocked(api.save)
  const freeze = vi.mocked(api.freeze)
  const remove = vi.mocked(api.remove)
  const values = vi.mocked(api.values)
  const exportContacts = vi.mocked(api.exportContacts)

  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
    vi.clearAllMocks()
    vi.mocked(api.fields).mockResolvedValue(fieldList)
    count.mockResolvedValue(result(2500))
    list.mockResolvedValue([])
    values.mockResolvedValue([
      { value: 'region hovedstaden', label: 'Region Hovedstaden', count: 495 },
      { value: 'oslo', label: 'Oslo', count: 183 },
    ])
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  async function ready() {
    const s = useSegmentsStore()
    await s.init()
    count.mockClear()
    return s
  }

  const first = (s: ReturnType<typeof useSegmentsStore>) => s.root.children[0] as EditCondition

  it('counts everyone on opening, with one condition to fill in', async () => {
    const s = useSegmentsStore()
    await s.init()
    expect(count).toHaveBeenCalledWith({ v: 1, root: { all: [] } })
    expect(s.result?.count).toBe(2500)
    expect(s.root.children).toHaveLength(1)
    expect(s.unfinished).toHaveLength(1)
    expect(s.dirty).toBe(false)
  })

  it('counts once after a burst of edits, with the last conditions', async () => {
    const s = await ready()
    const id = first(s).id
    s.setField(id, 'age')
    s.setValue(id, 0, '30')
    await nextTick()
    expect(count).not.toHaveBeenCalled() // not finished yet: nothing to count
    s.setValue(id, 1, '4')
    await nextTick()
    await vi.advanceTimersByTimeAsync(100)
    s.setValue(id, 1, '45')
    await nextTick()
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS - 1)
    expect(count).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(count).toHaveBeenCalledTimes(1)
    expect(count).toHaveBeenLastCalledWith({ v: 1, root: { all: [{ field: 'age', op: 'between', values: ['30', '45'] }] } })
    expect(s.dirty).toBe(true)
  })

  it('does not count again for edits of unfinished conditions', async () => {
    const s = await ready()
    s.setField(first(s).id, 'gender')
    s.setValues(first(s).id, ['female'])
    await nextTick()
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS)
    expect(count).toHaveBeenCalledTimes(1)
    const added = s.addCondition(s.root.id)!
    s.setField(added, 'region')
    await nextTick()
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS * 2)
    expect(count).toHaveBeenCalledTimes(1)
    expect(s.unfinished.map((c) => c.id)).toEqual([added])
    expect(s.stale).toBe(false)
  })

  it('shows only the newest answer when an older one arrives late', async () => {
    const s = await ready()
    const slow = deferred<SegmentResult>()
    count.mockImplementationOnce(() => slow.promise).mockResolvedValueOnce(result(495))
    s.setField(first(s).id, 'gender')
    s.setValues(first(s).id, ['female'])
    await nextTick()
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS)
    expect(s.counting).toBe(true)
    s.setValues(first(s).id, ['male'])
    await nextTick()
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS)
    expect(s.result?.count).toBe(495)
    slow.resolve(result(1243))
    await vi.advanceTimersByTimeAsync(0)
    expect(s.result?.count).toBe(495)
    expect(s.counting).toBe(false)
    expect(s.stale).toBe(false)
  })

  it('keeps a count error until a later count succeeds', async () => {
    const s = await ready()
    count.mockRejectedValueOnce('{"code":"invalid","message":"x","field":"filter","details":{"reason":"number","field":"age","min":"0","max":"150"}}')
    s.setField(first(s).id, 'age')
    s.setValues(first(s).id, ['30', '999'])
    await nextTick()
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS)
    expect(s.countError?.details.reason).toBe('number')
    expect(s.stale).toBe(true)
    count.mockResolvedValueOnce(result(351))
    s.setValue(first(s).id, 1, '45')
    await nextTick()
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS)
    expect(s.countError).toBeNull()
    expect(s.result?.count).toBe(351)
  })

  it('edits groups: modes, inner groups and removals', async () => {
    const s = await ready()
    s.setField(first(s).id, 'gender')
    s.setValues(first(s).id, ['female'])
    const g = s.addGroup(s.root.id)!
    const inner = s.root.children[1]
    expect(inner.type === 'group' && inner.mode).toBe('any')
    const innerCond = inner.type === 'group' ? inner.children[0].id : 0
    s.setField(innerCond, 'region')
    s.setValues(innerCond, ['oslo'])
    s.setMode(g, 'none')
    expect(s.filter.root).toEqual({
      all: [{ field: 'gender', op: 'in', values: ['female'] }, { not: { any: [{ field: 'region', op: 'in', values: ['oslo'] }] } }],
    })
    s.setMode(s.root.id, 'any')
    expect(Object.keys(s.filter.root)).toEqual(['any'])
    expect(s.removeNode(g)).toBe(true)
    expect(s.filter.root).toEqual({ any: [{ field: 'gender', op: 'in', values: ['female'] }] })
    expect(s.removeNode(s.root.id)).toBe(false)
  })

  it('will not save without a name or with unfinished conditions', async () => {
    const s = await ready()
    let res = await s.save()
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.field).toBe('name')
    s.name = 'Kvinder 30-45'
    res = await s.save()
    expect(!res.ok && res.error.details.reason).toBe('incomplete')
    expect(save).not.toHaveBeenCalled()
  })

  it('saves a new segment, then updates the same one', async () => {
    const s = await ready()
    s.setField(first(s).id, 'gender')
    s.setValues(first(s).id, ['female'])
    s.name = '  Kvinder  '
    save.mockResolvedValueOnce(saved(7, { name: 'Kvinder', filter: s.filter }))
    list.mockResolvedValueOnce([saved(7, { name: 'Kvinder' })])
    const res = await s.save()
    expect(res.ok).toBe(true)
    expect(save).toHaveBeenCalledWith({ id: 0, name: 'Kvinder', kind: 'dynamic', filter: s.filter, createdAt: '', updatedAt: '', size: 0 })
    expect(s.current?.id).toBe(7)
    expect(s.dirty).toBe(false)
    expect(s.saved).toHaveLength(1)

    s.setValues(first(s).id, ['female', 'other'])
    expect(s.dirty).toBe(true)
    save.mockResolvedValueOnce(saved(7, { name: 'Kvinder' }))
    await s.save()
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ id: 7, name: 'Kvinder', filter: { v: 1, root: { all: [{ field: 'gender', op: 'in', values: ['female', 'other'] }] } } }))
    expect(s.dirty).toBe(false)
  })

  it('passes a name taken on as the backend said it', async () => {
    const s = await ready()
    s.root.children = []
    s.name = 'VIP'
    save.mockRejectedValueOnce('{"code":"conflict","message":"taken","field":"name","details":{"name":"VIP"}}')
    const res = await s.save()
    expect(!res.ok && res.error.code).toBe('conflict')
    expect(s.current).toBeNull()
  })

  it('opens a saved segment and counts it; a frozen list is shown, not counted', async () => {
    const s = await ready()
    s.open(saved(3))
    await vi.advanceTimersByTimeAsync(0)
    expect(count).toHaveBeenCalledWith(saved(3).filter)
    expect(s.name).toBe('Segment 3')
    expect(s.dirty).toBe(false)

    count.mockClear()
    vi.mocked(api.countList).mockResolvedValueOnce(result(17))
    s.open(saved(4, { kind: 'frozen', frozenAt: '2026-12-02T09:00:00Z', size: 17 }))
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS * 2)
    expect(count).not.toHaveBeenCalled()
    // Its members are broken down instead.
    expect(api.countList).toHaveBeenCalledWith(4)
    expect(s.result?.count).toBe(17)
    expect(s.stale).toBe(false)
    expect(s.isFrozen).toBe(true)
    // Its conditions cannot be edited, its name can.
    s.setValues(first(s).id, ['male'])
    expect(first(s).values).toEqual(['female'])
    s.name = 'Julekort 2026'
    expect(s.dirty).toBe(true)
  })

  it('freezes the conditions shown, keeping the editor as it is', async () => {
    const s = await ready()
    s.setField(first(s).id, 'gender')
    s.setValues(first(s).id, ['female'])
    freeze.mockResolvedValueOnce(saved(9, { kind: 'frozen', name: 'Kvinder – 2. dec. 2026', size: 1243 }))
    const res = await s.freeze('Kvinder – 2. dec. 2026')
    expect(res.ok).toBe(true)
    expect(freeze).toHaveBeenCalledWith({ v: 1, root: { all: [{ field: 'gender', op: 'in', values: ['female'] }] } }, 'Kvinder – 2. dec. 2026')
    expect(list).toHaveBeenCalled()
    expect(s.current).toBeNull()
  })

  it('saves a frozen list\'s conditions as a new segment', async () => {
    const s = await ready()
    s.open(saved(4, { kind: 'frozen' }))
    save.mockResolvedValueOnce(saved(10, { name: 'Copy' }))
    await s.saveAsNew('Copy')
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ id: 0, kind: 'dynamic', name: 'Copy', filter: saved(4).filter }))
    expect(s.isFrozen).toBe(false)
    expect(s.current?.id).toBe(10)
  })

  it('exports the conditions of a segment, and the members of a frozen list', async () => {
    const s = await ready()
    exportContacts.mockResolvedValue({ path: '/tmp/x.xlsx', name: 'x.xlsx', rows: 3, channel: '', excluded: {} })
    // An unfinished condition would be left out of the file without a word: refused.
    const res0 = await s.runExport('kvinder.xlsx')
    expect(!res0.ok && res0.error.details.reason).toBe('incomplete')
    expect(exportContacts).not.toHaveBeenCalled()
    s.setField(first(s).id, 'gender')
    s.setValues(first(s).id, ['female'])
    await s.runExport('kvinder.xlsx')
    expect(exportContacts).toHaveBeenLastCalledWith(s.filter, 0, 'kvinder.xlsx', '')
    s.open(saved(4, { kind: 'frozen' }))
    const res = await s.runExport('')
    expect(res.ok).toBe(true)
    expect(exportContacts).toHaveBeenLastCalledWith({ v: 1, root: { all: [] } }, 4, '', '')
    expect(s.exportJob.task).toBeNull()
  })

  it('checks a file for sending first, and exports it for that channel', async () => {
    const s = await ready()
    const exportCheck = vi.mocked(api.exportCheck)
    // Unfinished conditions: no check, the same refusal as the export.
    const res0 = await s.checkExport('post')
    expect(!res0.ok && res0.error.details.reason).toBe('incomplete')
    expect(exportCheck).not.toHaveBeenCalled()
    s.setField(first(s).id, 'gender')
    s.setValues(first(s).id, ['female'])
    exportCheck.mockResolvedValueOnce({ channel: 'post', selected: 10, kept: 7, excluded: { register: 2, erased: 1 } })
    const res = await s.checkExport('post')
    expect(res.ok && res.value.excluded).toEqual({ register: 2, erased: 1 })
    expect(exportCheck).toHaveBeenLastCalledWith(s.filter, 0, 'post')
    // A frozen list is checked and exported by its members; "see who" gets the same selection.
    s.open(saved(4, { kind: 'frozen' }))
    expect(s.exportSelection()).toEqual({ filter: { v: 1, root: { all: [] } }, frozenId: 4 })
    exportCheck.mockRejectedValueOnce('{"code":"invalid","message":"Say what the file is for.","field":"channel","details":{"reason":"choice"}}')
    const bad = await s.checkExport('post')
    expect(!bad.ok && bad.error.field).toBe('channel')
    exportContacts.mockResolvedValueOnce({ path: '/tmp/l.csv', name: 'l.csv', rows: 7, channel: 'post', excluded: { register: 2, erased: 1 } })
    const done = await s.runExport('l.csv', 'post')
    expect(done.ok && done.value.excluded.register).toBe(2)
    expect(exportContacts).toHaveBeenLastCalledWith({ v: 1, root: { all: [] } }, 4, 'l.csv', 'post')
  })

  it('deleting the open segment starts a new one', async () => {
    const s = await ready()
    s.open(saved(3))
    remove.mockResolvedValueOnce(undefined)
    await s.remove(3)
    expect(remove).toHaveBeenCalledWith(3)
    expect(s.current).toBeNull()
    expect(s.name).toBe('')
  })

  it('loads a field\'s values once, and remembers fields that have no list', async () => {
    const s = await ready()
    await Promise.all([s.loadValues('region'), s.loadValues('region')])
    expect(values).toHaveBeenCalledTimes(1)
    expect(s.valueLabel('region', 'region hovedstaden')).toBe('Region Hovedstaden')
    expect(s.valueLabel('region', 'unknown place')).toBe('unknown place')
    values.mockRejectedValueOnce('{"code":"invalid","message":"That field has no list of values.","field":"field"}')
    expect((await s.loadValues('custom:Shoe size')).status).toBe('none')
    vi.mocked(api.titleGroups).mockResolvedValueOnce([{ name: 'Decision makers', titles: ['Direktør'] }])
    expect((await s.loadValues('jobTitle#groups')).buckets.map((b) => b.value)).toEqual(['Decision makers'])
  })

  it('finds contacts to explain by search', async () => {
    const s = await ready()
    vi.mocked(contactsApi.list).mockResolvedValueOnce({ items: [], total: 0, offset: 0, limit: 10 })
    expect(await s.findContacts('  ')).toEqual([])
    await s.findContacts('Hansen')
    expect(contactsApi.list).toHaveBeenCalledWith(expect.objectContaining({ search: 'Hansen', limit: 10 }))
  })
  it('opens a cell of the explorer as a new, unsaved segment with its name', async () => {
    const s = await ready()
    s.open(saved(3))
    await vi.advanceTimersByTimeAsync(0)
    const cell: SegmentFilter = {
      v: 1,
      root: { all: [{ field: 'gender', op: 'in', values: ['female'] }, { field: 'age', op: 'between', values: ['30', '39'] }] },
    }
    s.openAsNew(cell, 'Segment 3 · 30–39')
    expect(s.current).toBeNull()
    expect(s.name).toBe('Segment 3 · 30–39')
    expect(s.filter).toEqual(cell)
    expect(s.dirty).toBe(true)
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS)
    expect(count).toHaveBeenLastCalledWith(cell)
  })

  it('splits the conditions shown into frozen lists, and refuses a frozen list', async () => {
    const s = await ready()
    s.setField(first(s).id, 'gender')
    s.setValues(first(s).id, ['female'])
    const made = [saved(20, { kind: 'frozen', name: 'K – test', size: 1119 }), saved(21, { kind: 'frozen', name: 'K – control', size: 124 })]
    vi.mocked(api.split).mockResolvedValueOnce(made)
    list.mockResolvedValueOnce(made)
    const res = await s.split([' K – test ', 'K – control'], [90, 10], 42, 'region')
    expect(res.ok && res.value.map((x) => x.size)).toEqual([1119, 124])
    expect(api.split).toHaveBeenCalledWith(s.filter, ['K – test', 'K – control'], [90, 10], 42, 'region')
    expect(s.saved).toHaveLength(2)
    expect(s.busy).toBeNull()

    s.open(saved(4, { kind: 'frozen' }))
    const refused = await s.split(['a', 'b'], [50, 50], 1, '')
    expect(refused.ok).toBe(false)
    expect(api.split).toHaveBeenCalledTimes(1)
  })

  it('writes a hashed audience of the conditions, or of a frozen list\'s members', async () => {
    const s = await ready()
    const audience = vi.mocked(api.audience)
    audience.mockResolvedValue({ path: '/tmp/a.csv', name: 'a.csv', rows: 1092, skipped: 27 })
    s.setField(first(s).id, 'gender')
    s.setValues(first(s).id, ['female'])
    const res = await s.runAudience('meta', 'kvinder-meta.csv')
    expect(res.ok && res.value.skipped).toBe(27)
    expect(audience).toHaveBeenLastCalledWith(s.filter, 0, 'kvinder-meta.csv', 'meta')
    s.open(saved(4, { kind: 'frozen' }))
    await s.runAudience('google', '')
    expect(audience).toHaveBeenLastCalledWith({ v: 1, root: { all: [] } }, 4, '', 'google')
    expect(s.exportJob.task).toBeNull()
  })

  it('saving the groups of job titles reloads their list and counts again', async () => {
    const s = await ready()
    vi.mocked(api.titleGroups).mockResolvedValueOnce([{ name: 'Decision makers', titles: ['Direktør'] }])
    await s.loadValues('jobTitle#groups')
    vi.mocked(api.saveTitleGroups).mockResolvedValueOnce([{ name: 'Owners', titles: ['Indehaver'] }])
    vi.mocked(api.titleGroups).mockResolvedValueOnce([{ name: 'Owners', titles: ['Indehaver'] }])
    const res = await s.saveTitleGroups([{ name: 'Owners', titles: ['Indehaver'] }])
    expect(res.ok).toBe(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(count).toHaveBeenCalled()
    expect(s.valueLists['jobTitle#groups'].buckets.map((b) => b.value)).toEqual(['Owners'])

    vi.mocked(api.saveTitleGroups).mockRejectedValueOnce('{"code":"conflict","message":"x","field":"titleGroups","details":{"name":"Owners"}}')
    const bad = await s.saveTitleGroups([{ name: 'Owners', titles: ['a'] }, { name: 'owners', titles: ['b'] }])
    expect(!bad.ok && bad.error.code).toBe('conflict')
  })
})
