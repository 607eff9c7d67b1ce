// Small formatting helpers for the import screen.

/** The spreadsheet's letter name of a 0-based column: 0 = A, 26 = AA. */
export function columnName(j: number): string {
  let s = ''
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  }
  return s
}

type T = (key: string, named: Record<string, unknown>) => string

/** A file size in kB or MB, e.g. "1.2 MB". */
export function fileSize(bytes: number, number: (n: number) => string, t: T): string {
  if (bytes < 1024 * 1024) return t('imports.size.kb', { n: number(Math.max(1, Math.round(bytes / 1024))) })
  return t('imports.size.mb', { n: number(Math.round((bytes / (1024 * 1024)) * 10) / 10) })
}

/** A duration in seconds as the history shows it. */
export function duration(seconds: number, number: (n: number) => string, t: T): string {
  if (seconds < 1) return t('imports.duration.lessThanSecond', {})
  if (seconds < 90) return t('imports.duration.seconds', { n: number(Math.round(seconds)) })
  return t('imports.duration.minutes', { n: number(Math.round(seconds / 60)) })
}

export type TagType = 'default' | 'success' | 'info' | 'warning' | 'error'

/** The colour of each row outcome. */
export const statusTypes: Record<string, TagType> = {
  new: 'success',
  update: 'info',
  unchanged: 'default',
  skipped: 'default',
  duplicate: 'warning',
  invalid: 'error',
  suggested: 'warning',
}
