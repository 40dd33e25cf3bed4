/**
 * The HTTP layer every vendor shares. A provider builds one client with `createHttpClient` and
 * describes, per call, the path, the body and how to read a 2xx answer (`parse`); timeouts,
 * retries, error dialects, redaction, logging and downloads happen here, once.
 */
export { createAgent } from './agent.js'
export { findApiKey, isPlaceholderKey, loadApiKey, type LoadApiKeyInput } from './api-key.js'
export { AttemptError, badResponse, responseProblem } from './attempt-error.js'
export { decodeMedia } from './decode-media.js'
export type { ProviderErrorCode } from './error-codes.js'
export {
  createHttpClient,
  type BytesCall,
  type CallSettings,
  type DownloadCall,
  type FileMedia,
  type HttpClient,
  type HttpClientSettings,
  type HttpResult,
  type JsonCall,
} from './http-client.js'
export type { ParseBody, ResponseInfo } from './json-attempt.js'
export type { ParseBytes } from './bytes-attempt.js'
export { checkMediaHead, type MediaKind } from './media-kind.js'
export type { MultipartPart } from './multipart.js'
export { createRedactor, safeUrl, type Redactor } from './redact.js'
export type { HttpLog, HttpLogEntry } from './request-log.js'
export type { ResponseHeaders } from './response-headers.js'
export { parseGoogleDuration, retryAfterFromHeaders } from './retry-after.js'
export { backoffMs, DEFAULT_RETRY_POLICY, retryIfUnprocessed, type RetryPolicy } from './retry-policy.js'
export { DEFAULT_TIMEOUTS, type Timeouts } from './timeouts.js'
export { hintFor } from './to-provider-error.js'
export { errorInBody, parseErrorBody, type VendorError } from './vendor-error.js'
