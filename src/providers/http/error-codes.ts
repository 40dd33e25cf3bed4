/**
 * Stable codes of provider failures; scripts and the ledger match on them.
 *
 * Retried inside a call (within the retry budget): RATE_LIMIT, TIMEOUT, NETWORK, HTTP for
 * 408/409/5xx, BAD_RESPONSE once. Never retried: AUTH, QUOTA, REFUSED, EMPTY, FAILED, and HTTP
 * for other 4xx.
 */
export type ProviderErrorCode =
  /** An HTTP status with no more specific meaning (400, 404, 422, 5xx after retries). */
  | 'E_PROVIDER_HTTP'
  /** 401, or 403 that is not a content refusal: the key is wrong or lacks access. */
  | 'E_PROVIDER_AUTH'
  /** Out of credit (402, OpenAI `insufficient_quota`) or a per-day quota: retrying cannot help. */
  | 'E_PROVIDER_QUOTA'
  /** 429 still failing after the retry budget, or asking for a longer wait than we allow. */
  | 'E_PROVIDER_RATE_LIMIT'
  /** The content policy refused the prompt or the output. */
  | 'E_PROVIDER_REFUSED'
  | 'E_PROVIDER_TIMEOUT'
  /** Connection refused, reset or dropped. */
  | 'E_PROVIDER_NETWORK'
  /** A 2xx body we cannot use: not JSON, truncated, the wrong shape, not the media it claims. */
  | 'E_PROVIDER_BAD_RESPONSE'
  /** The vendor reported that the generation failed (an error inside a 200, a failed job). */
  | 'E_PROVIDER_FAILED'
  /** A well-formed answer with nothing in it (no images, no text). */
  | 'E_PROVIDER_EMPTY'
  /** A recorded job the vendor no longer knows (expired, removed): it cannot be polled, only started again. */
  | 'E_PROVIDER_JOB_GONE'
  /** A structured (JSON) answer cut off at the model's output-token limit: never accepted as complete. */
  | 'E_PROVIDER_TRUNCATED'
