import { h } from 'vue'
import { useI18n } from 'vue-i18n'
import { useDialog, useMessage } from 'naive-ui'
import type { ImportBatch } from '../../api/types'
import { useImportsStore } from '../../stores/imports'
import { useAppStore } from '../../stores/app'
import { useFormat } from '../../composables/useFormat'
import { useImportText } from './useImportText'

/** Undoing an import: a confirmation that says what will happen, then the undo job. */
export function useUndo() {
  const { t } = useI18n()
  const dialog = useDialog()
  const message = useMessage()
  const store = useImportsStore()
  const app = useAppStore()
  const fmt = useFormat()
  const text = useImportText()

  async function run(b: ImportBatch) {
    const res = await store.undo(b.id)
    void app.refreshInfo().catch(() => undefined)
    if (res.ok) {
      message.success(t('imports.undo.done'))
      const kept = res.value.undoKept ?? 0
      if (kept > 0) message.warning(t('imports.undo.kept', { n: fmt.number(kept) }, kept), { duration: 10000 })
    }
    else if (res.error.code === 'canceled') message.info(t('imports.undo.canceled'))
    else message.error(text.errorText(res.error))
  }

  /** Asks, then undoes batch b. */
  function confirm(b: ImportBatch) {
    const created = b.counts.new
    const changed = b.counts.updated
    const lines = [t(`imports.undo.created.${b.kind}`, { n: fmt.number(created) }, created)]
    if (changed > 0) lines.push(t(`imports.undo.changed.${b.kind}`, { n: fmt.number(changed) }, changed))
    lines.push(t('imports.undo.note'))
    dialog.warning({
      title: t('imports.undo.title', { file: b.fileName }),
      content: () => h('div', { 'data-testid': 'import-undo-dialog', class: 'dd-undo-body' }, lines.map((l) => h('p', { style: 'margin: 0 0 8px' }, l))),
      positiveText: t('imports.undo.confirm'),
      negativeText: t('common.cancel'),
      positiveButtonProps: { type: 'warning', 'data-testid': 'import-confirm' } as Record<string, unknown>,
      onPositiveClick: () => {
        void run(b)
      },
    })
  }

  return { confirm }
}
