import { parseGoogleDuration } from './retry-after.js'

/** Every vendor's error body, reduced to the facts we act on. */
export interface VendorError {
  readonly message: string
  /** OpenAI `type`, Google `status`, fal `error_type`, vLLM `type`. */
  readonly type?: string
  /** A string code (OpenAI `insufficient_quota`, `moderation_blocked`). */
  readonly code?: string
  /** A numeric code inside the body (OpenRouter and Google repeat the HTTP status). */
  readonly status?: number
  /** Google `RetryInfo.retryDelay`, in ms. */
  readonly retryDelayMs?: number
  /** A Google quota violation whose `quotaId` says it resets daily. */
  readonly perDayQuota?: boolean
  /** OpenRouter moderation: the guardrail flagged the input. */
  readonly flagged?: boolean
  /** Google answers a wrong key with 400 INVALID_ARGUMENT, marked only by `ErrorInfo.reason`. */
  readonly keyInvalid?: boolean
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined)

/** Parses an error body of any dialect; a body that is not JSON becomes its visible text. */
export function parseErrorBody(text: string): VendorError {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { message: visibleText(text) }
  }
  return fromJson(json) ?? { message: visibleText(text) }
}

/** The error inside a 2xx body (OpenRouter reports failures after the model started this way). */
export function errorInBody(json: unknown): VendorError | undefined {
  if (Array.isArray(json)) return fromJson(json)
  if (!isObject(json) || !isObject(json.error)) return undefined
  return fromJson(json)
}

function fromJson(json: unknown): VendorError | undefined {
  // The Gemini OpenAI-compatible endpoint sends an array of Google envelopes.
  if (Array.isArray(json)) return json.length > 0 ? fromJson(json[0]) : undefined
  if (typeof json === 'string') return { message: json }
  if (!isObject(json)) return undefined
  if (isObject(json.error)) return fromEnvelope(json.error)
  // Ollama's native `{error: "…"}`.
  if (typeof json.error === 'string') return { message: json.error, ...codeOf(json.code) }
  // Older vLLM: the envelope flattened into the top level.
  if (json.object === 'error') return fromEnvelope(json)
  if ('detail' in json) return fromFal(json)
  const message = str(json.message) ?? str(json.title)
  return message ? { message, ...typeOf(json.type), ...codeOf(json.code) } : undefined
}

function fromEnvelope(error: Json): VendorError {
  const details = Array.isArray(error.details) ? error.details.filter(isObject) : []
  const metadata = isObject(error.metadata) ? error.metadata : {}
  const retryDelayMs = details.map((d) => parseGoogleDuration(d.retryDelay)).find((ms) => ms !== undefined)
  const perDayQuota = details.some((d) => quotaIds(d).some((id) => /PerDay/i.test(id)))
  const flagged = Array.isArray(metadata.reasons) || metadata.flagged_input !== undefined
  const keyInvalid = details.some((d) => d.reason === 'API_KEY_INVALID')
  return {
    message: messageOf(error, metadata),
    ...typeOf(error.type ?? error.status),
    ...codeOf(error.code),
    ...(retryDelayMs === undefined ? {} : { retryDelayMs }),
    ...(perDayQuota ? { perDayQuota } : {}),
    ...(flagged ? { flagged } : {}),
    ...(keyInvalid ? { keyInvalid } : {}),
  }
}

function messageOf(error: Json, metadata: Json): string {
  const message = str(error.message) ?? 'no message'
  const reasons = Array.isArray(metadata.reasons) ? metadata.reasons.filter((r) => typeof r === 'string') : []
  if (reasons.length > 0) return `${message} (${reasons.join(', ')})`
  // OpenRouter wraps upstream failures; the upstream's own words say more than "Provider returned error".
  const raw = str(metadata.raw)
  const upstream = str(metadata.provider_name)
  return raw ? `${message} (${upstream ? `${upstream}: ` : ''}${visibleText(raw)})` : message
}

function quotaIds(detail: Json): string[] {
  const violations = Array.isArray(detail.violations) ? detail.violations.filter(isObject) : []
  return violations.flatMap((v) => [v.quotaId, v.quotaMetric].filter((id): id is string => typeof id === 'string'))
}

/** fal: `{detail:[{loc,msg,type}]}` for validation, `{detail:"…", error_type}` for infrastructure. */
function fromFal(json: Json): VendorError {
  const type = typeOf(json.error_type ?? json.type)
  // Replicate's 422 lists each bad field; its `detail` only repeats them with bullets and newlines.
  const fields = Array.isArray(json.invalid_fields) ? json.invalid_fields.filter(isObject) : []
  if (fields.length > 0) return { message: fields.map((f) => `${str(f.field) ?? 'input'}: ${str(f.description) ?? str(f.type) ?? 'invalid'}`).join('; '), ...type }
  if (typeof json.detail === 'string') return { message: json.detail, ...type, ...resetsIn(json.detail) }
  if (Array.isArray(json.detail)) {
    const parts = json.detail.filter(isObject).map((item) => {
      const loc = Array.isArray(item.loc) ? item.loc.join('.') : undefined
      return `${loc ? `${loc}: ` : ''}${str(item.msg) ?? JSON.stringify(item)}`
    })
    const first = json.detail.find(isObject)
    return { message: parts.join('; ') || 'validation failed', ...(first ? typeOf(first.type) : {}), ...type }
  }
  return { message: JSON.stringify(json.detail), ...type }
}

/** Replicate's 429 says "Your rate limit resets in ~30s." when no Retry-After header came with it. */
function resetsIn(detail: string): { retryDelayMs?: number } {
  const match = /resets in ~?\s*(\d+(?:\.\d+)?)\s*s\b/i.exec(detail)
  return match ? { retryDelayMs: Math.round(Number.parseFloat(match[1]!) * 1000) } : {}
}

function typeOf(value: unknown): { type?: string } {
  return typeof value === 'string' && value ? { type: value } : {}
}

function codeOf(value: unknown): { code?: string; status?: number } {
  if (typeof value === 'number' && Number.isInteger(value)) return { status: value }
  if (typeof value === 'string' && value) return /^\d{3}$/.test(value) ? { status: Number(value) } : { code: value }
  return {}
}

/** HTML error pages (a proxy's 503) reduced to their words. */
export function visibleText(text: string): string {
  const stripped = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return stripped || (text.length === 0 ? 'empty body' : 'unreadable body')
}
