import * as F from '../../wailsjs/go/app/Files'
import { app } from '../../wailsjs/go/models'
import { call } from './call'
import type { FileFilter } from './types'

/**
 * Lets the user pick a file (a native dialog on the desktop, an upload in the
 * browser). Resolves to a path the backend can read, or "" when cancelled.
 */
export async function open(title: string, filters: FileFilter[]): Promise<string> {
  return (await call(F.Open(title, filters.map((f) => app.FileFilter.createFrom(f))))) ?? ''
}

export const imageFilter = (displayName: string): FileFilter => ({
  displayName,
  pattern: '*.png;*.jpg;*.jpeg',
})
