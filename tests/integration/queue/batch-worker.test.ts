import { existsSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisMissing, startRedisServer, type RedisTestServer } from '../../support/redis-server.js'
import { runCli, tempDir } from '../../support/run-cli.js'
import { batchStatus, workerName, writeSpec } from './queue-fixtures.js'

const root = tempDir('vimax-queue-')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe.skipIf(redisMissing !== undefined)(`batches over BullMQ${redisMissing ? ` (skipped: ${redisMissing})` : ''}`, () => {
  let redis: RedisTestServer
  let env: NodeJS.ProcessEnv
  beforeAll(async () => {
    redis = await startRedisServer()
    env = { REDIS_URL: redis.url, VIMAX_CACHE_DIR: path.join(root, 'cache') }
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('a batch of two specs made by one worker: both films done, and status --json shows each output and worker', async () => {
    const specs = [writeSpec(root, 'alpha'), writeSpec(root, 'beta')]
    const queued = await runCli(['batch', ...specs, '--profile', 'offline', '--output', 'films', '--json'], { cwd: root, env })
    expect(queued.code, queued.stderr).toBe(0)
    const added = JSON.parse(queued.stdout) as { films: { id: string; state: string; output: string }[] }
    expect(added.films.map((film) => [film.state, film.output])).toEqual([
      ['queued', path.join(root, 'films', 'alpha')],
      ['queued', path.join(root, 'films', 'beta')],
    ])

    const before = await batchStatus(root, env)
    expect(before.counts).toEqual({ queued: 2, active: 0, done: 0, failed: 0 })

    const worker = await runCli(['worker', '--until-empty', '--json'], { cwd: root, env })
    expect(worker.code, worker.stderr).toBe(0)
    const name = workerName(worker.stderr)
    expect(name).toMatch(/:\d+$/)
    const events = worker.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; worker: string; result?: { film: string } })
    expect(events.map((event) => event.event)).toEqual(['start', 'done', 'start', 'done'])
    expect(events.every((event) => event.worker === name)).toBe(true)

    const after = await batchStatus(root, env)
    expect(after.counts).toEqual({ queued: 0, active: 0, done: 2, failed: 0 })
    for (const film of after.films) {
      expect(film.state).toBe('done')
      expect(film.worker).toBe(name)
      expect(film.film).toBe(path.join(film.output, 'film.mp4'))
      expect(existsSync(film.film!)).toBe(true)
      expect(film.film_bytes).toBe(statSync(film.film!).size)
    }
    expect(after.films.map((film) => path.basename(film.spec))).toEqual(['alpha.yaml', 'beta.yaml'])
  })

  it('queuing the same films again adds no job: the id comes from the spec bytes, output and profile', async () => {
    const specs = [path.join(root, 'alpha.yaml'), path.join(root, 'beta.yaml')]
    const again = await runCli(['batch', ...specs, '--profile', 'offline', '--output', 'films'], { cwd: root, env })
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toMatch(/^0 of 2 films queued/)
    expect(again.stdout).toMatch(/already made/)
    expect((await batchStatus(root, env)).counts).toEqual({ queued: 0, active: 0, done: 2, failed: 0 })
    // A changed spec is a new film.
    writeSpec(root, 'alpha', 2)
    const changed = await runCli(['batch', specs[0]!, '--profile', 'offline', '--output', 'films', '--json'], { cwd: root, env })
    expect((JSON.parse(changed.stdout) as { films: { state: string }[] }).films[0]?.state).toBe('queued')
    expect((await batchStatus(root, env)).counts.queued).toBe(1)
  })

  it('doctor shows the queue: depth by state and no worker seen while none runs', async () => {
    const doctor = await runCli(['doctor', '--offline', '--json'], { cwd: root, env })
    const checks = (JSON.parse(doctor.stdout) as { checks: { name: string; ok: boolean; detail: string; hint?: string }[] }).checks
    const row = checks.find((check) => check.name === 'film queue')
    expect(row?.ok).toBe(true)
    expect(row?.detail).toMatch(/^1 queued · 0 active · 2 done · 0 failed · no workers seen in the last minute$/)
    expect(row?.hint).toMatch(/vimax worker/)
  })
})
