import { copyFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'

// Set-up data and small helpers for the campaign end-to-end test.

export interface Person {
  firstName: string
  lastName: string
  kind: 'customer' | 'prospect'
  email: string
  phone: string
  street1: string
  postcode: string
  city: string
  country: string
  language: string
  tags: string[]
}

const names: [string, string][] = [
  ['Ola', 'Nordmann'], ['Kari', 'Nordmann'], ['Per', 'Hansen'], ['Ingrid', 'Johansen'], ['Lars', 'Olsen'],
  ['Sigrid', 'Larsen'], ['Knut', 'Andersen'], ['Solveig', 'Pedersen'], ['Bjørn', 'Nilsen'], ['Astrid', 'Kristiansen'],
  ['Håkon', 'Jensen'], ['Marit', 'Karlsen'], ['Erik', 'Johnsen'], ['Ragnhild', 'Pettersen'], ['Torbjørn', 'Eriksen'],
  ['Liv', 'Berg'], ['Øystein', 'Haugen'], ['Gunnhild', 'Hagen'], ['Magnus', 'Johannessen'], ['Hilde', 'Andreassen'],
  ['Sindre', 'Jacobsen'], ['Tone', 'Dahl'], ['Jørgen', 'Halvorsen'], ['Åse', 'Lund'], ['Eirik', 'Moen'],
  ['Berit', 'Strand'], ['Trond', 'Solberg'], ['Randi', 'Bakken'], ['Geir', 'Kristoffersen'], ['Turid', 'Lie'],
  ['Anders', 'Rasmussen'], ['Kjersti', 'Amundsen'], ['Steinar', 'Nygård'], ['Ellinor', 'Sæther'], ['Vegard', 'Fjeld'],
  ['Ingeborg', 'Ødegård'],
]

const places: [string, string, string][] = [
  ['Karl Johans gate 12', '0154', 'Oslo'], ['Bogstadveien 41', '0366', 'Oslo'], ['Torggata 8', '0181', 'Oslo'],
  ['Strandgaten 19', '5013', 'Bergen'], ['Kong Oscars gate 5', '5017', 'Bergen'], ['Olav Tryggvasons gate 22', '7011', 'Trondheim'],
  ['Munkegata 3', '7013', 'Trondheim'], ['Kirkegata 14', '4006', 'Stavanger'], ['Storgata 55', '9008', 'Tromsø'],
  ['Markens gate 9', '4611', 'Kristiansand'], ['Bragernes torg 2', '3017', 'Drammen'], ['Nygaardsgata 30', '1607', 'Fredrikstad'],
  ['Storgata 16', '8006', 'Bodø'], ['Kongens gate 7', '6002', 'Ålesund'], ['Storgata 60', '2609', 'Lillehammer'],
  ['Torggata 40', '2317', 'Hamar'],
]

/** Latin letters for an email address: "Bjørn Sæther" -> "bjorn.saether". */
const ascii = (s: string) =>
  s
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z]/g, '')

/** A Norwegian mobile number, +47 9xx xx xxx, different for each i. */
const mobile = (i: number) => {
  const d = `9${String(2000000 + i * 123457).padStart(7, '0')}`
  return `+47 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`
}

/**
 * 36 people in Norway tagged "Vårkunder": 32 customers with a postal
 * address, email and mobile (the last three without a phone), two
 * prospects with everything but no consent (no email or call for them),
 * and two customers with only a city (nothing to reach them by: left out
 * at launch as "missing address").
 */
export function norwegians(tag: string): Person[] {
  return names.map(([firstName, lastName], i) => {
    const [street1, postcode, city] = places[i % places.length]
    const base: Person = {
      firstName,
      lastName,
      kind: 'customer',
      email: `${ascii(firstName)}.${ascii(lastName)}@epost.test`,
      phone: mobile(i),
      street1,
      postcode,
      city,
      country: 'NO',
      language: 'nb',
      tags: [tag],
    }
    if (i >= 29 && i <= 31) return { ...base, phone: '' }
    if (i === 32 || i === 33) return { ...base, kind: 'prospect' }
    if (i >= 34) return { ...base, street1: '', postcode: '', email: '', phone: '' }
    return base
  })
}

/** Picks an option of the open select menu whose text matches. */
export async function pick(page: Page, select: Locator, text: string | RegExp) {
  await select.click()
  const option = page.locator('.n-base-select-menu .n-base-select-option:visible').filter({ hasText: text }).first()
  await option.click()
  await expect(page.locator('.n-base-select-menu:visible')).toHaveCount(0)
}

/** Where screenshots go: always a temporary folder, and DD_SHOTS too when it is set. */
export const shotsDir = path.join(tmpdir(), 'directdesk-campaign-shots')

/**
 * A full-page screenshot once the page is still: no toast left, the pointer
 * out of the way. The app scrolls inside its content pane, so for the
 * picture the window is made as tall as that pane's content.
 */
export async function capture(page: Page, file: string) {
  mkdirSync(path.dirname(file), { recursive: true })
  await page.mouse.move(2, 2)
  await expect(page.locator('.n-message')).toHaveCount(0, { timeout: 15_000 })
  const size = page.viewportSize() ?? { width: 1280, height: 800 }
  const extra = await page.evaluate(() => {
    let most = 0
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      if (el.clientHeight < 200) continue
      const s = getComputedStyle(el)
      if (s.overflowY !== 'auto' && s.overflowY !== 'scroll') continue
      most = Math.max(most, el.scrollHeight - el.clientHeight)
    }
    return most
  })
  if (extra > 0) await page.setViewportSize({ width: size.width, height: Math.min(size.height + extra, 6000) })
  try {
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
  } finally {
    if (extra > 0) await page.setViewportSize(size)
  }
}

/** A screenshot for the record: in the temporary folder, and in DD_SHOTS when it is set. */
export async function shot(page: Page, name: string) {
  const file = path.join(shotsDir, name)
  await capture(page, file)
  const out = process.env.DD_SHOTS
  if (out) {
    mkdirSync(out, { recursive: true })
    copyFileSync(file, path.join(out, name))
  }
}

/** The code alphabet of response codes (no 0/O, 1/I). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

/** The code with its first character changed: a typing mistake the check character catches. */
export function typo(code: string): string {
  const i = code.search(/[0-9A-Z]/)
  const c = code[i]
  const other = CODE_ALPHABET[(CODE_ALPHABET.indexOf(c) + 5) % CODE_ALPHABET.length]
  return code.slice(0, i) + other + code.slice(i + 1)
}

/** Only the digits of a text ("2 149,00 kr" -> "214900"). */
export const digits = (s: string | null) => (s ?? '').replace(/\D/g, '')
