import { AttemptError, decodeMedia, type HttpClient, type MediaKind, responseProblem } from '../http/index.js'
import type { CallOptions, Media } from '../types.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const urlOf = (value: unknown) => (isObject(value) && typeof value.url === 'string' && value.url !== '' ? value.url : undefined)

/**
 * A `parse` callback for a result: the first media URL of `images[]`/`image` or `video`/`videos[]`.
 * flux blanks images its safety checker flags, so a flagged result is a refusal, not an image.
 */
export const outputMediaUrl = (kind: MediaKind) => (body: unknown): string => {
  if (!isObject(body)) throw responseProblem('E_PROVIDER_EMPTY', `the result is not an object, so it holds no ${kind}`)
  const flags = Array.isArray(body.has_nsfw_concepts) ? body.has_nsfw_concepts : []
  if (flags[0] === true) throw responseProblem('E_PROVIDER_REFUSED', 'fal’s safety checker flagged the output')
  const list = kind === 'image' ? body.images : body.videos
  const url = urlOf(Array.isArray(list) ? list[0] : undefined) ?? urlOf(kind === 'image' ? body.image : body.video)
  if (!url) throw responseProblem('E_PROVIDER_EMPTY', `the result has no ${kind} URL`)
  return url
}

/**
 * The output's bytes: fal's CDN needs no auth, so the key is never sent there. `sync_mode`
 * answers carry data URLs instead.
 */
export async function fetchMedia(
  client: HttpClient,
  url: string,
  kind: MediaKind,
  ctx: { readonly model: string; readonly call: CallOptions; readonly dir?: string | undefined },
): Promise<{ readonly media: Media; readonly requestId?: string; readonly attempts?: number }> {
  if (url.startsWith('data:')) {
    try {
      return { media: decodeMedia(url, kind) }
    } catch (error) {
      throw error instanceof AttemptError ? client.fail(error, { model: ctx.model, call: ctx.call, target: `${kind} data URL` }) : error
    }
  }
  const file = await client.download(url, { model: ctx.model, call: ctx.call, expect: kind, auth: false, dir: ctx.dir })
  return { media: file.value, requestId: file.requestId, attempts: file.attempts }
}
