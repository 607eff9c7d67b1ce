import { useI18n } from 'vue-i18n'
import { parseError, translateError } from '../api/errors'
import type { ApiError } from '../api/errors'

/** Translates any backend error for display. */
export function useErrorText() {
  const { t, te } = useI18n()
  const translator = {
    t: (key: string, named: Record<string, unknown>) => t(key, named),
    te: (key: string) => te(key),
  }
  return (e: unknown): string => translateError(parseError(e), translator)
}

export type { ApiError }
