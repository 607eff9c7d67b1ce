// The letter editor's HTML: the small subset the backend lays out (p, h1,
// h2, b/strong, i/em, ul/ol/li, br and pictures as <img src="media:…">).
// The editor shows pictures from data: URLs and remembers their reference
// in data-media; cleanHtml turns whatever the editor (or a paste from a
// word processor) holds back into the subset.

const KEEP = new Set(['p', 'h1', 'h2', 'b', 'strong', 'i', 'em', 'ul', 'ol', 'li', 'br', 'img'])
const RENAME: Record<string, string> = { div: 'p', h3: 'h2', h4: 'h2', h5: 'h2', h6: 'h2' }
const DROP = new Set(['script', 'style', 'head', 'title', 'meta', 'link', 'template', 'svg', 'object', 'iframe'])
const BLOCKS = new Set(['p', 'h1', 'h2', 'ul', 'ol', 'li'])

/** Millimetres a picture is wide by default (a signature or a small logo). */
export const DEFAULT_IMAGE_MM = 40
/** The width of a letter's text on A4 (210 mm less the margins): pictures take their share of it on screen too. */
export const TEXT_WIDTH_MM = 165

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;')
const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** The stored reference of a picture in the editor, or "" when it is none of ours. */
export function imageRef(img: Element): string {
  const media = img.getAttribute('data-media') ?? ''
  if (media.startsWith('media:')) return media
  const src = img.getAttribute('src') ?? ''
  return src.startsWith('media:') ? src : ''
}

function imageHtml(img: Element): string {
  const ref = imageRef(img)
  if (!ref) return ''
  let out = `<img src="${escAttr(ref)}"`
  const w = Number((img.getAttribute('data-width') ?? '').replace(/mm$/, ''))
  if (Number.isFinite(w) && w > 0) out += ` data-width="${Math.round(w)}"`
  const align = img.getAttribute('data-align') ?? ''
  if (align === 'center' || align === 'right') out += ` data-align="${align}"`
  return out + '>'
}

function serialize(node: Node, out: string[]) {
  if (node.nodeType === 3) {
    out.push(escText(node.textContent ?? ''))
    return
  }
  if (node.nodeType !== 1) return
  const el = node as Element
  let tag = el.tagName.toLowerCase()
  if (DROP.has(tag)) return
  tag = RENAME[tag] ?? tag
  if (tag === 'img') {
    out.push(imageHtml(el))
    return
  }
  if (tag === 'br') {
    out.push('<br>')
    return
  }
  const keep = KEEP.has(tag)
  if (keep) out.push(`<${tag}>`)
  for (const child of Array.from(el.childNodes)) serialize(child, out)
  if (keep) out.push(`</${tag}>`)
}

/**
 * The editor's (or a pasted) HTML reduced to the letter subset. Loose
 * text at the top level is put in paragraphs, so the backend lays it out
 * as the editor shows it.
 */
export function cleanHtml(html: string, doc: Document = document): string {
  const box = doc.createElement('div')
  box.innerHTML = html
  const out: string[] = []
  let loose: string[] = []
  const flushLoose = () => {
    const text = loose.join('')
    if (text.replace(/<br>/g, '').trim() !== '') out.push(`<p>${text}</p>`)
    loose = []
  }
  for (const child of Array.from(box.childNodes)) {
    const tag = child.nodeType === 1 ? (RENAME[(child as Element).tagName.toLowerCase()] ?? (child as Element).tagName.toLowerCase()) : ''
    if (BLOCKS.has(tag)) {
      flushLoose()
      serialize(child, out)
    } else {
      serialize(child, loose)
    }
  }
  flushLoose()
  return out.join('')
}

/** True when the letter has no text and no picture. */
export function isEmptyHtml(html: string): boolean {
  return !/<img/i.test(html) && html.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').trim() === ''
}

/** Screen width of a picture data-width millimetres wide: its share of the text's width, as on paper. */
export function imageStyle(widthMM: number): string {
  return `width: ${Math.min(100, Math.round((widthMM / TEXT_WIDTH_MM) * 1000) / 10)}%;`
}

/** Gives the editor's pictures their on-screen size (from data-width). */
export function sizeImages(root: HTMLElement) {
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const w = Number(img.getAttribute('data-width') ?? '')
    img.setAttribute('style', imageStyle(Number.isFinite(w) && w > 0 ? w : DEFAULT_IMAGE_MM))
    img.setAttribute('draggable', 'false')
  }
}

// ---- Highlighting {{fields}} and {{#if}} tags --------------------------------------------
// The editor's text stays plain (no spans to trip over while typing); where
// the browser has the CSS Custom Highlight API the tags are coloured by
// ranges over the text instead.

const registered = new Map<HTMLElement, { field: Range[]; cond: Range[] }>()

function hasHighlights(): boolean {
  return typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight !== 'undefined'
}

function publish() {
  if (!hasHighlights()) return
  const field: Range[] = []
  const cond: Range[] = []
  for (const v of registered.values()) {
    field.push(...v.field)
    cond.push(...v.cond)
  }
  CSS.highlights.set('dd-field', new Highlight(...field))
  CSS.highlights.set('dd-cond', new Highlight(...cond))
}

/** Colours the template tags in an editor's text (fields blue, conditions purple). */
export function highlightTags(root: HTMLElement) {
  if (!hasHighlights()) return
  const field: Range[] = []
  const cond: Range[] = []
  const walker = root.ownerDocument.createTreeWalker(root, 4)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent ?? ''
    if (!text.includes('{{')) continue
    for (const m of text.matchAll(/\{\{[^{}]*\}\}/g)) {
      const r = root.ownerDocument.createRange()
      r.setStart(n, m.index ?? 0)
      r.setEnd(n, (m.index ?? 0) + m[0].length)
      ;(/^\{\{\s*[#/]/.test(m[0]) ? cond : field).push(r)
    }
  }
  registered.set(root, { field, cond })
  publish()
}

/** Forgets an editor's highlights (it is going away). */
export function unhighlight(root: HTMLElement) {
  if (registered.delete(root)) publish()
}
