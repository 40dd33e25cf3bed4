import type { AspectRatio } from '../../film.js'
import { imageDimensions } from '../../media/image-dimensions.js'
import { badResponse, decodeMedia, responseProblem } from '../http/index.js'
import type { Media } from '../types.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** finishReasons that mean a filter withheld the image, as opposed to the model not drawing one. */
const WITHHELD = new Set(['SAFETY', 'IMAGE_SAFETY', 'PROHIBITED_CONTENT', 'IMAGE_PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'RECITATION', 'IMAGE_RECITATION'])
/** How much of a text-only answer goes into the error: it usually says why there is no image. */
const SAID_MAX = 160

/**
 * Reads a `generateContent` answer: the last non-thought image over every candidate's parts
 * (thinking models send interim images marked `thought`). A 200 without an image is a refusal or
 * an empty answer, named with its reason; an image of the wrong orientation is retried once.
 */
export function parseGenerateContent(body: unknown, want: AspectRatio, subject: string | undefined): Media & { readonly kind: 'bytes' } {
  if (!isObject(body)) throw badResponse(`expected a generateContent object, got ${Array.isArray(body) ? 'an array' : typeof body}`)
  const candidates = Array.isArray(body.candidates) ? body.candidates.filter(isObject) : []
  const feedback = isObject(body.promptFeedback) ? body.promptFeedback : {}
  const what = subject ?? 'the image'
  if (candidates.length === 0) {
    if (typeof feedback.blockReason === 'string') {
      const why = typeof feedback.blockReasonMessage === 'string' ? `: ${feedback.blockReasonMessage}` : ''
      throw responseProblem('E_PROVIDER_REFUSED', `the prompt was blocked (promptFeedback.blockReason ${feedback.blockReason}${why})`, {
        hint: `reword the prompt of ${what}: Gemini's safety filters blocked it before drawing`,
      })
    }
    throw badResponse('no candidates in the generateContent answer')
  }
  let image: string | undefined
  const texts: string[] = []
  const reasons: string[] = []
  for (const candidate of candidates) {
    if (typeof candidate.finishReason === 'string') reasons.push(candidate.finishReason)
    const parts = isObject(candidate.content) && Array.isArray(candidate.content.parts) ? candidate.content.parts.filter(isObject) : []
    for (const part of parts) {
      if (part.thought === true) continue
      const inline = isObject(part.inlineData) ? part.inlineData : isObject(part.inline_data) ? part.inline_data : undefined
      const mimeType = inline?.mimeType ?? inline?.mime_type
      if (inline && typeof inline.data === 'string' && (typeof mimeType !== 'string' || mimeType.startsWith('image/'))) image = inline.data
      else if (typeof part.text === 'string') texts.push(part.text)
    }
  }
  if (image === undefined) throw noImage(reasons, texts.join(' ').replace(/\s+/g, ' ').trim(), what)
  const media = decodeMedia(image, 'image')
  checkOrientation(media.bytes, want)
  return media
}

function noImage(reasons: readonly string[], said: string, what: string) {
  const reason = reasons.find((r) => r !== 'STOP') ?? reasons[0] ?? 'none'
  const quoted = said ? `; the model said: "${said.length > SAID_MAX ? `${said.slice(0, SAID_MAX - 1)}…` : said}"` : ''
  if (WITHHELD.has(reason)) {
    return responseProblem('E_PROVIDER_REFUSED', `no image: withheld by Gemini's filters (finishReason ${reason})${quoted}`, {
      hint: `reword the prompt of ${what} (or its reference images): the output was judged unsafe or too close to protected content`,
    })
  }
  return responseProblem('E_PROVIDER_EMPTY', `the answer has no image (finishReason ${reason})${quoted}`, {
    hint: `rerun with another take (--reroll), or reword the prompt of ${what} to ask plainly for one picture`,
  })
}

/**
 * Gemini image models sometimes ignore the aspect ratio; a portrait frame in a landscape film
 * would be letterboxed into a sliver, so it counts as a bad answer (retried once).
 */
function checkOrientation(bytes: Uint8Array, want: AspectRatio): void {
  const size = imageDimensions(bytes)
  if (!size || want === '1:1') return
  const wrong = want === '16:9' ? size.height > 1.05 * size.width : size.width > 1.05 * size.height
  if (!wrong) return
  throw badResponse(`asked for a ${want} image, got ${size.width}x${size.height}`, {
    hint: `rerun with another take (--reroll); if it persists, this model ignores imageConfig.aspectRatio`,
  })
}
