import { describe, expect, it } from 'vitest'
import { countryName, displayName, formatDate, formatNumber, formatPhone, initials } from './format'
import { emptyContact } from '../api/types'

describe('formatPhone', () => {
  it('groups numbers the way each country writes them', () => {
    expect(formatPhone('+4522501148')).toBe('+45 22 50 11 48')
    expect(formatPhone('+46701234567')).toBe('+46 70 123 45 67')
    expect(formatPhone('+4741234567')).toBe('+47 412 34 567')
    expect(formatPhone('+4722123456')).toBe('+47 22 12 34 56')
    expect(formatPhone('+79161234567')).toBe('+7 916 123-45-67')
  })
  it('leaves what it does not know alone', () => {
    expect(formatPhone('')).toBe('')
    expect(formatPhone('20 12 34 56')).toBe('20 12 34 56')
    expect(formatPhone('+3612345678')).toBe('+3612345678')
  })
})

describe('names', () => {
  it('shows first, middle and last name, else the company', () => {
    expect(displayName({ ...emptyContact(), firstName: 'Иван', middleName: 'Петрович', lastName: 'Сидоров' })).toBe('Иван Петрович Сидоров')
    expect(displayName({ ...emptyContact(), company: 'Blomsterhuset ApS' })).toBe('Blomsterhuset ApS')
    expect(initials({ ...emptyContact(), firstName: 'anna', lastName: 'hansen' })).toBe('AH')
  })
})

describe('Intl formatting', () => {
  it('formats numbers in the UI language', () => {
    expect(formatNumber(2500, 'da')).toBe('2.500')
    expect(formatNumber(2500, 'en')).toBe('2,500')
    expect(formatNumber(2500, 'ru').replace(/\s/g, ' ')).toBe('2 500')
  })
  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('1964-09-27', 'en')).toMatch(/^27 Sept? 1964$/)
    expect(formatDate('', 'en')).toBe('')
  })
  it('names countries in the UI language', () => {
    expect(countryName('DK', 'da')).toBe('Danmark')
    expect(countryName('SE', 'ru')).toBe('Швеция')
  })
})
