import { describe, expect, it } from 'vitest'
import { cleanHtml, imageRef, isEmptyHtml, sizeImages } from './richtext'

describe('cleanHtml', () => {
  it('keeps the letter subset as it is', () => {
    const html = '<h1>Tilbud</h1><p>Kære <b>{{first_name}}</b>, <i>tak</i>!<br>Hilsen</p><ul><li>Et</li><li>To</li></ul><ol><li>1</li></ol><h2>Sub</h2>'
    expect(cleanHtml(html)).toBe(html)
  })

  it('turns what the browser and word processors add into the subset', () => {
    expect(cleanHtml('<div>Hej <span style="color:red">du</span></div><div><br></div>')).toBe('<p>Hej du</p><p><br></p>')
    expect(cleanHtml('<h3>A</h3><font face="x">b</font><script>alert(1)</script><style>p{}</style>')).toBe('<h2>A</h2><p>b</p>')
    expect(cleanHtml('<p><a href="http://x">link</a> &amp; &lt;tag&gt; a\u00a0b</p>')).toBe('<p>link &amp; &lt;tag&gt; a&nbsp;b</p>')
  })

  it('puts loose text in a paragraph', () => {
    expect(cleanHtml('Hej {{first_name}}<p>Næste</p>tail')).toBe('<p>Hej {{first_name}}</p><p>Næste</p><p>tail</p>')
    expect(cleanHtml('  ')).toBe('')
  })

  it('writes pictures back as stored references, and drops pictures that are not ours', () => {
    const editor =
      '<p>Logo</p><img src="data:image/png;base64,AAA" data-media="media:img/logo.png" data-width="60" data-align="center" style="width: 192px">' +
      '<img src="https://example.com/x.png"><img src="media:img/sig.png" data-width="40mm" data-align="left">'
    expect(cleanHtml(editor)).toBe('<p>Logo</p><p><img src="media:img/logo.png" data-width="60" data-align="center"><img src="media:img/sig.png" data-width="40"></p>')
  })

  it('knows an empty letter', () => {
    expect(isEmptyHtml('<p><br></p>')).toBe(true)
    expect(isEmptyHtml('<p>&nbsp;</p>')).toBe(true)
    expect(isEmptyHtml('<p><img src="media:img/a.png"></p>')).toBe(false)
    expect(isEmptyHtml('<p>x</p>')).toBe(false)
  })

  it('sizes pictures on screen from their width in millimetres', () => {
    const box = document.createElement('div')
    box.innerHTML = '<img src="data:x" data-media="media:img/a.png" data-width="50"><img src="data:y">'
    sizeImages(box)
    const [a, b] = Array.from(box.querySelectorAll('img'))
    expect(a.getAttribute('style')).toBe('width: 30.3%;')
    expect(b.getAttribute('style')).toBe('width: 24.2%;')
    expect(imageRef(a)).toBe('media:img/a.png')
    expect(imageRef(b)).toBe('')
  })
})
