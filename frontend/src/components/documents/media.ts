import * as docsApi from '../../api/documents'

// Stored pictures ("media:img/…") as data: URLs for the editor and the
// preview, fetched once each.

const cache = new Map<string, Promise<string>>()

/** The picture as a data: URL, "" when it cannot be read (it is asked again next time). */
export function mediaUrl(ref: string): Promise<string> {
  let p = cache.get(ref)
  if (!p) {
    p = docsApi.image(ref).catch(() => {
      cache.delete(ref)
      return ''
    })
    cache.set(ref, p)
  }
  return p
}

/** The data: URLs of several pictures (those that could be read). */
export async function mediaUrls(refs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  await Promise.all(
    refs.map(async (r) => {
      const url = await mediaUrl(r)
      if (url) out.set(r, url)
    }),
  )
  return out
}
