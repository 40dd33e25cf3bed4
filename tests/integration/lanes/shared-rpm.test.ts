import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisMissing, startRedisServer, type RedisTestServer } from '../../support/redis-server.js'
import Database from 'better-sqlite3'
import { ROOT, runCli } from '../../support/run-cli.js'

const dist = (file: string) => pathToFileURL(path.join(ROOT, 'dist', file)).href
const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
const RPM = 4
/** A short window stands in for the minute; the gate takes it as an option, the lanes do not care. */
const WINDOW_MS = 3_000
/** What a start's record may lag its admission on a loaded machine; the bound checked is the window less this. */
const SLACK_MS = 1_000

let redis: RedisTestServer | undefined
beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'cache', 'redis-rate-gate.js'))) throw new Error('dist/ is missing: run npm run build first (npm test does)')
  if (!redisMissing) redis = await startRedisServer()
})
afterAll(async () => {
  await redis?.stop()
  rmSync(root, { recursive: true, force: true })
})

/** One vimax process: its own lanes, its own event loop; prints the time each call started. */
function worker(calls: number, shared: boolean): Promise<{ code: number | null; stderr: string; starts: number[] }> {
  const script = `
    import { createLanes } from '${dist('pipeline/lanes.js')}'
    import { openRedisRateGate } from '${dist('cache/redis-rate-gate.js')}'
    import { parseRedisUrl } from '${dist('cache/redis-url.js')}'
    const gate = ${shared} ? await openRedisRateGate({ target: parseRedisUrl(${JSON.stringify(redis?.url ?? '')}, 'REDIS_URL'), warn: (m) => console.error('WARN ' + m), windowMs: ${WINDOW_MS} }) : undefined
    const lanes = createLanes({ limitsFor: () => ({ concurrency: 2, rpm: ${RPM} }), stop: new AbortController().signal, ...(gate && { gate }) })
    const lane = lanes.get('fake', 'image')
    const starts = await Promise.all(Array.from({ length: ${calls} }, () => lane.run(async () => {
      const at = Date.now()
      await new Promise((resolve) => setTimeout(resolve, 20))
      return at
    })))
    await gate?.close()
    console.log(JSON.stringify(starts))
  `
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    proc.on('error', reject)
    proc.on('close', (code) => resolve({ code, stderr, starts: code === 0 ? (JSON.parse(stdout) as number[]) : [] }))
  })
}

/** The most starts any window of `ms` holds. */
function busiest(starts: readonly number[], ms: number): number {
  const sorted = [...starts].sort((a, b) => a - b)
  let most = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

describe.skipIf(redisMissing)('a lane rpm shared through Redis', () => {
  it('holds across two processes: no window holds more than rpm starts from both together', async () => {
    const [a, b] = await Promise.all([worker(5, true), worker(5, true)])
    for (const run of [a, b]) {
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.starts).toHaveLength(5)
    }
    expect(busiest([...a.starts, ...b.starts], WINDOW_MS - SLACK_MS)).toBeLessThanOrEqual(RPM)
  })

  it('without the shared gate, each process keeps only its own count and together they pass rpm', async () => {
    // Each stays within RPM by itself (its queue's minute), so both finish at once: 2 × RPM starts.
    const [a, b] = await Promise.all([worker(RPM, false), worker(RPM, false)])
    expect(a.code).toBe(0)
    expect(b.code).toBe(0)
    expect(busiest([...a.starts, ...b.starts], WINDOW_MS - SLACK_MS)).toBeGreaterThan(RPM)
  })

  it('a run whose cache is on Redis counts its lane starts there, under a key apart from the records', async () => {
    const cwd = mkdtempSync(path.join(root, 'project-'))
    writeFileSync(path.join(cwd, 'vimax.config.yaml'), `cache:\n  store: ${redis!.url}\nproviders:\n  offline:\n    lanes:\n      image: { concurrency: 2, rpm: 100 }\n`)
    writeFileSync(path.join(cwd, 'spec.yaml'), 'title: Gate\naudio: false\nscenes:\n  - shots:\n      - { shot_id: 1, first_frame: A brass lamp on a desk., video_prompt: Slow push in. }\n')
    const cacheDir = path.join(cwd, 'cache')
    const run = await runCli(['generate', 'spec.yaml', '-o', path.join(cwd, 'out'), '--offline', '--stop-after', 'frames', '--cache-dir', cacheDir], { cwd, env: { REDIS_URL: '' } })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).not.toContain('rate limits')
    expect(Number(await redis!.command('ZCARD', 'vimax:rate:offline:image'))).toBeGreaterThan(0)
  })
})
