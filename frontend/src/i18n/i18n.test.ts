import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { defaultPlural, detectLanguage, messages, russianPlural } from './index'

type Tree = { [k: string]: string | Tree }
const locales = messages as unknown as Record<string, Tree>

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out[key] = v
    else Object.assign(out, flatten(v, key))
  }
  return out
}

const flat = Object.fromEntries(Object.entries(locales).map(([l, tree]) => [l, flatten(tree)]))
const enKeys = Object.keys(flat.en).sort()
const forms = (s: string) => s.split(' | ').length

describe('locale files', () => {
  it('has a reasonable number of keys', () => {
    expect(enKeys.length).toBeGreaterThan(200)
  })

  for (const lang of Object.keys(locales)) {
    describe(lang, () => {
      const keys = Object.keys(flat[lang]).sort()

      it('has every key of en.json', () => {
        expect(enKeys.filter((k) => !(k in flat[lang]))).toEqual([])
      })

      it('has no key that en.json lacks', () => {
        expect(keys.filter((k) => !(k in flat.en))).toEqual([])
      })

      it('has no empty message', () => {
        expect(keys.filter((k) => flat[lang][k].trim() === '')).toEqual([])
      })

      it('uses the same placeholders as English', () => {
        const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
        const wrong = enKeys.filter((k) => JSON.stringify([...new Set(names(flat[lang][k]))]) !== JSON.stringify([...new Set(names(flat.en[k]))]))
        expect(wrong).toEqual([])
      })

      it('has the right number of plural forms', () => {
        // English-like languages: "one | other"; Russian: "one | few | many".
        const wrong = enKeys.filter((k) => {
          const en = forms(flat.en[k])
          const want = en === 1 ? 1 : lang === 'ru' ? 3 : 2
          return forms(flat[lang][k]) !== want
        })
        expect(wrong).toEqual([])
      })

      it('compiles every message', () => {
        const i18n = createI18n({ legacy: false, locale: lang, messages: { [lang]: locales[lang] } })
        const params = new Proxy({}, { get: (_, p) => (typeof p === 'string' ? `<${p}>` : undefined), has: () => true })
        for (const k of keys) {
          expect(() => i18n.global.t(k, params as Record<string, unknown>), k).not.toThrow()
        }
      })
    })
  }
})

describe('plural rules', () => {
  it('picks Russian forms', () => {
    const cases: [number, number][] = [[0, 2], [1, 0], [2, 1], [4, 1], [5, 2], [11, 2], [12, 2], [14, 2], [21, 0], [22, 1], [25, 2], [101, 0], [111, 2], [2500, 2], [2501, 0]]
    for (const [n, form] of cases) expect(russianPlural(n, 3), String(n)).toBe(form)
  })

  it('picks one/other elsewhere', () => {
    expect(defaultPlural(1, 2)).toBe(0)
    expect(defaultPlural(0, 2)).toBe(1)
    expect(defaultPlural(2500, 2)).toBe(1)
  })

  it('renders counts in Russian', () => {
    const i18n = createI18n({ legacy: false, locale: 'ru', messages: { ru: messages.ru }, pluralRules: { ru: russianPlural } })
    const t = (n: number) => i18n.global.t('contacts.total', { n }, n)
    expect(t(1)).toBe('1 контакт')
    expect(t(3)).toBe('3 контакта')
    expect(t(11)).toBe('11 контактов')
    expect(t(21)).toBe('21 контакт')
  })
})

describe('detectLanguage', () => {
  it('maps browser languages to UI languages', () => {
    expect(detectLanguage(['da-DK'])).toBe('da')
    expect(detectLanguage(['sv'])).toBe('sv')
    expect(detectLanguage(['no'])).toBe('nb')
    expect(detectLanguage(['nn-NO'])).toBe('nb')
    expect(detectLanguage(['nb-NO', 'en'])).toBe('nb')
    expect(detectLanguage(['ru-RU'])).toBe('ru')
    expect(detectLanguage(['de-DE', 'sv-SE'])).toBe('sv')
    expect(detectLanguage(['fr-FR'])).toBe('en')
    expect(detectLanguage([])).toBe('en')
  })
})
