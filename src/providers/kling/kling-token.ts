import { createHmac } from 'node:crypto'

/** Kling's samples sign for 30 minutes, valid from 5 s ago (clock skew). */
const LIFETIME_S = 1800
const SKEW_S = 5
/** A token is reused until this close to its expiry: a request (with retries) never outlives it. */
const RENEW_BEFORE_S = 300

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url')

/** A JWT (HS256) as Kling's API wants it: `iss` the access key, signed with the secret key. */
export function klingToken(accessKey: string, secretKey: string, nowS: number): { readonly token: string; readonly expiresAtS: number } {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const expiresAtS = nowS + LIFETIME_S
  const payload = base64url(JSON.stringify({ iss: accessKey, exp: expiresAtS, nbf: nowS - SKEW_S }))
  const signature = createHmac('sha256', secretKey).update(`${header}.${payload}`).digest('base64url')
  return { token: `${header}.${payload}.${signature}`, expiresAtS }
}

/**
 * The token for the next request: made on first use (so keys are read lazily) and again once it
 * is within 5 minutes of expiring. `onToken` lets the caller register each one for redaction.
 */
export function createTokenSource(input: {
  readonly keys: () => { readonly accessKey: string; readonly secretKey: string }
  readonly now: () => number
  readonly onToken?: (token: string) => void
}): () => string {
  let current: { readonly token: string; readonly expiresAtS: number } | undefined
  return () => {
    const nowS = Math.floor(input.now() / 1000)
    if (current === undefined || current.expiresAtS - nowS <= RENEW_BEFORE_S) {
      const { accessKey, secretKey } = input.keys()
      current = klingToken(accessKey, secretKey, nowS)
      input.onToken?.(current.token)
    }
    return current.token
  }
}
