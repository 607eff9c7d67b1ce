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
