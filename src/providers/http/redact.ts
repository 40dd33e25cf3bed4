/**
 * Removes secrets from text we keep: error messages, log entries, URLs. Registered values (the
 * keys we loaded) go first; the patterns catch keys we never saw, such as a vendor echoing a
 * wrong key back in its 401 message.
 */
export interface Redactor {
  /** Registers a secret value; values shorter than 6 characters are ignored (too many false hits). */
  add(secret: string | undefined): void
  redact(text: string): string
}

const MASK = '***'
const PATTERNS: readonly [RegExp, string][] = [
  // Authorization schemes; the token must look like one (a digit, or long), so "Key frames" survives.
  [/\b(Bearer|Basic|Token)\s+[^\s"',;]{6,}/g, `$1 ${MASK}`],
  [/\bKey\s+(?=[^\s"',;]*\d)[^\s"',;]{8,}/g, `Key ${MASK}`],
  // Header-shaped leaks: `x-goog-api-key: …`, `"x-api-key":"…"`, `api-key=…`.
  [/\b((?:x-goog-api-key|x-api-key|api-key)["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, `$1${MASK}`],
  // Query parameters that carry credentials or signatures.
  [/([?&](?:key|api_key|apikey|access_token|token|sig|signature|x-goog-signature|x-amz-signature|x-amz-credential)=)[^&#\s"']+/gi, `$1${MASK}`],
  // Key-looking tokens: OpenAI/OpenRouter/DeepSeek `sk-…`, Google `AIza…`, fal `uuid:hex`.
  [/\bsk-[A-Za-z0-9_-]{10,}/g, `sk-${MASK}`],
  [/\bAIza[0-9A-Za-z_-]{20,}/g, MASK],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9a-f]{16,}\b/gi, MASK],
]

export function createRedactor(secrets: readonly (string | undefined)[] = []): Redactor {
  const values = new Set<string>()
  const redactor: Redactor = {
    add(secret) {
      const trimmed = secret?.trim()
      if (trimmed && trimmed.length >= 6) values.add(trimmed)
    },
    redact(text) {
      let out = text
      // Longest first, so a key that contains another registered value is masked whole.
      for (const value of [...values].sort((a, b) => b.length - a.length)) out = out.split(value).join(MASK)
      for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
      return out
    },
  }
  for (const secret of secrets) redactor.add(secret)
  return redactor
}

/**
 * A URL fit for a log line or an error: credentials and secret-looking query values masked. With
 * `pathOnly`, just the path ("POST /v1/chat/completions"), as error messages use.
 */
export function safeUrl(url: string | URL, redactor: Redactor, options: { readonly pathOnly?: boolean } = {}): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return redactor.redact(String(url))
  }
  if (options.pathOnly) return redactor.redact(parsed.pathname)
  parsed.username = ''
  parsed.password = ''
  return redactor.redact(parsed.toString())
}
