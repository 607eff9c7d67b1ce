// The segment editor's condition tree and the pure rules around it: what a
// condition needs before it can be counted, how the tree becomes the filter
// the backend reads (and back), and the small edits the screen makes.
//
// The editor tree differs from the filter in three ways: every node has an
// id (for Vue and for edits), a group has a mode all / any / none (none is
// {not: {any: [...]}} in the filter), and conditions may be unfinished
// (a field without values yet). Unfinished conditions and groups left empty
// by them are not sent: they show as "not finished" instead of an error.
import type { SegmentField, SegmentFilter, SegmentNode } from '../api/types'

export const FILTER_VERSION = 1

export type GroupMode = 'all' | 'any' | 'none'

export interface EditCondition {
  type: 'condition'
  id: number
  /** "" until the user picks a field. */
  field: string
  op: string
  /** Always text; positions matter for ranges ("30", "" = the second one not typed yet). */
  values: string[]
  asOf?: string
  days?: number
}

export interface EditGroup {
  type: 'group'
  id: number
  mode: GroupMode
  children: EditNode[]
}

export type EditNode = EditCondition | EditGroup

/** How many values an operator takes. */
export type Arity = 'none' | 'one' | 'two' | 'many'

const arities: Record<string, Arity> = {
  known: 'none',
  unknown: 'none',
  empty: 'none',
  notEmpty: 'none',
  between: 'two',
  atLeast: 'one',
  atMost: 'one',
  withinDays: 'one',
  notWithinDays: 'one',
  before: 'one',
  after: 'one',
  is: 'one',
  in: 'many',
  notIn: 'many',
  contains: 'many',
  startsWith: 'many',
  inMonth: 'many',
  anyOf: 'many',
  allOf: 'many',
  noneOf: 'many',
  inGroup: 'many',
}

/** The operator's number of values, or null for an operator this screen does not know. */
export function opArity(op: string): Arity | null {
  return Object.prototype.hasOwnProperty.call(arities, op) ? arities[op] : null
}

/**
 * The value editor a kind and operator need. 'unknown' for a kind or an
 * operator this screen cannot edit (a newer backend's): such a condition is
 * shown by name and can only be removed.
 */
export type ValueEditor =
  | 'none'
  | 'number'
  | 'numberRange'
  | 'days'
  | 'months'
  | 'enum'
  | 'pick'
  | 'text'
  | 'date'
  | 'dateRange'
  | 'flag'
  | 'score'
  | 'unknown'

export const knownKinds = ['age', 'birthday', 'enum', 'text', 'postcode', 'date', 'flag', 'tag', 'custom', 'number', 'money', 'score', 'list'] as const

export function isKnownKind(kind: string): boolean {
  return (knownKinds as readonly string[]).includes(kind)
}

export function valueEditor(kind: string, op: string): ValueEditor {
  const arity = opArity(op)
  if (arity === null || !isKnownKind(kind)) return 'unknown'
  if (arity === 'none') return 'none'
  switch (kind) {
    case 'age':
    case 'number':
    case 'money':
      return arity === 'two' ? 'numberRange' : arity === 'one' ? 'number' : 'unknown'
    case 'birthday':
      return op === 'inMonth' ? 'months' : op === 'withinDays' ? 'days' : 'unknown'
    case 'enum':
      return arity === 'many' ? 'enum' : 'unknown'
    case 'flag':
      return op === 'is' ? 'flag' : 'unknown'
    case 'score':
      return arity === 'many' ? 'score' : 'unknown'
    case 'tag':
    case 'list':
      return arity === 'many' ? 'pick' : 'unknown'
    case 'date':
      if (op === 'withinDays' || op === 'notWithinDays') return 'days'
      return arity === 'two' ? 'dateRange' : arity === 'one' ? 'date' : 'unknown'
    case 'postcode':
      if (op === 'between') return 'numberRange'
      if (op === 'startsWith' || op === 'contains') return 'text'
      return arity === 'many' ? 'pick' : 'unknown'
    default: // text, custom
      if (op === 'contains' || op === 'startsWith') return 'text'
      return arity === 'many' ? 'pick' : 'unknown'
  }
}

/**
 * Which list a 'pick' editor offers: the field's values with counts, or for
 * "is in the group" the groups of job titles.
 */
export function valueListKey(field: string, op: string): string {
  return op === 'inGroup' ? `${field}#groups` : field
}

/** Whether a field's conditions may count over the last N days (node.days): the backend says so per field. */
export function takesDays(field: SegmentField | undefined): boolean {
  return !!field?.days
}

/** Whether a field has a list of values to pick from (Segments.Values), or its values are typed. */
export function hasValueList(field: SegmentField | undefined, op = ''): boolean {
  if (op === 'inGroup') return true
  return !!field?.values
}

/** The bounds of the numbers a field's condition takes (a score 1-5, an age 0-150); undefined when open. */
export function numberBounds(field: SegmentField | undefined): { min: number; max: number | undefined } {
  const max = field?.max && field.max > 0 ? field.max : undefined
  return { min: field?.min ?? 0, max }
}

export type ConditionState = 'complete' | 'incomplete' | 'unknown'

const blank = (v: string | undefined) => (v ?? '').trim() === ''

/**
 * complete: it can be counted. incomplete: the user has not finished it (no
 * field, or values missing). unknown: a field or kind this screen cannot
 * edit; it is sent as it is (it came from a saved segment).
 */
export function conditionState(c: EditCondition, fields: ReadonlyMap<string, SegmentField>): ConditionState {
  if (c.field === '') return 'incomplete'
  const f = fields.get(c.field)
  if (!f || !isKnownKind(f.kind)) return fields.size === 0 || c.op !== '' ? 'unknown' : 'incomplete'
  if (!f.ops.includes(c.op)) return 'incomplete'
  if (valueEditor(f.kind, c.op) === 'unknown') return c.op !== '' ? 'unknown' : 'incomplete'
  switch (opArity(c.op)) {
    case 'none':
      return 'complete'
    case 'one':
      return c.values.length >= 1 && !blank(c.values[0]) ? 'complete' : 'incomplete'
    case 'two':
      return c.values.length >= 2 && !blank(c.values[0]) && !blank(c.values[1]) ? 'complete' : 'incomplete'
    default:
      return c.values.some((v) => !blank(v)) ? 'complete' : 'incomplete'
  }
}

function conditionNode(c: EditCondition, state: ConditionState): SegmentNode {
  const n: SegmentNode = { field: c.field, op: c.op }
  const arity = opArity(c.op)
  let values: string[]
  if (state === 'unknown' || arity === null) values = [...c.values]
  else if (arity === 'none') values = []
  else if (arity === 'one') values = [c.values[0].trim()]
  else if (arity === 'two') values = [c.values[0].trim(), c.values[1].trim()]
  else values = [...new Set(c.values.map((v) => v.trim()).filter((v) => v !== ''))]
  if (values.length) n.values = values
  if (c.asOf) n.asOf = c.asOf
  if (c.days && c.days > 0) n.days = c.days
  return n
}

function buildNode(n: EditNode, fields: ReadonlyMap<string, SegmentField>): SegmentNode | null {
  if (n.type === 'condition') {
    const state = conditionState(n, fields)
    return state === 'incomplete' ? null : conditionNode(n, state)
  }
  const kids = n.children.map((k) => buildNode(k, fields)).filter((k): k is SegmentNode => k !== null)
  if (kids.length === 0) return null
  if (n.mode === 'any') return { any: kids }
  if (n.mode === 'none') return { not: { any: kids } }
  return { all: kids }
}

/**
 * The filter the backend counts: finished conditions only; groups left
 * without any are dropped (an empty group would select everyone, and "none
 * of nothing" no one). No finished condition at all is {all: []}: everyone.
 */
export function buildFilter(root: EditGroup, fields: ReadonlyMap<string, SegmentField>): SegmentFilter {
  return { v: FILTER_VERSION, root: buildNode(root, fields) ?? { all: [] } }
}

/** The filter that selects everyone. */
export function emptyFilter(): SegmentFilter {
  return { v: FILTER_VERSION, root: { all: [] } }
}

let lastId = 0
export function newId(): number {
  return ++lastId
}

export function newGroup(mode: GroupMode = 'all', children: EditNode[] = []): EditGroup {
  return { type: 'group', id: newId(), mode, children }
}

export function newCondition(field = '', op = '', values: string[] = []): EditCondition {
  return { type: 'condition', id: newId(), field, op, values }
}

function toEdit(n: SegmentNode): EditNode {
  if (n.all) return newGroup('all', n.all.map(toEdit))
  if (n.any) return newGroup('any', n.any.map(toEdit))
  if (n.not) {
    const inner = n.not
    const onlyAny = inner.any && !inner.all && !inner.not && !inner.field
    return newGroup('none', onlyAny ? inner.any!.map(toEdit) : [toEdit(inner)])
  }
  if (n.field || n.op) {
    const c = newCondition(n.field ?? '', n.op ?? '', [...(n.values ?? [])])
    if (n.asOf) c.asOf = n.asOf
    if (n.days) c.days = n.days
    return c
  }
  return newGroup('all')
}

/** The editor tree of a stored filter; its root is always a group. */
export function treeFromFilter(f: SegmentFilter | null | undefined): EditGroup {
  const n = toEdit(f?.root ?? {})
  return n.type === 'group' ? n : newGroup('all', [n])
}

/** The tree without ids: what "unsaved changes" compares. */
export function treeKey(n: EditNode): unknown {
  if (n.type === 'group') return { m: n.mode, c: n.children.map(treeKey) }
  return { f: n.field, o: n.op, v: n.values, a: n.asOf ?? '', d: n.days ?? 0 }
}

// ---- Edits ----------------------------------------------------------------------

export function findNode(root: EditGroup, id: number): EditNode | null {
  if (root.id === id) return root
  for (const k of root.children) {
    if (k.id === id) return k
    if (k.type === 'group') {
      const hit = findNode(k, id)
      if (hit) return hit
    }
  }
  return null
}

export function findParent(root: EditGroup, id: number): EditGroup | null {
  for (const k of root.children) {
    if (k.id === id) return root
    if (k.type === 'group') {
      const hit = findParent(k, id)
      if (hit) return hit
    }
  }
  return null
}

/** Removes a node (the root stays); true when something was removed. */
export function removeNode(root: EditGroup, id: number): boolean {
  const parent = findParent(root, id)
  if (!parent) return false
  parent.children = parent.children.filter((k) => k.id !== id)
  return true
}

/** The values a condition starts with for a field and operator (yes for yes/no fields). */
export function defaultValues(kind: string, op: string): string[] {
  const editor = valueEditor(kind, op)
  if (editor === 'flag') return ['true']
  if (editor === 'numberRange' || editor === 'dateRange') return ['', '']
  return []
}

/** Points a condition at another field: its first operator, fresh values. */
export function setConditionField(c: EditCondition, field: SegmentField | undefined): void {
  c.field = field?.name ?? ''
  c.op = field?.ops[0] ?? ''
  c.values = field ? defaultValues(field.kind, c.op) : []
  delete c.asOf
  delete c.days
}

/**
 * Changes a condition's operator, keeping the values when the new operator
 * reads them the same way (and the first value of a range for "at least").
 */
export function setConditionOp(c: EditCondition, kind: string, op: string): void {
  const before = valueEditor(kind, c.op)
  const after = valueEditor(kind, op)
  const sameList = valueListKey(c.field, c.op) === valueListKey(c.field, op)
  c.op = op
  if (before === after && sameList) return
  const first = c.values[0] ?? ''
  const pairs: Record<string, string> = { number: 'numberRange', numberRange: 'number', date: 'dateRange', dateRange: 'date' }
  if (pairs[before] === after) {
    c.values = after === 'numberRange' || after === 'dateRange' ? [first, ''] : [first]
    return
  }
  c.values = defaultValues(kind, op)
}

/** Every condition of the tree, depth first. */
export function conditions(n: EditNode): EditCondition[] {
  if (n.type === 'condition') return [n]
  return n.children.flatMap(conditions)
}

/** How deep the tree goes (the root group is 1). */
export function depth(n: EditNode): number {
  if (n.type === 'condition') return 1
  return 1 + Math.max(0, ...n.children.map(depth))
}
