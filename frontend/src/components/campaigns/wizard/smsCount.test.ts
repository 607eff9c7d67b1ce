import { describe, expect, it } from 'vitest'
import { countSMS, estimateSMS, smsFields } from './smsCount'

// Part sizes from 3GPP TS 23.038 / 23.040 (as in backend/marketing/sms_test.go):
// GSM-7 160 in one message, 153 per part of a long one; UCS-2 70 and 67.
describe('countSMS', () => {
  const cases: [string, string, 'gsm7' | 'ucs2', number, number][] = [
    ['empty', '', 'gsm7', 0, 0],
    ['danish fits GSM', 'Hej Søren! Æbleskiver på Ærø til 49 kr.', 'gsm7', 39, 1],
    ['swedish and norwegian', 'Åsa, Ölands bästa: Ærlig, ÆØÅ äö', 'gsm7', 32, 1],
    ['é and Ü are GSM', 'Café Über', 'gsm7', 9, 1],
    ['euro takes two', 'Kun 10 €', 'gsm7', 9, 1],
    ['160 in one', 'a'.repeat(160), 'gsm7', 160, 1],
    ['161 needs two', 'a'.repeat(161), 'gsm7', 161, 2],
    ['306 in two', 'a'.repeat(306), 'gsm7', 306, 2],
    ['307 in three', 'a'.repeat(307), 'gsm7', 307, 3],
    ['russian is UCS-2', 'Привет, Анна!', 'ucs2', 13, 1],
    ['70 russian in one', 'я'.repeat(70), 'ucs2', 70, 1],
    ['71 russian in two', 'я'.repeat(71), 'ucs2', 71, 2],
    ['134 russian in two', 'я'.repeat(134), 'ucs2', 134, 2],
    ['135 russian in three', 'я'.repeat(135), 'ucs2', 135, 3],
    ['an emoji forces UCS-2', 'Hej 🌷', 'ucs2', 6, 1],
    ['ð is not GSM', 'Góðan dag', 'ucs2', 9, 1],
  ]
  for (const [name, text, enc, units, parts] of cases) {
    it(name, () => {
      const c = countSMS(text)
      expect([c.encoding, c.units, c.parts]).toEqual([enc, units, parts])
    })
  }

  it('never splits an escape pair', () => {
    // 152 letters and a euro sign do not fit the first 153-septet part together.
    expect(countSMS('a'.repeat(152) + '€' + 'b'.repeat(152)).parts).toBe(3)
  })

  it('never splits an emoji', () => {
    // 134 units would fill two 67-unit parts, but the emoji after 66
    // letters does not fit the first part whole, so it starts the second.
    expect(countSMS('я'.repeat(66) + '😀' + 'я'.repeat(66)).parts).toBe(3)
    expect(countSMS('я'.repeat(65) + '😀' + 'я'.repeat(67)).parts).toBe(2)
  })

  it('lists the characters that forced UCS-2 and what is left', () => {
    const c = countSMS('Привет 😀')
    expect(c.nonGsm[0]).toBe('П')
    expect(c.nonGsm).not.toContain(' ')
    expect(c.left).toBe(70 - 9)
    expect(countSMS('a'.repeat(10)).left).toBe(150)
    expect(countSMS('a'.repeat(170)).left).toBe(153 - 17)
  })
})

describe('estimateSMS', () => {
  it('counts fields at a typical length', () => {
    const e = estimateSMS('Hej {{first_name}}, din kode er {{response_code}}')
    expect(e.fields).toBe(2)
    expect(e.units).toBe('Hej , din kode er '.length + 8 + 8)
    expect(e.encoding).toBe('gsm7')
  })

  it('finds each field once', () => {
    expect(smsFields('{{ first_name }} {{first_name}} {{city}}')).toEqual(['first_name', 'city'])
  })
})
