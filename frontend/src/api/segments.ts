import * as S from '../../wailsjs/go/app/Segments'
import type { segment } from '../../wailsjs/go/models'
import { call } from './call'
import { normalizeContact } from './types'
import type { Bucket, ExportResult, SavedSegment, SegmentExplanation, SegmentField, SegmentFilter, SegmentResult } from './types'

// The segment editor: the conditions to offer, live counts with breakdowns
// and a sample, the values to pick from, why a contact is (not) in, saved
// segments and frozen lists, and exports. Export runs as job "export".
//
// Filters go to the backend as plain JSON, not through the generated
// segment.Filter class: its constructor copies only the fields it knew when
// the bindings were generated, and would silently drop newer ones (days).

const wire = (f: SegmentFilter) => JSON.parse(JSON.stringify(f)) as segment.Filter

function normalizeBuckets(b: Bucket[] | null | undefined): Bucket[] {
  return (b ?? []).map((x) => ({ value: x.value ?? '', label: x.label ?? '', count: x.count ?? 0 }))
}

function normalizeFilter(f: SegmentFilter | null | undefined): SegmentFilter {
  return { v: f?.v || 1, root: f?.root ?? {} }
}

function normalizeResult(r: SegmentResult): SegmentResult {
  return {
    count: r.count ?? 0,
    total: r.total ?? 0,
    ages: normalizeBuckets(r.ages),
    genders: normalizeBuckets(r.genders),
    regions: normalizeBuckets(r.regions),
    jobTitles: normalizeBuckets(r.jobTitles),
    countries: normalizeBuckets(r.countries),
    sample: (r.sample ?? []).map(normalizeContact),
    millis: r.millis ?? 0,
  }
}

function normalizeSaved(s: SavedSegment): SavedSegment {
  return { ...s, filter: normalizeFilter(s.filter), frozenAt: s.frozenAt ?? '', size: s.size ?? 0 }
}

function normalizeExplanation(e: SegmentExplanation): SegmentExplanation {
  return { ...e, met: !!e.met, values: e.values ?? [], children: (e.children ?? []).map(normalizeExplanation) }
}

/** The conditions the editor offers, custom fields as "custom:<name>". */
export async function fields(): Promise<SegmentField[]> {
  const list = ((await call(S.Fields())) ?? []) as SegmentField[]
  return list.map((f) => ({ ...f, ops: f.ops ?? [], enum: f.enum ?? [] }))
}

/** How many contacts the filter finds, broken down, with a sample. */
export async function count(filter: SegmentFilter): Promise<SegmentResult> {
  return normalizeResult((await call(S.Count(wire(filter)))) as unknown as SegmentResult)
}

/** Every value of a field with how many contacts have it, biggest first ("tag" lists tags). */
export async function values(field: string): Promise<Bucket[]> {
  return normalizeBuckets((await call(S.Values(field))) as Bucket[])
}

/** The groups of job titles a condition can name ("Job title is in the group Decision makers"). */
export async function titleGroups(): Promise<{ name: string; titles: string[] }[]> {
  const list = ((await call(S.TitleGroups())) ?? []) as { name: string; titles: string[] | null }[]
  return list.map((g) => ({ name: g.name, titles: g.titles ?? [] }))
}

/** Which conditions of the filter a contact meets. */
export async function explain(filter: SegmentFilter, contactId: number): Promise<SegmentExplanation> {
  return normalizeExplanation((await call(S.Explain(wire(filter), contactId))) as unknown as SegmentExplanation)
}

/** Saved segments and frozen lists, by name. */
export async function list(): Promise<SavedSegment[]> {
  return (((await call(S.List())) ?? []) as unknown as SavedSegment[]).map(normalizeSaved)
}

/** Creates (id 0) or updates a segment; renames a frozen list (its members stay). */
export async function save(s: SavedSegment): Promise<SavedSegment> {
  const arg = JSON.parse(JSON.stringify(s)) as segment.Saved
  return normalizeSaved((await call(S.Save(arg))) as unknown as SavedSegment)
}

/** Stores the contacts the filter finds now as a frozen list. */
export async function freeze(filter: SegmentFilter, name: string): Promise<SavedSegment> {
  return normalizeSaved((await call(S.Freeze(wire(filter), name))) as unknown as SavedSegment)
}

export function remove(id: number): Promise<void> {
  return call(S.Delete(id))
}

/**
 * Exports the contacts of a filter - within frozen list frozenId when not 0 -
 * to path (.xlsx or .csv; a bare file name in browser mode). Job "export".
 */
export function exportContacts(filter: SegmentFilter, frozenId: number, path: string): Promise<ExportResult> {
  return call(S.Export(wire(filter), frozenId, path)) as Promise<unknown> as Promise<ExportResult>
}
