import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, redisMissing, startRedisServer, type RedisTestServer } from '../../support/redis-server.js'
import { runCli, tempDir } from '../../support/run-cli.js'
import { batchStatus, writeSpec } from './queue-fixtures.js'

const root = tempDir('vimax-queue-bad-')
afterAll(() => rmSync(root, { recursive: true, force: true }))

interface ErrorJson {
  readonly code: string
  readonly message: string
  readonly hint: string
  readonly details?: readonly string[]
  readonly exit_code: number
}
const errorOf = (stdout: string) => JSON.parse(stdout) as ErrorJson

describe('vimax batch, worker and batch status without a Redis', () => {
  it('exit 2 with E_QUEUE_NO_REDIS naming cache.store and REDIS_URL, for each of the three commands', async () => {
    const spec = writeSpec(root, 'lone')
    const env = { REDIS_URL: '' }
    for (const args of [['batch', spec, '--json'], ['batch', 'status', '--json'], ['worker', '--json']]) {
      const run = await runCli(args, { cwd: root, env })
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2)
      const error = errorOf(run.stdout)
      expect(error.code).toBe('E_QUEUE_NO_REDIS')
      expect(error.message).toMatch(/cache\.store.*REDIS_URL/)
      expect(error.hint).toMatch(/redis:\/\//)
    }
  })

  it('a Redis that does not answer: exit 2 with E_QUEUE_UNREACHABLE, and its password never printed', async () => {
    const spec = writeSpec(root, 'lone')
    const url = `redis://:hunter2-secret-pw@127.0.0.1:${await freePort()}`
    const run = await runCli(['batch', spec], { cwd: root, env: { REDIS_URL: url } })
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(/E_QUEUE_UNREACHABLE|cannot reach Redis/)
    expect(run.stderr + run.stdout).not.toContain('hunter2-secret-pw')
  })
})

describe.skipIf(redisMissing !== undefined)(`vimax batch with bad specs${redisMissing ? ` (skipped: ${redisMissing})` : ''}`, () => {
  let redis: RedisTestServer
  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('one malformed spec in a list of three: exit 2 naming it, and nothing is queued — not even the two good films', async () => {
    const env = { REDIS_URL: redis.url }
    const dir = path.join(root, 'three')
    mkdirSync(dir, { recursive: true })
    const good = [writeSpec(dir, 'first'), writeSpec(dir, 'third')]
    const bad = path.join(dir, 'second.yaml')
    writeFileSync(bad, 'title: Broken\naspect_ratio: "1:1"\nscenes: 7\n')
    const run = await runCli(['batch', good[0]!, bad, good[1]!, '--json'], { cwd: dir, env })
    expect(run.code, run.stderr).toBe(2)
    const error = errorOf(run.stdout)
    expect(error.code).toBe('E_BATCH_SPECS')
    expect(error.message).toMatch(/^1 of 3 specs cannot be queued; nothing was queued$/)
    expect(error.details?.join('\n')).toContain('second.yaml')
    expect(error.details?.join('\n')).not.toContain('first.yaml')
    const status = await batchStatus(dir, env)
    expect(status.counts).toEqual({ queued: 0, active: 0, done: 0, failed: 0 })
    expect(status.films).toEqual([])
  })

  it('two specs with the same file name would write one folder: exit 2, nothing queued', async () => {
    const env = { REDIS_URL: redis.url }
    const a = path.join(root, 'a')
    const b = path.join(root, 'b')
    mkdirSync(a, { recursive: true })
    mkdirSync(b, { recursive: true })
    const run = await runCli(['batch', writeSpec(a, 'same'), writeSpec(b, 'same'), '--json'], { cwd: root, env })
    expect(run.code, run.stderr).toBe(2)
    expect(errorOf(run.stdout).details?.join('\n')).toMatch(/b\/same\.yaml: writes .*same, as a\/same\.yaml does/)
    expect((await batchStatus(root, env)).films).toEqual([])
  })

  it('a malformed --output s3:// URL: exit 2 naming --output', async () => {
    const run = await runCli(['batch', writeSpec(root, 'lone'), '--output', 's3://No_Such_Bucket!', '--json'], { cwd: root, env: { REDIS_URL: redis.url } })
    expect(run.code, run.stderr).toBe(2)
    const error = errorOf(run.stdout)
    expect(error.code).toBe('E_CACHE_S3_URL')
    expect(error.message).toMatch(/^--output: /)
  })
})
