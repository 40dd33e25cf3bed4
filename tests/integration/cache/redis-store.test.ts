import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ledgerCalls } from '../../support/ledger-calls.js'
import { freePort, redisMissing, startRedisServer, type RedisTestServer } from '../../support/redis-server.js'
import { ROOT, runCli, tempDir } from '../../support/run-cli.js'

/** An idea stopped after its script: chat calls only, so every result lives in the record store (no blobs). */
const SPEC = path.join(ROOT, 'examples', 'lighthouse-idea.yaml')
const PASSWORD = 'correct-horse-battery-staple-42'

const root = tempDir()
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const fresh = (name: string) => path.join(root, `${name}-${++n}`)

/** A working folder whose vimax.config.yaml names the store, as a team would commit it. */
function project(config: string): string {
  const dir = fresh('project')
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'vimax.config.yaml'), config)
  return dir
}

const generate = (cwd: string, cacheDir: string, env: NodeJS.ProcessEnv = {}) =>
  runCli(['generate', SPEC, '-o', path.join(cacheDir, 'out'), '--offline', '--stop-after', 'script', '--cache-dir', cacheDir], { cwd, env: { REDIS_URL: '', ...env } })
/** Calls the run paid for (not served from the cache). */
const paid = (cacheDir: string) => ledgerCalls(cacheDir).filter((call) => call.cached === 0).length

/** Every file's text under a folder, for a secret that must appear in none. */
function allText(dir: string): string {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => {
      try {
        return readFileSync(path.join(dir, name)).toString('latin1')
      } catch {
        return '' // a folder
      }
    })
    .join('\n')
}

describe.skipIf(redisMissing !== undefined)(`records on Redis${redisMissing ? ` (skipped: ${redisMissing})` : ''}`, () => {
  let redis: RedisTestServer
  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('a second machine (a fresh cache folder) pointed at the same cache.store makes zero calls', async () => {
    const cwd = project(`cache:\n  store: ${redis.url}\n`)
    const first = fresh('machine-a')
    const runA = await generate(cwd, first)
    expect(runA.code, runA.stderr).toBe(0)
    expect(runA.stderr).not.toMatch(/warning/)
    expect(paid(first)).toBeGreaterThan(0)
    expect(Number(await redis.command('HLEN', 'vimax:meta'))).toBe(paid(first))

    const second = fresh('machine-b')
    const runB = await generate(cwd, second)
    expect(runB.code, runB.stderr).toBe(0)
    expect(ledgerCalls(second).length).toBe(paid(first))
    expect(paid(second)).toBe(0)
  })

  it('an expired record is a miss: a lifetime shorter than the records’ age (VIMAX_CACHE_TTL) makes the calls again', async () => {
    await redis.command('FLUSHALL')
    const cwd = project(`cache:\n  store: ${redis.url}\n  ttl: { chat: 30d, video: 180d }\n`)
    const first = fresh('ttl-a')
    expect((await generate(cwd, first)).code).toBe(0)
    const made = paid(first)
    // Written with the chat lifetime: Redis holds a TTL of about 30 days.
    const ttl = Number(await redis.command('PTTL', (await redis.command('KEYS', 'vimax::chat:*')).split('\n')[0]!))
    expect(ttl).toBeGreaterThan(29 * 86_400_000)
    const again = fresh('ttl-b')
    const run = await generate(cwd, again, { VIMAX_CACHE_TTL: 'chat=1ms' })
    expect(run.code, run.stderr).toBe(0)
    expect(paid(again)).toBe(made)
  })

  it('vimax cache stats, prune and clear work on the Redis store', async () => {
    await redis.command('FLUSHALL')
    const cwd = project(`cache:\n  store: ${redis.url}\n`)
    const cacheDir = fresh('maint')
    expect((await generate(cwd, cacheDir)).code).toBe(0)
    const chats = paid(cacheDir)
    const maint = (args: string[]) => runCli(['cache', ...args, '--cache-dir', fresh('elsewhere')], { cwd, env: { REDIS_URL: '' } })

    const stats = await maint(['stats', '--json'])
    expect(stats.code, stats.stderr).toBe(0)
    const parsed = JSON.parse(stats.stdout) as { backend: string; kinds: Record<string, { entries: number }> }
    expect(parsed.backend).toBe('redis')
    expect(parsed.kinds.chat!.entries).toBe(chats)

    const keep = await maint(['prune', '--older-than', '30d', '--json'])
    expect(keep.code, keep.stderr).toBe(0)
    expect(JSON.parse(keep.stdout).records).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const pruned = await maint(['prune', '--older-than', '1ms', '--json'])
    expect(pruned.code, pruned.stderr).toBe(0)
    expect(JSON.parse(pruned.stdout).records).toBe(chats)
    expect(Number(await redis.command('HLEN', 'vimax:meta'))).toBe(0)
    expect(await redis.command('KEYS', 'vimax::*')).toBe('')

    expect((await generate(cwd, fresh('refill'))).code).toBe(0)
    const cleared = await maint(['clear', '--kind', 'chat', '--yes', '--json'])
    expect(cleared.code, cleared.stderr).toBe(0)
    expect(JSON.parse(cleared.stdout).records).toBe(chats)
    expect(Number(await redis.command('HLEN', 'vimax:meta'))).toBe(0)
  })

  it('a malformed REDIS_URL is exit 2 naming the setting and the fix, without the password', async () => {
    const run = await generate(root, fresh('bad-url'), { REDIS_URL: `http://:${PASSWORD}@127.0.0.1:6379` })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/REDIS_URL: .*scheme "http"/)
    expect(run.stderr).toMatch(/hint: write it as redis:\/\/\[user:password@\]host/)
    expect(run.stdout + run.stderr).not.toContain(PASSWORD)
  })

  it('an unreachable Redis: the run completes uncached with exactly one warning; with cache.required: true it is exit 2', async () => {
    const port = await freePort()
    const url = `redis://:${PASSWORD}@127.0.0.1:${port}`
    const cacheDir = fresh('down')
    const run = await generate(root, cacheDir, { REDIS_URL: url })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr.match(/warning/g)).toHaveLength(1)
    expect(run.stderr).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`)
    expect(run.stdout + run.stderr).not.toContain(PASSWORD)

    const strict = await generate(project('cache:\n  required: true\n'), fresh('down-strict'), { REDIS_URL: url })
    expect(strict.code).toBe(2)
    expect(strict.stderr).toMatch(/REDIS_URL: cannot reach Redis .*cache\.required is true/)
    expect(strict.stdout + strict.stderr).not.toContain(PASSWORD)
  })

  it('the password never appears in any output, log, manifest or ledger; a wrong one is exit 2 naming the setting', async () => {
    const locked = await startRedisServer({ password: PASSWORD })
    try {
      const cwd = project(`cache:\n  store: ${locked.url}\n`)
      const cacheDir = fresh('locked')
      const logFile = path.join(cacheDir, 'run.log')
      mkdirSync(cacheDir, { recursive: true })
      const run = await runCli(['generate', SPEC, '-o', path.join(cacheDir, 'out'), '--offline', '--stop-after', 'script', '--cache-dir', cacheDir, '--log-file', logFile], { cwd, env: { REDIS_URL: '' } })
      expect(run.code, run.stderr).toBe(0)
      expect(paid(cacheDir)).toBeGreaterThan(0)
      const doctor = await runCli(['doctor', '--offline', '--json', '--cache-dir', cacheDir], { cwd, env: { REDIS_URL: '' } })
      const check = (JSON.parse(doctor.stdout) as { checks: { name: string; ok: boolean; detail: string }[] }).checks.find((entry) => entry.name === 'redis records')
      expect(check).toMatchObject({ ok: true, detail: expect.stringMatching(new RegExp(`^redis://127\\.0\\.0\\.1:${locked.port}: Redis \\d+\\.\\d+\\.\\d+ · PING [\\d.]+ ms$`)) })
      const stats = await runCli(['cache', 'stats', '--cache-dir', cacheDir], { cwd, env: { REDIS_URL: '' } })
      for (const output of [run.stdout, run.stderr, doctor.stdout, doctor.stderr, stats.stdout, stats.stderr, allText(cacheDir)]) expect(output).not.toContain(PASSWORD)

      const wrong = await generate(root, fresh('wrong'), { REDIS_URL: `redis://:not-the-${PASSWORD}@127.0.0.1:${locked.port}` })
      expect(wrong.code).toBe(2)
      expect(wrong.stderr).toMatch(/REDIS_URL: Redis at redis:\/\/127\.0\.0\.1:\d+ refused the credentials/)
      expect(wrong.stdout + wrong.stderr).not.toContain(PASSWORD)
      const none = await generate(root, fresh('none'), { REDIS_URL: `redis://127.0.0.1:${locked.port}` })
      expect(none.code).toBe(2)
      expect(none.stderr).toMatch(/NOAUTH/)
    } finally {
      await locked.stop()
    }
  })
})

describe.skipIf(redisMissing !== undefined)(`team setup: records on Redis, media in a bucket${redisMissing ? ` (skipped: ${redisMissing})` : ''}`, () => {
  it('a second machine with a fresh cache folder makes zero provider calls for a whole film, and gets the same film', async () => {
    const { startS3Server } = await import('../../support/s3-server.js')
    const [redis, s3] = await Promise.all([startRedisServer({ password: PASSWORD }), startS3Server(['team-films'])])
    try {
      const cwd = project(
        `cache:\n  store: ${redis.url}\n  blobs: s3://team-films/vimax\n  s3: { endpoint: "${s3.endpoint}", region: us-east-1, force_path_style: true }\n`,
      )
      // One shot, no cast, no sound: one image and one clip.
      writeFileSync(path.join(cwd, 'spec.yaml'), 'title: Team\naudio: false\nscenes:\n  - shots:\n      - { shot_id: 1, first_frame: A brass lamp on a desk., video_prompt: Slow push in. }\n')
      const film = async (machine: string) => {
        const cacheDir = fresh(machine)
        const out = path.join(cacheDir, 'out')
        const run = await runCli(['generate', 'spec.yaml', '-o', out, '--json', '--cache-dir', cacheDir], { cwd, env: { REDIS_URL: '', ...s3.env() } })
        expect(run.code, run.stderr).toBe(0)
        expect(run.stdout + run.stderr).not.toContain(PASSWORD)
        return { summary: JSON.parse(run.stdout) as { calls: Record<string, number> }, film: readFileSync(path.join(out, 'film.mp4')) }
      }
      const a = await film('team-a')
      expect(a.summary.calls.image! + a.summary.calls.video!).toBeGreaterThan(0)
      const b = await film('team-b')
      expect(b.summary.calls).toEqual({ chat: 0, image: 0, video: 0, speech: 0, music: 0 })
      expect(b.film.equals(a.film)).toBe(true)
    } finally {
      await Promise.all([redis.stop(), s3.close()])
    }
  })
})
