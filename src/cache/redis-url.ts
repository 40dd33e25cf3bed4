import { ConfigError } from '../errors.js'
import { createRedactor, safeUrl, type Redactor } from '../providers/http/redact.js'

/** A Redis address checked once, with what may be shown of it. */
export interface RedisTarget {
  /** The URL as given, credentials included: for the client only, never printed. */
  readonly url: string
  /** `redis://host:port/db`: user and password removed. */
  readonly shown: string
  /** Where the URL came from (`cache.store in <file>`, `REDIS_URL`), named in every error about it. */
  readonly setting: string
  /** Masks the password in any text that might echo it back (a server's error message). */
  readonly redactor: Redactor
}

const FORM = 'redis://[user:password@]host[:port][/db] or rediss://… for TLS'

/** Checks a `redis://` URL; a malformed one is a config error (exit 2) naming the setting — never echoing a password. */
export function parseRedisUrl(text: string, setting: string): RedisTarget {
  const url = text.trim()
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {
    parsed = undefined
  }
  const problem =
    parsed === undefined
      ? 'is not a URL'
      : parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:'
        ? `has the scheme "${parsed.protocol.replace(/:$/, '')}", not redis or rediss`
        : parsed.hostname === ''
          ? 'names no host'
          : !/^\/?(\d+)?$/.test(parsed.pathname)
            ? `has the path "${parsed.pathname}" where a database number (/0 … /15) belongs`
            : parsed.search !== '' || parsed.hash !== ''
              ? 'has a query or fragment vimax does not read'
              : undefined
  if (problem !== undefined || parsed === undefined) {
    throw new ConfigError(`${setting}: "${maskCredentials(url)}" ${problem ?? 'is not a URL'}`, {
      code: 'E_CACHE_STORE_URL',
      hint: `write it as ${FORM} (percent-encode special characters in the password), or remove it to use the local SQLite cache`,
    })
  }
  const password = decodeURIComponent(parsed.password)
  const base = createRedactor([password])
  // The shared redactor skips values under 6 characters; a short password is masked here too.
  const redactor: Redactor = { add: base.add, redact: (value) => maskValue(base.redact(value), password) }
  return { url, shown: safeUrl(parsed, redactor).replace(/\/$/, ''), setting, redactor }
}

/** For a URL that could not even be parsed: whatever sits between `//` and `@` is credentials. */
export function maskCredentials(text: string): string {
  // Up to the last "@": a password may itself hold one that was not percent-encoded.
  return text.replace(/^(.*?\/\/)?.*@/s, (_whole, scheme: string | undefined) => `${scheme ?? ''}***@`)
}

function maskValue(text: string, secret: string): string {
  return secret.length < 4 ? text : text.split(secret).join('***')
}
