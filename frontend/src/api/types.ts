// Plain data shapes exchanged with the Go backend (JSON, camelCase).
// They mirror the generated classes in wailsjs/go/models.ts but are plain
// interfaces, so stores and components can build them as object literals.

export type ContactKind = 'customer' | 'prospect'
export type Gender = '' | 'female' | 'male' | 'other'
export type LanguageCode = 'en' | 'da' | 'sv' | 'nb' | 'ru'
export type ThemeSetting = 'system' | 'light' | 'dark'

export interface Contact {
  id: number
  customerNo: string
  kind: ContactKind
  firstName: string
  middleName: string
  lastName: string
  company: string
  jobTitle: string
  jobTitleNorm: string
  gender: Gender
  birthDate: string
  email: string
  phone: string
  mobile: string
  street1: string
  street2: string
  postcode: string
  city: string
  region: string
  country: string
  language: '' | LanguageCode
  customerSince: string
  source: string
  tags: string[]
  custom: Record<string, string>
  notes: string
  createdAt: string
  updatedAt: string
}

export const contactSortFields = [
  'name',
  'email',
  'city',
  'postcode',
  'company',
  'customerNo',
  'country',
  'createdAt',
  'updatedAt',
] as const
export type ContactSortField = (typeof contactSortFields)[number]

export interface ContactQuery {
  search: string
  country: string
  region: string
  tag: string
  sort: ContactSortField
  desc: boolean
  offset: number
  limit: number
}

export interface ContactPage {
  items: Contact[]
  total: number
  offset: number
  limit: number
}

export interface ValueCount {
  value: string
  count: number
  /** For regions: the country code the region belongs to. */
  group?: string
}

export interface ContactFacets {
  countries: ValueCount[]
  regions: ValueCount[]
  tags: ValueCount[]
}

export type EventKind = 'created' | 'edited' | 'imported' | 'tagged' | 'untagged' | string

export interface ContactEvent {
  id: number
  contactId: number
  at: string
  kind: EventKind
  summary: string
  details: Record<string, string> | null
}

export interface BusinessProfile {
  name: string
  street: string
  postcode: string
  city: string
  country: string
  regNo: string
  email: string
  phone: string
  website: string
  hasLogo: boolean
}

export const contactColumnKeys = [
  'name',
  'customerNo',
  'kind',
  'company',
  'jobTitle',
  'gender',
  'birthDate',
  'email',
  'phone',
  'mobile',
  'street1',
  'postcode',
  'city',
  'region',
  'country',
  'language',
  'customerSince',
  'source',
  'tags',
  'createdAt',
  'updatedAt',
] as const
export type ContactColumn = (typeof contactColumnKeys)[number]

export interface Settings {
  language: LanguageCode
  country: string
  currency: string
  theme: ThemeSetting
  business: BusinessProfile
  setup: boolean
  contactColumns: ContactColumn[]
}

export interface WorkspaceCounts {
  contacts: number
  orders: number
  products: number
  /** How many of the contacts are demo contacts. */
  demo: number
}

export interface WorkspaceInfo {
  dir: string
  file: string
  version: string
  counts: WorkspaceCounts
  settings: Settings
  /** How many demo contacts were loaded (0 when there is no demo data). */
  demoContacts: number
}

export interface License {
  name: string
  version: string
  license: string
}

export interface AboutInfo {
  version: string
  goVersion: string
  platform: string
  dataDir: string
  licenses: License[]
}

export interface FileFilter {
  displayName: string
  pattern: string
}

export interface JobProgress {
  job: string
  done: number
  total: number
}

export interface JobDone {
  job: string
  ok: boolean
}

/** An empty contact, as the "New contact" form starts. */
export function emptyContact(country = ''): Contact {
  return {
    id: 0,
    customerNo: '',
    kind: 'customer',
    firstName: '',
    middleName: '',
    lastName: '',
    company: '',
    jobTitle: '',
    jobTitleNorm: '',
    gender: '',
    birthDate: '',
    email: '',
    phone: '',
    mobile: '',
    street1: '',
    street2: '',
    postcode: '',
    city: '',
    region: '',
    country,
    language: '',
    customerSince: '',
    source: '',
    tags: [],
    custom: {},
    notes: '',
    createdAt: '',
    updatedAt: '',
  }
}

/** Fills the gaps the backend may leave (null slices and maps). */
export function normalizeContact(c: Contact): Contact {
  return { ...emptyContact(), ...c, tags: c.tags ?? [], custom: c.custom ?? {} }
}

// ---- Import and export ------------------------------------------------------

export const importKinds = ['contacts', 'orders', 'products'] as const
/** What a spreadsheet holds. */
export type ImportKind = (typeof importKinds)[number]

export const duplicatePolicies = ['skip', 'update', 'fill'] as const
/** What an import does with a row that matches one already stored. */
export type DuplicatePolicy = (typeof duplicatePolicies)[number]

export type ListKind = 'own' | 'bought' | 'rented'

/** The terms typed for a bought or rented list (api/lists.ts ListTerms). */
export interface ListTermsChoice {
  supplier: string
  acquiredOn: string
  licence: 'once' | 'repeated' | ''
  expiresOn: string
  legalBasis: string
}

/** Marks a mapping target that is a custom field: "custom:Shoe size". */
export const CUSTOM_FIELD_PREFIX = 'custom:'

/** One thing a column can be mapped to. */
export interface ImportField {
  key: string
  /** name, contact, address, person, consent, order, product, other. */
  group: string
  /** Split into several stored fields (a full name, a whole address). */
  compound?: boolean
}

export interface ColumnMapping {
  /** 0-based column index. */
  column: number
  header: string
  /** An ImportField key, "custom:<name>", or "" to leave the column out. */
  field: string
}

export interface ImportMapping {
  kind: ImportKind
  sheet: string
  /** 1-based header row; 0 = no header row. */
  headerRow: number
  columns: ColumnMapping[]
}

/** How to read the file (all optional). */
export interface ImportSource {
  paste: string
  fileName: string
  sheet: string
  encoding: string
  delimiter: string
  /** 1-based; 0 = find it; -1 = no header row. */
  headerRow: number
}

export interface ImportOptions {
  mapping: ImportMapping
  policy: DuplicatePolicy
  matchNamePostcode: boolean
  tag: string
  listKind: ListKind
  /** The terms of a bought or rented list (see api/lists.ts). */
  list?: ListTermsChoice | null
  currency: string
  imageFolder: string
}

export interface ImportSheet {
  name: string
  rows: number
  cols: number
  hidden: boolean
}

export interface ImportColumn {
  index: number
  header: string
  samples: string[]
}

export interface ImportInspection {
  fileName: string
  size: number
  /** xlsx, ods, csv, paste. */
  format: string
  encoding: string
  delimiter: string
  sheets: ImportSheet[]
  sheet: string
  /** 1-based; 0 = none found. */
  headerRow: number
  /** Estimated data rows below the header (-1 unknown). */
  rows: number
  columns: ImportColumn[]
  mapping: ImportMapping
  remembered: boolean
  fields: ImportField[]
  /** The first rows of the sheet as text. */
  top: string[][]
}

export interface ImportProblem {
  field: string
  /** -1 when not one column's fault. */
  column: number
  code: string
  message: string
  details?: Record<string, string>
  warning?: boolean
}

export const importRowStatuses = ['new', 'update', 'unchanged', 'skipped', 'duplicate', 'invalid', 'suggested'] as const
export type ImportRowStatus = (typeof importRowStatuses)[number]

export interface ImportRow {
  row: number
  status: ImportRowStatus | (string & {})
  values: Record<string, string>
  problems: ImportProblem[]
  matchId?: number
  matchBy?: string
  duplicateOf?: number
}

export interface ImportCounts {
  rows: number
  new: number
  updated: number
  unchanged: number
  skipped: number
  duplicatesInFile: number
  duplicatesExisting: number
  invalid: number
  suggested: number
}

export interface ReasonCount {
  field: string
  code: string
  reason: string
  message: string
  count: number
  rows: number[]
}

export interface DuplicateSuggestion {
  row: number
  incoming: Contact
  existing: Contact
  by: string
}

export interface ImportSummary {
  counts: ImportCounts
  reasons: ReasonCount[]
  suggestions: DuplicateSuggestion[]
  /** Names the spreadsheet of refused rows for SaveRejects; "" when none. */
  rejects: string
  seconds: number
}

export interface ImportBatch {
  id: number
  kind: ImportKind
  fileName: string
  size: number
  sha256: string
  startedAt: string
  finishedAt: string
  mapping: ImportMapping
  options: ImportOptions
  counts: ImportCounts
  undoneAt: string
  /** Rows undo left as they are: changed after the import. */
  undoKept?: number
  seconds: number
}

export interface ExportResult {
  path: string
  /** The file name; in browser mode fetched from /bridge/download/<name>. */
  name: string
  rows: number
}

/**
 * What a segment export is for: '' the user's own use (everyone, every
 * column), or the channel of a file for sending (letters = post), which
 * leaves out who may not be contacted that way.
 */
export type ExportPurpose = '' | 'post' | 'email' | 'sms' | 'phone'

/** A segment export; excluded counts by reason who a file for sending left out. */
export interface ContactExportResult extends ExportResult {
  channel: ExportPurpose
  excluded: Record<string, number>
}

/** The preflight of a segment export for sending: nothing is written. */
export interface ExportCheck {
  channel: ExportPurpose
  selected: number
  kept: number
  excluded: Record<string, number>
}

export type ExportKind = 'contacts' | 'orders' | 'products'
export type ExportFormat = 'xlsx' | 'csv'

export function emptyCounts(): ImportCounts {
  return { rows: 0, new: 0, updated: 0, unchanged: 0, skipped: 0, duplicatesInFile: 0, duplicatesExisting: 0, invalid: 0, suggested: 0 }
}

// ---- Segments -----------------------------------------------------------------

/**
 * How a segment condition's values are read: age, birthday, enum, text,
 * postcode, date, flag, tag, custom, number, money, score, list - or a kind a
 * newer backend added (shown by name only).
 */
export type SegmentFieldKind =
  | 'age'
  | 'birthday'
  | 'enum'
  | 'text'
  | 'postcode'
  | 'date'
  | 'flag'
  | 'tag'
  | 'custom'
  | 'number'
  | 'money'
  | 'score'
  | 'list'
  | (string & {})

/** One condition the segment editor offers (Segments.Fields). */
export interface SegmentField {
  /** "age", "region", ... or "custom:<name>". */
  name: string
  kind: SegmentFieldKind
  ops: string[]
  /** The values of an enum field (gender: female, male, other, unknown). */
  enum?: string[]
  /** The condition can be limited to the last N days (node.days). */
  days?: boolean
  /** Segments.Values(name) has a list of values to pick from. */
  values?: boolean
  /** Bounds of the numbers the condition takes (absent: 0, or none). */
  min?: number
  max?: number
}

/** A condition: values are always text, read by the field's kind. */
export interface SegmentCondition {
  field: string
  op: string
  values?: string[]
  /** Ages counted at this date (YYYY-MM-DD) instead of today. */
  asOf?: string
  /** Purchases in the last N days only; 0 or absent = ever. */
  days?: number
}

/** A group: all / any of its children hold, or its one child does not. */
export interface SegmentGroupNode {
  all?: SegmentNode[]
  any?: SegmentNode[]
  not?: SegmentNode
}

/** A node of a filter: a group or a condition (never both). */
export type SegmentNode = SegmentGroupNode & Partial<SegmentCondition>

/** A segment's condition as stored and sent: {v: 1, root}. An empty group selects everyone. */
export interface SegmentFilter {
  v: number
  root: SegmentNode
}

/** One bar of a breakdown or one value to pick: value for filters, label as typed. */
export interface Bucket {
  value: string
  label: string
  count: number
}

/** What the editor shows beside the conditions (Segments.Count). */
export interface SegmentResult {
  count: number
  total: number
  /** Bands "0-19" ... "70+", then value "" for unknown ages. */
  ages: Bucket[]
  /** female, male, other, unknown. */
  genders: Bucket[]
  /** Top 12, then "*" (label = how many other values), then "" (empty). */
  regions: Bucket[]
  jobTitles: Bucket[]
  countries: Bucket[]
  /** The first few matching contacts. */
  sample: Contact[]
  millis: number
}

/** Why a contact is (not) in a segment: the filter's tree, each node met or not. */
export interface SegmentExplanation {
  /** all, any, not; absent for a condition. */
  group?: 'all' | 'any' | 'not' | (string & {})
  field?: string
  op?: string
  values?: string[]
  asOf?: string
  days?: number
  met: boolean
  children?: SegmentExplanation[]
}

export type SegmentKind = 'dynamic' | 'frozen'

/** A saved segment (recomputed whenever used) or a frozen list (its members as of frozenAt). */
export interface SavedSegment {
  id: number
  name: string
  kind: SegmentKind | (string & {})
  filter: SegmentFilter
  createdAt: string
  updatedAt: string
  frozenAt?: string
  /** Members of a frozen list; for a segment, the count when it was last saved. */
  size: number
}

/** A named set of job titles ("Decision makers" = Direktør, Indehaver, CEO...). */
export interface TitleGroup {
  name: string
  titles: string[]
}

/** The ways the explorer can split a segment (segment.Dimensions). */
export const exploreDimensions = [
  'ageBand',
  'gender',
  'region',
  'country',
  'city',
  'jobTitle',
  'jobGroup',
  'language',
  'origin',
  'lifecycle',
  'valueTier',
  'rfmRecency',
  'rfmFrequency',
  'rfmMonetary',
] as const
export type ExploreDimension = (typeof exploreDimensions)[number]

/** One cell of the explorer's table. */
export interface ExploreCell {
  count: number
  /** How many of them have orders; revenue (minor units) and orders are averages per buyer. */
  buyers: number
  revenue: number
  orders: number
  /** Exactly this cell's contacts; absent for the "other values" row or column. */
  filter?: SegmentFilter
}

/**
 * A segment split by two dimensions: cells[r][c] for rows[r] x cols[c].
 * A bucket's value "*" is "other values", "" is empty or unknown.
 */
export interface CrossTab {
  rowDim: string
  colDim: string
  rows: Bucket[]
  cols: Bucket[]
  cells: ExploreCell[][]
  total: ExploreCell
  /** The biggest cell count (the heat map's top). */
  max: number
}

/** How 2-4 segments overlap: regions[m] = contacts in exactly the segments whose bits are set in m. */
export interface OverlapResult {
  segments: SavedSegment[]
  regions: number[]
}

export type AudienceFormat = 'google' | 'meta'

/** A hashed audience file: rows written, contacts left out (no email or phone, or refused email marketing). */
export interface AudienceResult {
  path: string
  name: string
  rows: number
  skipped: number
}
