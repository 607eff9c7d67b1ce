import type { InputHTMLAttributes } from 'vue'

/** Attributes for the <input> inside a Naive UI input, test ids included. */
export function inputAttrs(attrs: Record<string, string | boolean>): InputHTMLAttributes {
  return attrs as InputHTMLAttributes
}
