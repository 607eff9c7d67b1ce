import * as C from '../../wailsjs/go/app/Contacts'
import { marketing } from '../../wailsjs/go/models'
import { call } from './call'
import { normalizeContact } from './types'
import type { Contact, ContactEvent, ContactFacets, ContactPage, ContactQuery } from './types'

export async function list(q: ContactQuery): Promise<ContactPage> {
  const page = (await call(C.List(marketing.ContactQuery.createFrom(q)))) as unknown as ContactPage
  return { ...page, items: (page.items ?? []).map(normalizeContact) }
}

export async function get(id: number): Promise<Contact> {
  return normalizeContact((await call(C.Get(id))) as unknown as Contact)
}

export async function create(c: Contact): Promise<Contact> {
  return normalizeContact((await call(C.Create(marketing.Contact.createFrom(c)))) as unknown as Contact)
}

export async function update(c: Contact): Promise<Contact> {
  return normalizeContact((await call(C.Update(marketing.Contact.createFrom(c)))) as unknown as Contact)
}

/** Deletes the contacts; resolves to how many were deleted. */
export function remove(ids: number[]): Promise<number> {
  return call(C.Delete(ids))
}

/** Adds (add=true) or removes a tag; resolves to how many contacts changed. */
export function tag(ids: number[], tagName: string, add: boolean): Promise<number> {
  return call(C.Tag(ids, tagName, add))
}

/** The part of a ContactQuery that decides which contacts match (paging and sorting left out). */
export type ContactMatch = Pick<ContactQuery, 'search' | 'country' | 'region' | 'tag'>

function matchQuery(q: ContactMatch) {
  return marketing.ContactQuery.createFrom({ ...q, sort: 'name', desc: false, offset: 0, limit: 0 })
}

/** Deletes every contact the search and filters find (all pages); resolves to how many were deleted. */
export function removeMatching(q: ContactMatch): Promise<number> {
  return call(C.DeleteMatching(matchQuery(q)))
}

/** Adds or removes a tag on every contact the search and filters find; resolves to how many changed. */
export function tagMatching(q: ContactMatch, tagName: string, add: boolean): Promise<number> {
  return call(C.TagMatching(matchQuery(q), tagName, add))
}

export async function timeline(id: number): Promise<ContactEvent[]> {
  return ((await call(C.Timeline(id))) ?? []) as ContactEvent[]
}

export async function facets(): Promise<ContactFacets> {
  const f = (await call(C.Facets())) as unknown as ContactFacets
  return { countries: f.countries ?? [], regions: f.regions ?? [], tags: f.tags ?? [] }
}
