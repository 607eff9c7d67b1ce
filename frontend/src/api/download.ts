import * as F from '../../wailsjs/go/app/Files'
import { app } from '../../wailsjs/go/models'
import { call } from './call'
import type { ExportResult, FileFilter } from './types'

// Saving a file the backend writes (exports, rejected rows) works in two ways:
// on the desktop the user picks the path first (a native save dialog) and the
// backend writes there; in the browser the backend keeps the file and the
// page downloads it afterwards.

declare global {
  interface Window {
    /** Defined by the browser-mode shim: downloads a file the backend kept. */
    directdeskDownload?: (name: string) => void
  }
}

export function isBrowserMode(): boolean {
  return typeof window !== 'undefined' && window.directdeskBrowserMode === true
}

/**
 * Where to write a file: the path the user chose on the desktop, "" in
 * browser mode (the file is downloaded by deliver), or null when the user
 * cancelled the save dialog.
 */
export async function saveTarget(title: string, defaultName: string, filters: FileFilter[]): Promise<string | null> {
  if (isBrowserMode()) return ''
  const path = await call(F.Save(title, defaultName, filters.map((f) => app.FileFilter.createFrom(f))))
  return path ? path : null
}

/** Hands the written file to the user: a download in browser mode, nothing to do on the desktop. */
export function deliver(result: ExportResult): void {
  if (!isBrowserMode() || !result.name) return
  if (typeof window.directdeskDownload === 'function') {
    window.directdeskDownload(result.name)
    return
  }
  const a = document.createElement('a')
  a.href = `/bridge/download/${encodeURIComponent(result.name)}`
  a.download = result.name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

/** File dialog filters for an export format. */
export function formatFilters(format: 'xlsx' | 'csv', label: string): FileFilter[] {
  return [{ displayName: label, pattern: format === 'xlsx' ? '*.xlsx' : '*.csv' }]
}
