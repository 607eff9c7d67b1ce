import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import { useDemoStore, DEMO_CONTACTS } from '../stores/demo'
import { useContactsStore } from '../stores/contacts'
import { useErrorText } from './useErrorText'
import { useFormat } from './useFormat'

/** Loads demo data with a progress dialog and tells the user how it went. */
export function useLoadDemo() {
  const { t } = useI18n()
  const message = useMessage()
  const demo = useDemoStore()
  const contacts = useContactsStore()
  const errorText = useErrorText()
  const fmt = useFormat()

  return async function loadDemo(): Promise<boolean> {
    const res = await demo.load(DEMO_CONTACTS)
    await contacts.refresh()
    if (res.ok) {
      message.success(t('demo.done', { n: fmt.number(res.contacts) }, res.contacts))
      return true
    }
    if (res.error.code === 'canceled') message.info(t('demo.canceled'))
    else message.error(errorText(res.error))
    return false
  }
}
