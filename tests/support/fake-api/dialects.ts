import type { Dialect, ErrorSpec } from './types.js'

const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
}
const OPENAI_TYPE = (status: number) =>
  status === 429 ? 'requests' : status >= 500 ? 'server_error' : status === 401 ? 'invalid_request_error' : 'invalid_request_error'

/** The body (and extra headers) a vendor sends for an error, in its own envelope. */
export function errorEnvelope(dialect: Dialect, status: number, error: ErrorSpec): { body: unknown; headers: Record<string, string> } {
  switch (dialect) {
    case 'openai':
      return { body: { error: { message: error.message, type: error.type ?? OPENAI_TYPE(status), param: null, code: error.code ?? null } }, headers: {} }
    case 'openrouter':
      return { body: { error: { code: status, message: error.message, ...(error.metadata ? { metadata: error.metadata } : {}) } }, headers: {} }
    case 'gemini':
      return { body: { error: google(status, error) }, headers: {} }
    case 'gemini-openai':
      return { body: [{ error: google(status, error) }], headers: {} }
    case 'vllm':
      return { body: { object: 'error', message: error.message, type: error.type ?? 'BadRequestError', param: null, code: status }, headers: {} }
    case 'ollama':
      return { body: { error: error.message }, headers: {} }
    case 'elevenlabs':
      // `{detail:{status, message}}`; validation failures come as FastAPI's `{detail:[…]}`.
      if (status === 422) return { body: { detail: [{ loc: ['body', 'text'], msg: error.message, type: error.type ?? 'value_error' }] }, headers: {} }
      return { body: { detail: { status: error.code ?? error.type ?? 'error', message: error.message } }, headers: {} }
    case 'replicate':
      // `{title, detail, status}`; a 422 lists `invalid_fields` (the field named in `code`, default input.prompt).
      if (status === 422) {
        const field = error.code ?? 'input.prompt'
        return { body: { title: 'Input validation failed', detail: `- ${field}: ${error.message}\n`, status, invalid_fields: [{ type: error.type ?? 'required', field, description: error.message }] }, headers: {} }
      }
      return { body: { title: error.type ?? 'Error', detail: error.message, status }, headers: {} }
    case 'fal': {
      if (status === 422) return { body: { detail: [{ loc: ['body', 'prompt'], msg: error.message, type: error.type ?? 'value_error' }] }, headers: {} }
      const type = error.type ?? (status >= 500 ? 'internal_error' : 'bad_request')
      return { body: { detail: error.message, error_type: type }, headers: { 'x-fal-error-type': type } }
    }
  }
}

function google(status: number, error: ErrorSpec) {
  return { code: status, message: error.message, status: error.type ?? GOOGLE_STATUS[status] ?? 'UNKNOWN', ...(error.details ? { details: error.details } : {}) }
}

/** The header a dialect names its request id in (Gemini sends none). */
export function requestIdHeader(dialect: Dialect): string | undefined {
  return dialect === 'fal' ? 'x-fal-request-id' : dialect === 'gemini' ? undefined : dialect === 'elevenlabs' ? 'request-id' : 'x-request-id'
}
