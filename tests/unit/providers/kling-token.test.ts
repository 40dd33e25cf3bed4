import { describe, expect, it } from 'vitest'
import { createTokenSource, klingToken } from '../../../src/providers/kling/kling-token.js'
import { jwtProblem, KLING_TEST_ACCESS_KEY, KLING_TEST_SECRET_KEY } from '../../support/fake-api/index.js'

const keys = { accessKey: KLING_TEST_ACCESS_KEY, secretKey: KLING_TEST_SECRET_KEY }
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>

describe('Kling JWT', () => {
  it('is HS256 with iss = access key, exp = now + 1800 and nbf = now - 5, and verifies with the secret', () => {
    const nowS = 1_767_225_600
    const { token, expiresAtS } = klingToken(keys.accessKey, keys.secretKey, nowS)
    const [header, payload] = token.split('.') as [string, string, string]
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT' })
    expect(decode(payload)).toEqual({ iss: KLING_TEST_ACCESS_KEY, exp: nowS + 1800, nbf: nowS - 5 })
    expect(expiresAtS).toBe(nowS + 1800)
    expect(jwtProblem(`Bearer ${token}`, nowS)).toBeUndefined()
    expect(jwtProblem(`Bearer ${klingToken(keys.accessKey, 'another-secret-000000', nowS).token}`, nowS)).toMatch(/signature/)
    expect(jwtProblem(`Bearer ${token}`, nowS + 1800)).toMatch(/expired/)
    // The secret signs; it is never inside the token.
    expect(token).not.toContain(KLING_TEST_SECRET_KEY)
  })

  it('reuses a token until 5 minutes before it expires, then signs a new one, reading the keys lazily', () => {
    let now = 1_767_225_600_000
    let reads = 0
    const issued: string[] = []
    const next = createTokenSource({ now: () => now, keys: () => (reads++, keys), onToken: (token) => issued.push(token) })
    expect(reads).toBe(0)
    const first = next()
    now += 24 * 60_000
    expect(next()).toBe(first)
    now += 60_000 // 25 minutes in: 5 minutes left
    const second = next()
    expect(second).not.toBe(first)
    expect(issued).toEqual([first, second])
    expect(reads).toBe(2)
  })
})
