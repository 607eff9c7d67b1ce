import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { defineComponent, h, ref } from 'vue'
import { NMessageProvider } from 'naive-ui'

vi.mock('../../api/documents', () => ({
  everyone: () => ({ segmentId: 0, filter: { v: 1, root: {} } }),
  fields: vi.fn(async () => [{ name: 'first_name', group: 'contact', kind: 'text', token: '{{first_name}}' }]),
  image: vi.fn(async (ref: string) => `data:image/png;base64,${ref.length}`),
  addImage: vi.fn(),
}))
vi.mock('../../api/segments', () => ({ list: vi.fn(async () => []) }))
vi.mock('../../api/events', () => ({ onEvent: vi.fn(() => () => {}) }))

import { i18n } from '../../i18n'
import LetterEditor from './LetterEditor.vue'

/** The editor inside the message provider the app gives it; setValue changes v-model from outside. */
function mountEditor(modelValue: string) {
  const value = ref(modelValue)
  const Host = defineComponent({ setup: () => () => h(NMessageProvider, null, { default: () => h(LetterEditor, { modelValue: value.value }) }) })
  const host = mount(Host, { global: { plugins: [createPinia(), i18n] }, attachTo: document.body })
  const editor = host.findComponent(LetterEditor)
  return {
    get: (sel: string) => editor.get(sel),
    emitted: (name: string) => editor.emitted(name),
    setValue: (v: string) => (value.value = v),
    unmount: () => host.unmount(),
  }
}

describe('LetterEditor', () => {
  it('shows stored pictures from data URLs and writes their references back', async () => {
    const w = mountEditor('<p>Hej {{first_name}}</p><p><img src="media:img/sig.png" data-width="60"></p>')
    await flushPromises()
    const body = w.get('[data-testid="letter-body"]').element as HTMLElement
    const img = body.querySelector('img')!
    expect(img.getAttribute('src')).toMatch(/^data:image\/png/)
    expect(img.getAttribute('data-media')).toBe('media:img/sig.png')
    // An edit: the emitted body has the reference, not the data URL.
    body.querySelector('p')!.append(' og tak')
    await w.get('[data-testid="letter-body"]').trigger('input')
    const emitted = w.emitted('update:modelValue')!.at(-1)![0] as string
    expect(emitted).toBe('<p>Hej {{first_name}} og tak</p><p><img src="media:img/sig.png" data-width="60"></p>')
    w.unmount()
  })

  it('does not report a change when the text is only written differently', async () => {
    // The backend escapes quotes as &#34;; the browser writes them as ".
    const stored = '<p>Han sagde &#34;hej&#34; til {{first_name}}</p>'
    const w = mountEditor(stored)
    await flushPromises()
    await w.get('[data-testid="letter-body"]').trigger('blur')
    expect(w.emitted('update:modelValue')).toBeUndefined()
    // A real edit is reported, and undoing it gives back the stored text exactly.
    const p = (w.get('[data-testid="letter-body"]').element as HTMLElement).querySelector('p')!
    p.append('!')
    await w.get('[data-testid="letter-body"]').trigger('input')
    expect(w.emitted('update:modelValue')!.at(-1)![0]).toBe('<p>Han sagde "hej" til {{first_name}}!</p>')
    p.lastChild!.remove()
    await w.get('[data-testid="letter-body"]').trigger('input')
    expect(w.emitted('update:modelValue')!.at(-1)![0]).toBe(stored)
    w.unmount()
  })

  it('renders a new value from outside, and gives an empty letter a paragraph to type in', async () => {
    const w = mountEditor('')
    await flushPromises()
    const body = w.get('[data-testid="letter-body"]').element as HTMLElement
    expect(body.innerHTML).toBe('<p><br></p>')
    w.setValue('<h1>Tilbud</h1>')
    await flushPromises()
    expect(body.innerHTML).toBe('<h1>Tilbud</h1>')
    w.unmount()
  })
})
