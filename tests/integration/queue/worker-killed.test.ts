import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ledgerCalls } from '../../support/ledger-calls.js'
import { redisMissing, startRedisServer, type RedisTestServer } from '../../support/redis-server.js'
import { runCli, tempDir } from '../../support/run-cli.js'
import { spawnCli } from '../../support/spawn-cli.js'
import { batchStatus, workerName, writeSpec } from './queue-fixtures.js'

const root = tempDir('vimax-queue-kill-')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe.skipIf(redisMissing !== undefined)(`a worker killed mid-film${redisMissing ? ` (skipped: ${redisMissing})` : ''}`, () => {
  let redis: RedisTestServer
  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('is replaced by a second worker that finishes the film from the cache: no call paid twice, the started video job resumed', async () => {
    // Records on the shared Redis, blobs and ledger in one folder both workers share (one machine);
    // a short lock so the dead worker's film is handed on within seconds; clips slow enough to kill during.
    const cacheDir = path.join(root, 'cache')
    const env = { REDIS_URL: redis.url, VIMAX_CACHE_DIR: cacheDir, VIMAX_QUEUE_LOCK: '3s', VIMAX_OFFLINE_LATENCY: 'video=8s' }
    const spec = writeSpec(root, 'gamma', 2)
    const queued = await runCli(['batch', spec, '--profile', 'offline', '-o', 'films'], { cwd: root, env })
    expect(queued.code, queued.stderr).toBe(0)

    const first = spawnCli(['worker'], { cwd: root, env })
    await first.waitFor(/frames 2\/2/, 120_000)
    // Killed once both clips' video jobs are started and recorded (`job:<key>` in the store), before either is done.
    const started = async () => (await redis.command('KEYS', 'vimax::job:*')).split('\n').filter(Boolean).length
    while ((await started()) < 2) await new Promise((resolve) => setTimeout(resolve, 100))
    first.child.kill('SIGKILL')
    expect((await first.exit()).signal).toBe('SIGKILL')
    const orphaned = await batchStatus(root, env)
    expect(orphaned.films.map((film) => film.state)).toEqual(['active'])
    // Killed without a goodbye: still counted as seen in the last minute, as doctor reports it.
    expect(orphaned.workers).toContain(workerName(first.stderr()))
    const paidByFirst = ledgerCalls(cacheDir).filter((call) => call.cached === 0 && call.resumed === 0)
    expect(paidByFirst.some((call) => call.kind === 'image')).toBe(true)
    expect(paidByFirst.some((call) => call.kind === 'video')).toBe(false)

    const second = await runCli(['worker', '--until-empty'], { cwd: root, env })
    expect(second.code, second.stderr).toBe(0)
    const status = await batchStatus(root, env)
    expect(status.counts).toEqual({ queued: 0, active: 0, done: 1, failed: 0 })
    const [film] = status.films
    expect(film?.worker).toBe(workerName(second.stderr))
    expect(film?.worker).not.toBe(workerName(first.stderr()))
    expect(existsSync(film!.film!)).toBe(true)

    const calls = ledgerCalls(cacheDir)
    const paid = calls.filter((call) => call.cached === 0 && call.resumed === 0 && call.status === 'ok')
    const keys = paid.map((call) => `${call.kind} ${call.subject}`)
    expect(keys.length).toBeGreaterThan(0)
    expect(new Set(keys).size, `paid twice: ${keys.join(', ')}`).toBe(keys.length)
    const runs = [...new Set(calls.map((call) => call.run_id))]
    expect(runs).toHaveLength(2)
    const secondRun = calls.filter((call) => call.run_id === runs[1])
    // Everything the first worker finished came from the cache; its started video jobs were resumed, not bought again.
    expect(secondRun.filter((call) => call.kind === 'image').every((call) => call.cached === 1)).toBe(true)
    const videos = secondRun.filter((call) => call.kind === 'video')
    expect(videos.length).toBe(2)
    expect(videos.every((call) => call.resumed === 1 || call.cached === 1)).toBe(true)
    expect(videos.some((call) => call.resumed === 1)).toBe(true)
  })

  it('SIGTERM mid-film: the worker stops softly, puts the film back on the queue (not failed) and exits 130', async () => {
    await redis.command('FLUSHALL')
    const cacheDir = path.join(root, 'cache-term')
    const env = { REDIS_URL: redis.url, VIMAX_CACHE_DIR: cacheDir, VIMAX_OFFLINE_LATENCY: 'video=8s' }
    const queued = await runCli(['batch', writeSpec(root, 'epsilon'), '--profile', 'offline', '-o', 'films'], { cwd: root, env })
    expect(queued.code, queued.stderr).toBe(0)
    const worker = spawnCli(['worker'], { cwd: root, env })
    await worker.waitFor(/frames 1\/1/, 120_000)
    worker.child.kill('SIGTERM')
    const exit = await worker.exit()
    expect(exit.code, worker.stderr()).toBe(130)
    expect(worker.stderr()).toMatch(/epsilon\.yaml: stopped; back on the queue/)
    const status = await batchStatus(root, env)
    expect(status.counts).toEqual({ queued: 1, active: 0, done: 0, failed: 0 })
    expect(status.workers).toEqual([])
  })
})
