import { badResponse, decodeMedia } from '../http/index.js'
import type { Media } from '../types.js'

/** What one poll of a Veo operation says. */
export type OperationState =
  | { readonly state: 'pending'; readonly progress?: number }
  | { readonly state: 'failed'; readonly message: string; readonly code: string }
  | { readonly state: 'video'; readonly uri: string }
  | { readonly state: 'bytes'; readonly video: Media }

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** google.rpc.Code: an operation's `error.code` is one of these, not an HTTP status. */
const GRPC_CODES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
]

/**
 * Reads `GET /v1beta/{operation name}` with the REST names (`generateVideoResponse`,
 * `generatedSamples`, `encodedVideo`), not the SDK's renamed ones.
 */
export function parseOperation(body: unknown): OperationState {
  if (!isObject(body)) throw badResponse(`expected an operation object, got ${Array.isArray(body) ? 'an array' : typeof body}`)
  if (body.done !== true) {
    const metadata = isObject(body.metadata) ? body.metadata : {}
    const percent = typeof metadata.progressPercent === 'number' ? metadata.progressPercent : undefined
    return percent === undefined ? { state: 'pending' } : { state: 'pending', progress: Math.min(1, Math.max(0, percent / 100)) }
  }
  if (isObject(body.error)) return failedWith(body.error)
  const response = isObject(body.response) ? body.response : {}
  const generated = isObject(response.generateVideoResponse) ? response.generateVideoResponse : response
  const samples = Array.isArray(generated.generatedSamples) ? generated.generatedSamples.filter(isObject) : []
  const video = samples.map((sample) => sample.video).find(isObject)
  if (video && typeof video.uri === 'string' && video.uri) return { state: 'video', uri: video.uri }
  if (video && typeof video.encodedVideo === 'string') return { state: 'bytes', video: decodeMedia(video.encodedVideo, 'video') }
  const filtered = typeof generated.raiMediaFilteredCount === 'number' ? generated.raiMediaFilteredCount : 0
  if (filtered > 0) {
    const reasons = Array.isArray(generated.raiMediaFilteredReasons) ? generated.raiMediaFilteredReasons.filter((r) => typeof r === 'string') : []
    const why = reasons.length > 0 ? reasons.join('; ') : 'no reason given'
    return { state: 'failed', code: 'RAI_FILTERED', message: `Veo's safety filters withheld the clip (${why}); filtered clips are not billed` }
  }
  return { state: 'failed', code: 'NO_VIDEO', message: 'the operation finished without a video or an error' }
}

function failedWith(error: Json): OperationState {
  const number = typeof error.code === 'number' ? error.code : undefined
  const name = number === undefined ? undefined : GRPC_CODES[number]
  const message = typeof error.message === 'string' && error.message.trim() ? error.message.trim() : 'no message'
  return {
    state: 'failed',
    code: name ?? (number === undefined ? 'UNKNOWN' : String(number)),
    message: number === undefined ? message : `${message} (gRPC ${number}${name ? ` ${name}` : ''})`,
  }
}
