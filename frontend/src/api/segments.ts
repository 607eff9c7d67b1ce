import * as S from '../../wailsjs/go/app/Segments'
import type { segment } from '../../wailsjs/go/models'
import { call } from './call'
import { normalizeContact } from './types'
import type {
  AudienceFormat,
  AudienceResult,
  Bucket,
  CrossTab,
  ExploreCell,
  ContactExportResult,
  ExportCheck,
  ExportPurpose,
  OverlapResult,
  SavedSegment,
  SegmentExplanation,
  SegmentField,
  SegmentFilter,
  SegmentResult,
  TitleGroup,
} from './types'

// The segment editor: the conditions to offer, live counts with breakdowns
// and a sample, the values to pick from, why a contact is (not) in, saved
// segments and frozen lists, exports; the explorer's cross-table, overlaps,
// random splits, hashed ad audiences and the groups of job titles.
// Export and Audience run as job "export".
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
  return list.map((f) => ({ ...f, ops: f.ops ?? [], enum: f.enum ?? [], days: !!f.days, values: !!f.values }))
}

/** How many contacts the filter finds, broken down, with a sample. */
export async function count(filter: SegmentFilter): Promise<SegmentResult> {
  return normalizeResult((await call(S.Count(wire(filter)))) as unknown as SegmentResult)
}

/** Every value of a field with how many contacts have it, biggest first ("tag" lists tags). */
export async function values(field: string): Promise<Bucket[]> {
  return normalizeBuckets((await call(S.Values(field))) as Bucket[])
}

function normalizeGroups(list: { name: string; titles: string[] | null }[] | null): TitleGroup[] {
  return (list ?? []).map((g) => ({ name: g.name ?? '', titles: g.titles ?? [] }))
}

/** The groups of job titles a condition can name ("Job title is in the group Decision makers"). */
export async function titleGroups(): Promise<TitleGroup[]> {
  return normalizeGroups((await call(S.TitleGroups())) as { name: string; titles: string[] | null }[])
}

/** Replaces the groups of job titles; returns them as stored (names tidied, titles once each). */
export async function saveTitleGroups(groups: TitleGroup[]): Promise<TitleGroup[]> {
  const arg = JSON.parse(JSON.stringify(groups)) as segment.TitleGroup[]
  return normalizeGroups((await call(S.SaveTitleGroups(arg))) as { name: string; titles: string[] | null }[])
}

/** Which conditions of the filter a contact meets. */
export async function explain(filter: SegmentFilter, contactId: number): Promise<SegmentExplanation> {
  return normalizeExplanation((await call(S.Explain(wire(filter), contactId))) as unknown as SegmentExplanation)
}

/** The breakdown and a sample of a frozen list's members. */
export async function countList(frozenId: number): Promise<SegmentResult> {
  return normalizeResult((await call(S.CountList(frozenId))) as unknown as SegmentResult)
}

function normalizeCell(c: ExploreCell | null | undefined): ExploreCell {
  const out: ExploreCell = { count: c?.count ?? 0, buyers: c?.buyers ?? 0, revenue: c?.revenue ?? 0, orders: c?.orders ?? 0 }
  if (c?.filter) out.filter = normalizeFilter(c.filter)
  return out
}

/** The filter's contacts split by two dimensions (exploreDimensions) into a cross-table. */
export async function explore(filter: SegmentFilter, rowDim: string, colDim: string): Promise<CrossTab> {
  const t = (await call(S.Explore(wire(filter), rowDim, colDim))) as unknown as CrossTab
  return {
    rowDim: t.rowDim ?? rowDim,
    colDim: t.colDim ?? colDim,
    rows: normalizeBuckets(t.rows),
    cols: normalizeBuckets(t.cols),
    cells: (t.cells ?? []).map((row) => (row ?? []).map(normalizeCell)),
    total: normalizeCell(t.total),
    max: t.max ?? 0,
  }
}

/** How two to four saved segments or frozen lists overlap. */
export async function overlap(ids: number[]): Promise<OverlapResult> {
  const r = (await call(S.Overlap(ids))) as unknown as OverlapResult
  return { segments: (r.segments ?? []).map(normalizeSaved), regions: r.regions ?? [] }
}

/**
 * Divides the filter's contacts at random into groups of the given shares
 * (summing to 100), stored as frozen lists named names[k]. The same seed
 * gives the same groups; stratum ("" or a dimension) spreads each group
 * over its values.
 */
export async function split(filter: SegmentFilter, names: string[], percents: number[], seed: number, stratum: string): Promise<SavedSegment[]> {
  const out = (await call(S.Split(wire(filter), names, percents, seed, stratum))) as unknown as SavedSegment[] | null
  return (out ?? []).map(normalizeSaved)
}

/**
 * Writes a hashed customer-list file for Google or Meta ads of the filter's
 * contacts (within frozen list frozenId when not 0) to path (.csv; a bare
 * name in browser mode). Job "export".
 */
export async function audience(filter: SegmentFilter, frozenId: number, path: string, format: AudienceFormat): Promise<AudienceResult> {
  const r = (await call(S.Audience(wire(filter), frozenId, path, format))) as unknown as AudienceResult
  return { path: r.path ?? '', name: r.name ?? '', rows: r.rows ?? 0, skipped: r.skipped ?? 0 }
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
 * to path (.xlsx or .csv; a bare file name in browser mode). channel is what
 * the file is for ('' = own use, everyone). Job "export".
 */
export async function exportContacts(filter: SegmentFilter, frozenId: number, path: string, channel: ExportPurpose = ''): Promise<ContactExportResult> {
  const r = (await call(S.Export(wire(filter), frozenId, path, channel))) as unknown as ContactExportResult
  return { path: r.path ?? '', name: r.name ?? '', rows: r.rows ?? 0, channel: r.channel ?? channel, excluded: r.excluded ?? {} }
}

/** The preflight of a file for sending on channel: who goes in, who is left out by reason. */
export async function exportCheck(filter: SegmentFilter, frozenId: number, channel: ExportPurpose): Promise<ExportCheck> {
  const r = (await call(S.ExportCheck(wire(filter), frozenId, channel))) as unknown as ExportCheck
  return { channel: r.channel ?? channel, selected: r.selected ?? 0, kept: r.kept ?? 0, excluded: r.excluded ?? {} }
}
