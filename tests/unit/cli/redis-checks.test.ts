import { describe, expect, it } from 'vitest'
import { redisChecks } from '../../../src/cli/doctor/redis-checks.js'
import { freePort, redisMissing, startRedisServer } from '../../support/redis-server.js'

const PASSWORD = 'doctor-secret-9876'

describe('vimax doctor: the Redis record store', () => {
  it('adds no row when records stay in SQLite', async () => {
    expect(await redisChecks(undefined, {})).toEqual([])
  })

  it('an unreachable Redis fails the check (exit 2) with the fix, never showing the password', async () => {
    const port = await freePort()
    const [check] = await redisChecks({ store: `redis://:${PASSWORD}@127.0.0.1:${port}` }, {})
    expect(check).toMatchObject({ name: 'redis records', ok: false, exitCode: 2, detail: expect.stringContaining(`redis://127.0.0.1:${port}: cannot be reached`) })
    expect(JSON.stringify(check)).not.toContain(PASSWORD)
  })

  it('a malformed REDIS_URL fails the check naming the setting', async () => {
    const [check] = await redisChecks(undefined, { REDIS_URL: 'redis://' })
    expect(check).toMatchObject({ ok: false, exitCode: 2, detail: expect.stringContaining('REDIS_URL') })
  })

  it.skipIf(redisMissing !== undefined)('shows the server version and PING latency; a wrong password fails naming the setting', async () => {
    const server = await startRedisServer({ password: PASSWORD })
    try {
      const [ok] = await redisChecks(undefined, { REDIS_URL: server.url })
      expect(ok).toMatchObject({ ok: true, detail: expect.stringMatching(/^redis:\/\/127\.0\.0\.1:\d+: Redis \d+\.\d+\.\d+ · PING [\d.]+ ms$/) })
      const [refused] = await redisChecks(undefined, { REDIS_URL: `redis://:wrong-${PASSWORD}@127.0.0.1:${server.port}` })
      expect(refused).toMatchObject({ ok: false, exitCode: 2, detail: expect.stringContaining('REDIS_URL: Redis at') })
      expect(JSON.stringify([ok, refused])).not.toContain(PASSWORD)
    } finally {
      await server.stop()
    }
  })
})
