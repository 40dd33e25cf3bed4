import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisMissing, startRedisServer, type RedisTestServer } from '../../support/redis-server.js'
import { runCli, tempDir } from '../../support/run-cli.js'
import { batchStatus, writeSpec } from './queue-fixtures.js'

const root = tempDir('vimax-queue-fail-')
afterAll(() => rmSync(root, { recursive: true, force: true }))
const SECRET = 'sk-test-queue-secret-0123456789'

describe.skipIf(redisMissing !== undefined)(`a film that fails on the worker${redisMissing ? ` (skipped: ${redisMissing})` : ''}`, () => {
  let redis: RedisTestServer
  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('a config problem (no key on the worker) fails the film at once: one attempt, its code and message on the job', async () => {
    const env = { REDIS_URL: redis.url, VIMAX_CACHE_DIR: path.join(root, 'cache-a'), OPENAI_API_KEY: '' }
    const queued = await runCli(['batch', writeSpec(root, 'keyless'), '--profile', 'openai'], { cwd: root, env })
    expect(queued.code, queued.stderr).toBe(0)
    const worker = await runCli(['worker', '--until-empty'], { cwd: root, env })
    expect(worker.code, worker.stderr).toBe(0)
    const { counts, films } = await batchStatus(root, env)
    expect(counts).toEqual({ queued: 0, active: 0, done: 0, failed: 1 })
    expect(films[0]).toMatchObject({ state: 'failed', attempts: 1, error_code: 'E_API_KEY_MISSING' })
    expect((films[0] as { error?: string }).error).toMatch(/OPENAI_API_KEY/)
    const text = await runCli(['batch', 'status'], { cwd: root, env })
    expect(text.stdout).toMatch(/^ {2}failed {2}keyless\.yaml .*E_API_KEY_MISSING: /m)
  })

  it('a provider failure gets a second attempt, then is recorded with its code — the key never in the record', async () => {
    await redis.command('FLUSHALL')
    const cwd = path.join(root, 'unreachable-provider')
    mkdirSync(cwd, { recursive: true })
    writeFileSync(path.join(cwd, 'vimax.config.yaml'), 'providers:\n  openai: { base_url: "http://127.0.0.1:9" }\n')
    const env = { REDIS_URL: redis.url, VIMAX_CACHE_DIR: path.join(root, 'cache-b'), VIMAX_QUEUE_LOCK: '3s', OPENAI_API_KEY: SECRET }
    const queued = await runCli(['batch', writeSpec(cwd, 'refused'), '--profile', 'openai'], { cwd, env })
    expect(queued.code, queued.stderr).toBe(0)
    const worker = await runCli(['worker', '--until-empty'], { cwd, env })
    expect(worker.code, worker.stderr).toBe(0)
    expect(worker.stderr).toMatch(/refused\.yaml: started \(attempt 2\)/)
    const status = await runCli(['batch', 'status', '--json'], { cwd, env })
    const { films } = JSON.parse(status.stdout) as { films: { id: string; state: string; attempts: number; error_code: string }[] }
    expect(films[0]).toMatchObject({ state: 'failed', attempts: 2, error_code: 'E_PROVIDER_NETWORK' })
    expect(status.stdout + worker.stderr + worker.stdout).not.toContain(SECRET)
    expect(await redis.command('HGETALL', `vimax-queue:films:${films[0]!.id}`)).toMatch(/failedReason/)
    expect(await redis.command('HGETALL', `vimax-queue:films:${films[0]!.id}`)).not.toContain(SECRET)
  })
})
