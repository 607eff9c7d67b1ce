import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import { deliver, formatFilters, isBrowserMode, saveTarget } from '../../api/download'
import type { ContactMatch } from '../../api/contacts'
import type { ExportFormat, ExportKind, ExportResult } from '../../api/types'
import { useImportsStore } from '../../stores/imports'
import { useFormat } from '../../composables/useFormat'
import { useImportText } from './useImportText'

function today(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/**
 * Writing files for the user: exports and the rejected rows of a check. On
 * the desktop the user picks where first; in the browser the file is
 * downloaded afterwards. Tells the user how it went.
 */
export function useExport() {
  const { t } = useI18n()
  const message = useMessage()
  const store = useImportsStore()
  const fmt = useFormat()
  const text = useImportText()

  function done(res: ExportResult, rowsKey: string, rows = res.rows) {
    const n = rows
    if (isBrowserMode()) {
      deliver(res)
      message.success(t(`${rowsKey}Downloaded`, { n: fmt.number(n), name: res.name }, n))
    } else {
      message.success(t(`${rowsKey}Saved`, { n: fmt.number(n), name: res.name || res.path }, n), { duration: 6000 })
    }
  }

  /** Exports contacts (those q finds, or all), orders or products. Resolves to the result, or null. */
  async function exportData(kind: ExportKind, format: ExportFormat, q?: ContactMatch): Promise<ExportResult | null> {
    let path: string | null
    const base = t(`imports.export.fileNames.${kind}`)
    try {
      path = await saveTarget(t('imports.export.dialogTitle'), `${base}-${today()}.${format}`, formatFilters(format, t(`imports.export.formats.${format}`)))
    } catch (e) {
      message.error(text.errorText(e))
      return null
    }
    if (path === null) return null
    // Browser mode: a bare file name says the format; the backend adds the date and time.
    const res = await store.runExport(kind, path === '' ? `${base}.${format}` : path, q)
    if (res.ok) {
      done(res.value, `imports.export.done.${kind}`)
      return res.value
    }
    if (res.error.code === 'canceled') message.info(t('imports.export.canceled'))
    else message.error(text.errorText(res.error))
    return null
  }

  /** Saves the rejected rows of the last check as a spreadsheet. */
  async function saveRejects(): Promise<ExportResult | null> {
    try {
      const base = t('imports.check.rejectsFileName')
      const path = await saveTarget(t('imports.check.rejectsDialog'), `${base}-${today()}.xlsx`, formatFilters('xlsx', t('imports.export.formats.xlsx')))
      if (path === null) return null
      const res = await store.saveRejects(path === '' ? `${base}.xlsx` : path)
      const c = store.summary?.counts
      done(res, 'imports.check.rejects', res.rows || (c ? c.invalid + c.duplicatesInFile : 0))
      return res
    } catch (e) {
      message.error(text.errorText(e))
      return null
    }
  }

  return { exportData, saveRejects }
}
