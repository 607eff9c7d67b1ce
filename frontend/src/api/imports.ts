import * as I from '../../wailsjs/go/app/Imports'
import { marketing } from '../../wailsjs/go/models'
import { call } from './call'
import { emptyCounts, normalizeContact } from './types'
import type {
  ExportResult,
  ImportBatch,
  ImportField,
  ImportInspection,
  ImportKind,
  ImportOptions,
  ImportRow,
  ImportSource,
  ImportSummary,
} from './types'

// Import screen: inspect a file (or pasted rows), preview, dry-run, commit
// as one batch, undo. path is "" when src.paste holds pasted rows. Analyze,
// Commit and Undo run as job "import": they resolve when done, progress
// arrives as job:progress events, and Workspace.CancelJob('import') makes
// them reject with code "canceled".

const source = (s: ImportSource) => marketing.ImportSource.createFrom(s)
const options = (o: ImportOptions) => marketing.ImportOptions.createFrom(JSON.parse(JSON.stringify(o)))

function normalizeInspection(i: ImportInspection): ImportInspection {
  const mapping = i.mapping ?? { kind: 'contacts', sheet: '', headerRow: 0, columns: [] }
  return {
    ...i,
    sheets: i.sheets ?? [],
    columns: (i.columns ?? []).map((c) => ({ ...c, samples: c.samples ?? [] })),
    mapping: { ...mapping, columns: (mapping.columns ?? []).map((c) => ({ ...c, field: c.field ?? '' })) },
    fields: i.fields ?? [],
    top: (i.top ?? []).map((r) => r ?? []),
  }
}

function normalizeRow(r: ImportRow): ImportRow {
  return { ...r, values: r.values ?? {}, problems: r.problems ?? [] }
}

function normalizeSummary(s: ImportSummary): ImportSummary {
  return {
    ...s,
    counts: { ...emptyCounts(), ...(s.counts ?? {}) },
    reasons: (s.reasons ?? []).map((r) => ({ ...r, rows: r.rows ?? [] })),
    suggestions: (s.suggestions ?? []).map((x) => ({
      ...x,
      incoming: normalizeContact(x.incoming),
      existing: normalizeContact(x.existing),
    })),
    rejects: s.rejects ?? '',
    seconds: s.seconds ?? 0,
  }
}

function normalizeBatch(b: ImportBatch): ImportBatch {
  return { ...b, counts: { ...emptyCounts(), ...(b.counts ?? {}) }, undoneAt: b.undoneAt ?? '', seconds: b.seconds ?? 0 }
}

export async function fields(kind: ImportKind): Promise<ImportField[]> {
  return ((await call(I.Fields(kind))) ?? []) as ImportField[]
}

export async function inspect(path: string, kind: ImportKind, src: ImportSource): Promise<ImportInspection> {
  return normalizeInspection((await call(I.Inspect(path, kind, source(src)))) as unknown as ImportInspection)
}

export async function preview(path: string, src: ImportSource, opt: ImportOptions): Promise<ImportRow[]> {
  const rows = ((await call(I.Preview(path, source(src), options(opt)))) ?? []) as unknown as ImportRow[]
  return rows.map(normalizeRow)
}

/** Reads the whole file without storing anything. Job "import". */
export async function analyze(path: string, src: ImportSource, opt: ImportOptions): Promise<ImportSummary> {
  return normalizeSummary((await call(I.Analyze(path, source(src), options(opt)))) as unknown as ImportSummary)
}

/** Imports the file as one batch. Job "import". */
export async function commit(path: string, src: ImportSource, opt: ImportOptions): Promise<ImportBatch> {
  return normalizeBatch((await call(I.Commit(path, source(src), options(opt)))) as unknown as ImportBatch)
}

/** Writes the refused rows of the last check to path ("" in browser mode: kept for download). */
export function saveRejects(rejects: string, path: string): Promise<ExportResult> {
  return call(I.SaveRejects(rejects, path)) as Promise<unknown> as Promise<ExportResult>
}

/** The committed imports, newest first. */
export async function batches(): Promise<ImportBatch[]> {
  return (((await call(I.Batches())) ?? []) as unknown as ImportBatch[]).map(normalizeBatch)
}

/** Undoes batch id: deletes what it created, restores what it changed. Job "import". */
export async function undo(id: number): Promise<ImportBatch> {
  return normalizeBatch((await call(I.Undo(id))) as unknown as ImportBatch)
}
