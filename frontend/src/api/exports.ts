import * as E from '../../wailsjs/go/app/Exports'
import { marketing } from '../../wailsjs/go/models'
import { call } from './call'
import type { ContactMatch } from './contacts'
import type { ExportResult } from './types'

// Exports to .xlsx or .csv (the format follows the path's extension). path ""
// (browser mode) keeps the file for download: see download.ts. Job "export".

/** Exports every contact q finds (all pages); an empty q exports them all. */
export function contacts(q: ContactMatch, path: string): Promise<ExportResult> {
  const query = marketing.ContactQuery.createFrom({ ...q, sort: 'name', desc: false, offset: 0, limit: 0 })
  return call(E.Contacts(query, path)) as Promise<unknown> as Promise<ExportResult>
}

/** Exports all orders, one row per order line. */
export function orders(path: string): Promise<ExportResult> {
  return call(E.Orders(path)) as Promise<unknown> as Promise<ExportResult>
}

/** Exports all products. */
export function products(path: string): Promise<ExportResult> {
  return call(E.Products(path)) as Promise<unknown> as Promise<ExportResult>
}
