import { ref } from 'vue'
import type { ApiError } from '../api/errors'

export interface FieldError {
  field: string
  message: string
}

/** The one field error a form shows, from a backend ApiError. */
export function useFieldError() {
  const error = ref<FieldError | null>(null)
  return {
    error,
    set(e: ApiError, message: string) {
      error.value = e.field ? { field: e.field, message } : null
    },
    clear(field?: string) {
      if (!field || error.value?.field === field) error.value = null
    },
  }
}

/** NFormItem props for a field: error status and the message under it. */
export function feedbackFor(err: FieldError | null, field: string) {
  if (err && err.field === field) return { validationStatus: 'error' as const, feedback: err.message }
  return { validationStatus: undefined, feedback: undefined }
}
