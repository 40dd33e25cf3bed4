import type { ChatRequest, ImageRequest, JsonValue, ModelKind, MusicRequest, SpeechRequest, VideoRequest } from '../providers/types.js'
import { sha256 } from '../util/digest.js'
import { canonicalJson } from './canonical-json.js'

/**
 * Bumped when the meaning of a stored result changes (record shape, what goes into a key): every
 * old key then misses at once, and `cache prune` collects the old entries by age.
 */
export const CACHE_SCHEMA_VERSION = 1

export interface CacheKeyInput {
  readonly kind: ModelKind
  readonly provider: string
  readonly modelId: string
  /** The model's output-changing settings (`ModelInfo.fingerprint`); never secrets or timeouts. */
  readonly fingerprint?: { readonly [key: string]: JsonValue } | undefined
  readonly request: ModelRequest
}

type ModelRequest = ChatRequest | ImageRequest | VideoRequest | SpeechRequest | MusicRequest

/**
 * `"v1:" + sha256(canonical JSON)` of what decides the output: the schema version, kind, provider,
 * model, fingerprint and the whole request (every generation parameter, prompt or messages, seed,
 * take, and the digest of each input image's bytes).
 *
 * The input is picked field by field rather than taking the model object, so API keys, headers,
 * timeouts and base URLs a provider keeps on its model can never leak into a key; the request
 * types carry none of them, and call options (signal, subject) are not passed here at all.
 */
export function cacheKey(input: CacheKeyInput): string {
  const material = {
    v: CACHE_SCHEMA_VERSION,
    kind: input.kind,
    provider: input.provider,
    model: input.modelId,
    fingerprint: input.fingerprint ?? {},
    request: input.request,
  }
  return `v${CACHE_SCHEMA_VERSION}:${sha256(canonicalJson(material))}`
}

/** The key for a model's request, reading only the model's identity. */
export function modelCacheKey(
  model: { readonly kind: ModelKind; readonly provider: string; readonly modelId: string; readonly fingerprint?: { readonly [key: string]: JsonValue } | undefined },
  request: ModelRequest,
): string {
  return cacheKey({ kind: model.kind, provider: model.provider, modelId: model.modelId, fingerprint: model.fingerprint, request })
}
