import * as D from '../../wailsjs/go/app/Documents'
import * as F from '../../wailsjs/go/app/Files'
import type { app, marketing } from '../../wailsjs/go/models'
import { call } from './call'
import type { SegmentFilter } from './types'
import type { EmailLayout } from './email'

// Letters, labels and catalogs: templates, the insert-field menu, preview,
// preflight, generation (job "documents", cancel with cancel()) and history.
// Objects go to the backend as plain JSON (see api/segments.ts for why).

export type TemplateKind = 'letter' | 'labels' | 'catalog' | 'email'
export type DocumentOutput = 'combined' | 'folder'

export interface LetterLayout {
  paper: 'A4' | 'Letter'
  envelope: 'DL' | 'C5' | 'C6/5'
  window: 'left' | 'right'
  offsetX: number
  offsetY: number
  sender: boolean
  logo: boolean
  footer: boolean
}

export interface LabelLayout {
  sheet: string // L7160, L7163, L7161, L7162, L7165, DL, C5, custom
  columns: number
  rows: number
  width: number
  height: number
  top: number
  left: number
  gapX: number
  gapY: number
  start: number // 1-based first label on a partly used sheet
  sender: boolean
  sortByZip: boolean
}

export interface CatalogVariant {
  segment: string // saved segment name; "" = everyone
  title: string
  categories: string[]
  skus: string[]
  discount: number // percent
}

export interface CatalogLayout {
  title: string
  season: string
  grid: '2x2' | '2x3' | '3x4'
  contents: boolean
  intro: boolean
  reply: boolean
  variants: CatalogVariant[]
}

export interface Layout {
  letter: LetterLayout
  labels: LabelLayout
  catalog: CatalogLayout
  /** Only for kind "email" (see api/email.ts). */
  email?: EmailLayout
}

export interface Template {
  id: number
  name: string
  kind: TemplateKind
  title: string
  lang: string
  body: string // HTML subset with {{fields}}; images as <img src="media:img/...">
  layout: Layout
  version: number
  starter: string
  updatedAt: string
}

export interface FieldInfo {
  name: string
  group: 'contact' | 'address' | 'purchase' | 'business' | 'campaign' | 'other'
  kind: 'text' | 'date' | 'money' | 'number'
  token: string // exactly what to insert, e.g. {{first_name}}
}

export interface SheetInfo {
  name: string
  columns: number
  rows: number
  width: number
  height: number
  top: number
  left: number
  gapX: number
  gapY: number
  paperW: number
  paperH: number
  envelope: boolean
}

export interface Problem {
  reason: string // address_missing, address_too_long, body_too_long
  detail: string
}

export interface Preview {
  contactId: number
  name: string
  index: number
  total: number
  html: string
  address: string[]
  date: string
  variant: string
  /** The catalog variant the contact gets (position in layout.catalog.variants), -1 for "everyone else". */
  variantIndex: number
  missing: string[]
  problems: Problem[]
}

export interface ContactRef {
  id: number
  name: string
}

export interface Gap {
  key: string // a field name, or address_missing / address_too_long
  kind: 'field' | 'address'
  count: number
  contacts: ContactRef[] // the first 100
}

export interface PreflightReport {
  recipients: number
  ready: number
  gaps: Gap[]
  /** About the document, not a recipient: "business_address_missing". */
  warnings: string[]
  /** People left out because they may not get post, by reason (register, erased, no_consent, ...). */
  excluded?: Record<string, number>
}

/** Who gets the documents: a saved segment or frozen list, or (segmentId 0) a filter; an empty filter is everyone. */
export interface DocumentSelection {
  segmentId: number
  filter: SegmentFilter
}

export interface DocumentRun {
  id: number
  kind: TemplateKind
  templateId: number
  templateName: string
  templateVersion: number
  campaign: string
  selection: string
  output: DocumentOutput
  path: string
  recipients: number
  pages: number
  skipped: number
  createdAt: string
}

export interface ContactProblem {
  contactId: number
  name: string
  reason: string
  detail: string
}

export interface DocumentResult {
  run: DocumentRun
  files: string[]
  problems: ContactProblem[]
  download: string // browser mode: the name to download
}

export interface GenerateOptions {
  output: DocumentOutput
  campaign: string
}

const wire = <T>(v: unknown) => JSON.parse(JSON.stringify(v)) as T

export const everyone = (): DocumentSelection => ({ segmentId: 0, filter: { v: 1, root: {} } })

function normalizeTemplate(t: Template): Template {
  const l = (t.layout ?? {}) as Partial<Layout>
  return {
    ...t,
    body: t.body ?? '',
    layout: {
      letter: l.letter as LetterLayout,
      labels: l.labels as LabelLayout,
      catalog: { ...(l.catalog as CatalogLayout), variants: (l.catalog?.variants ?? []).map((v) => ({ ...v, categories: v.categories ?? [], skus: v.skus ?? [] })) },
      email: l.email ? { ...l.email, blocks: l.email.blocks ?? [], attachments: l.email.attachments ?? [] } : undefined,
    },
  }
}

export async function templates(kind: TemplateKind | '' = ''): Promise<Template[]> {
  const list = (await call(D.Templates(kind as never))) as unknown as Template[]
  return (list ?? []).map(normalizeTemplate)
}

export async function template(id: number): Promise<Template> {
  return normalizeTemplate((await call(D.Template(id))) as unknown as Template)
}

/** Stores a new version; an unknown field comes back as an error with details.reason "unknown_field" and details.name. */
export async function save(t: Template): Promise<Template> {
  return normalizeTemplate((await call(D.Save(wire<marketing.Template>(t)))) as unknown as Template)
}

export async function remove(id: number): Promise<void> {
  await call(D.Delete(id))
}

export async function starters(lang: string): Promise<Template[]> {
  return ((await call(D.Starters(lang))) as unknown as Template[]).map(normalizeTemplate)
}

export async function fields(): Promise<FieldInfo[]> {
  return ((await call(D.Fields())) ?? []) as FieldInfo[]
}

export async function sheets(): Promise<SheetInfo[]> {
  return ((await call(D.Sheets())) ?? []) as SheetInfo[]
}

/** The template merged for the recipient at index (postal order); the template need not be saved. */
export async function preview(t: Template, sel: DocumentSelection, index: number): Promise<Preview> {
  const p = (await call(D.Preview(wire<marketing.Template>(t), wire<app.DocumentSelection>(sel), index))) as unknown as Preview
  return { ...p, address: p.address ?? [], missing: p.missing ?? [], problems: p.problems ?? [], variantIndex: p.variantIndex ?? -1 }
}

/** Checks every recipient. Job "documents". */
export async function preflight(t: Template, sel: DocumentSelection): Promise<PreflightReport> {
  const r = (await call(D.Preflight(wire<marketing.Template>(t), wire<app.DocumentSelection>(sel)))) as unknown as PreflightReport
  return { ...r, gaps: (r.gaps ?? []).map((g) => ({ ...g, contacts: g.contacts ?? [] })), warnings: r.warnings ?? [], excluded: r.excluded ?? {} }
}

/**
 * Makes the PDFs of the saved template. path: the file (combined) or folder
 * (one PDF each) on the desktop; "" in browser mode (then result.download names
 * the file to fetch). Job "documents".
 */
export async function generate(id: number, sel: DocumentSelection, path: string, opt: GenerateOptions): Promise<DocumentResult> {
  const r = (await call(D.Generate(id, wire<app.DocumentSelection>(sel), path, wire<app.GenerateOptions>(opt)))) as unknown as DocumentResult
  return { ...r, files: r.files ?? [], problems: r.problems ?? [] }
}

export async function cancel(): Promise<boolean> {
  return call(D.Cancel())
}

export async function runs(): Promise<DocumentRun[]> {
  return ((await call(D.Runs())) ?? []) as unknown as DocumentRun[]
}

/** Desktop: open the PDF in the system viewer / its folder in the file manager. */
export async function open(path: string): Promise<void> {
  await call(D.Open(path))
}

export async function showInFolder(path: string): Promise<void> {
  await call(D.ShowInFolder(path))
}

/** Stores a picture the user picked (path from Files.Open or an upload) and returns "media:img/...". */
export async function addImage(path: string): Promise<string> {
  return call(D.AddImage(path))
}

/** A stored picture as a data: URL, for showing "media:..." references in the editor. */
export async function image(ref: string): Promise<string> {
  return call(D.Image(ref))
}

/** Desktop: pick a folder (one PDF per recipient); "" when cancelled. */
export async function chooseFolder(title: string): Promise<string> {
  return call(F.ChooseFolder(title))
}
