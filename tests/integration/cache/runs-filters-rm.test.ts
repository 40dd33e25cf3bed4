import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cachePruneCommand } from '../../../src/cli/commands/cache-prune.js'
import { cacheStatsCommand } from '../../../src/cli/commands/cache-stats.js'
import { runsRmCommand } from '../../../src/cli/commands/runs-rm.js'
import { runsCommand, runsShowCommand } from '../../../src/cli/commands/runs.js'
import { reportCommand } from '../../../src/cli/commands/report.js'
import { exitCodeFor } from '../../../src/cli/exit-code.js'
import { ConfigError } from '../../../src/errors.js'
import type { RunStatus } from '../../../src/ledger/ledger-types.js'
import { openLedger } from '../../../src/ledger/open-ledger.js'
import { buildFixtureCache, captureIo, DAY, NOW } from './fixture-cache.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0

/** Runs of two specs, each status, on days 10, 8, 6, 4 and 2 before NOW; ids share the prefix "2025". */
function ledgerWithRuns(): { cacheDir: string; ids: Record<string, string> } {
  const cacheDir = path.join(root, `ledger-${++n}`)
  let clock = NOW - 10 * DAY
  const ledger = openLedger(path.join(cacheDir, 'vimax.db'), { warn: (m) => { throw new Error(m) }, now: () => clock })
  const ids: Record<string, string> = {}
  const runs: Array<[string, string, RunStatus]> = [
    ['old-a', '/home/me/films/a.yaml', 'complete'],
    ['failed-b', '/home/me/films/b.yaml', 'failed'],
    ['interrupted-a', '/home/me/films/a.yaml', 'interrupted'],
    ['complete-b', '/home/me/films/b.yaml', 'complete'],
    ['running-a', '/home/me/films/a.yaml', 'running'],
  ]
  for (const [name, specPath, status] of runs) {
    const id = ledger.startRun({ specPath, outputDir: `/out/${name}` })
    ledger.recordCall(
      { type: 'call:end', callId: 1, kind: 'image', provider: 'offline', model: 'cards', subject: 'shot 1.1', cached: false, resumed: false, ms: 10, queuedMs: 0,
        attempts: 1, requestId: undefined, costUsd: 0.04, savedUsd: undefined, endedAt: clock, bytes: 10, cacheKey: `key-${name}`, error: undefined },
      id,
    )
    if (status !== 'running') ledger.finishRun(id, { status })
    ids[name] = id
    clock += 2 * DAY
  }
  ledger.close()
  return { cacheDir, ids }
}

const listed = async (flags: Parameters<typeof runsCommand>[0]) => {
  const io = captureIo(root)
  expect(await runsCommand({ ...flags, json: true, now: () => NOW }, io)).toBe(0)
  return (JSON.parse(io.out()) as { id: string }[]).map((run) => run.id)
}
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure') }, (error: unknown) => error as ConfigError)

describe('vimax runs filters', () => {
  it('--status, --spec (a path or a file name) and --since narrow the list, and combine', async () => {
    const { cacheDir, ids } = ledgerWithRuns()
    expect(await listed({ cacheDir, status: 'failed' })).toEqual([ids['failed-b']])
    expect(await listed({ cacheDir, status: 'complete' })).toEqual([ids['complete-b'], ids['old-a']])
    expect(await listed({ cacheDir, spec: 'a.yaml' })).toEqual([ids['running-a'], ids['interrupted-a'], ids['old-a']])
    expect(await listed({ cacheDir, spec: 'films/b.yaml' })).toEqual([ids['complete-b'], ids['failed-b']])
    expect(await listed({ cacheDir, spec: '/home/me/films/b.yaml' })).toEqual([ids['complete-b'], ids['failed-b']])
    expect(await listed({ cacheDir, since: '5d' })).toEqual([ids['running-a'], ids['complete-b']])
    expect(await listed({ cacheDir, since: new Date(NOW - 7 * DAY).toISOString() })).toEqual([ids['running-a'], ids['complete-b'], ids['interrupted-a']])
    expect(await listed({ cacheDir, spec: 'a.yaml', since: '7d', status: 'interrupted' })).toEqual([ids['interrupted-a']])
    const io = captureIo(root)
    await runsCommand({ cacheDir, status: 'failed', spec: 'a.yaml' }, io)
    expect(io.out()).toMatch(/^no runs match those filters in /)
  })

  it('refuses a --since or --status it cannot read (exit 2)', async () => {
    const { cacheDir } = ledgerWithRuns()
    const since = await failure(runsCommand({ cacheDir, since: 'last tuesday' }, captureIo(root)))
    expect(since.code).toBe('E_USAGE')
    expect(since.message).toMatch(/--since: expected a date/)
    expect(exitCodeFor(since)).toBe(2)
    const status = await failure(runsCommand({ cacheDir, status: 'faild' as never }, captureIo(root)))
    expect(status.hint).toMatch(/did you mean --status failed\?/)
  })
})

describe('ambiguous run ids', () => {
  it('runs show, runs rm and report name every candidate of an ambiguous prefix (exit 2)', async () => {
    const { cacheDir, ids } = ledgerWithRuns()
    for (const attempt of [
      runsShowCommand('2025', { cacheDir }, captureIo(root)),
      runsRmCommand(['2025'], { cacheDir, yes: true }, captureIo(root)),
      reportCommand('2025', { cacheDir }, captureIo(root)),
    ]) {
      const error = await failure(attempt)
      expect(error.code).toBe('E_RUN_AMBIGUOUS')
      expect(error.message).toMatch(/"2025" is ambiguous/)
      expect(error.details).toEqual(expect.arrayContaining(Object.values(ids).map((id) => `candidate: ${id}`)))
      expect(error.data).toMatchObject({ candidates: expect.arrayContaining(Object.values(ids)) })
      expect(exitCodeFor(error)).toBe(2)
    }
    expect(await listed({ cacheDir })).toHaveLength(5)
  })
})

describe('vimax runs rm', () => {
  it('deletes the named runs and their calls from the ledger, never the cache', async () => {
    const cacheDir = path.join(root, `cache-${++n}`)
    const { runIds } = await buildFixtureCache(cacheDir)
    const before = captureIo(root)
    await cacheStatsCommand({ cacheDir, json: true }, before)
    const io = captureIo(root)
    expect(await runsRmCommand([runIds[0]!.slice(0, -2)], { cacheDir, yes: true, json: true }, io)).toBe(0)
    expect(JSON.parse(io.out())).toEqual({ deleted_runs: 1, deleted_calls: 5, run_ids: [runIds[0]] })
    expect(await listed({ cacheDir })).toEqual([runIds[1]])
    const after = captureIo(root)
    await cacheStatsCommand({ cacheDir, json: true }, after)
    expect(JSON.parse(after.out()).kinds).toEqual(JSON.parse(before.out()).kinds)
  })

  it('--before deletes every finished run started before it, and keeps a running one', async () => {
    const { cacheDir, ids } = ledgerWithRuns()
    const io = captureIo(root)
    expect(await runsRmCommand([], { cacheDir, before: '1d', yes: true, now: () => NOW }, io)).toBe(0)
    expect(io.out()).toBe('deleted 4 runs and 4 calls from the ledger; the cache is unchanged\n')
    expect(await listed({ cacheDir })).toEqual([ids['running-a']])
  })

  it('asks first, or needs --yes; a no, an unknown id or no target deletes nothing', async () => {
    const { cacheDir, ids } = ledgerWithRuns()
    const refused = await failure(runsRmCommand([ids['old-a']!], { cacheDir }, captureIo(root)))
    expect(refused.code).toBe('E_USAGE')
    expect(refused.hint).toMatch(/--yes/)
    const questions: string[] = []
    await runsRmCommand([ids['old-a']!], { cacheDir }, captureIo(root), { confirm: async (q) => (questions.push(q), false) })
    expect(questions[0]).toMatch(/^Delete 1 run from the ledger in .* \(the cache is not touched\)\?$/)
    const unknown = await failure(runsRmCommand([ids['old-a']!, 'nope'], { cacheDir, yes: true }, captureIo(root)))
    expect(unknown.code).toBe('E_RUN_NOT_FOUND')
    expect((await failure(runsRmCommand([], { cacheDir, yes: true }, captureIo(root)))).code).toBe('E_USAGE')
    expect(await listed({ cacheDir })).toHaveLength(5)
  })
})

describe('one JSON style', () => {
  it('runs --json and runs show --json use snake_case and ISO 8601 times, keeping the 0.1 names', async () => {
    const { cacheDir, ids } = ledgerWithRuns()
    const io = captureIo(root)
    await runsCommand({ cacheDir, json: true, status: 'failed' }, io)
    const [run] = JSON.parse(io.out()) as Record<string, unknown>[]
    expect(run).toMatchObject({
      id: ids['failed-b'],
      spec_path: '/home/me/films/b.yaml',
      status: 'failed',
      started_at: new Date(NOW - 8 * DAY).toISOString(),
      finished_at: new Date(NOW - 8 * DAY).toISOString(),
      output_dir: '/out/failed-b',
      cost_usd: 0.04,
      saved_usd: 0,
      // Deprecated, removed in 0.2 (README "JSON output").
      specPath: '/home/me/films/b.yaml',
      startedAt: NOW - 8 * DAY,
      costUsd: 0.04,
    })
    const show = captureIo(root)
    await runsShowCommand(ids['failed-b']!, { cacheDir, json: true }, show)
    const detail = JSON.parse(show.out()) as { run: Record<string, unknown>; calls: Record<string, unknown>[] }
    expect(detail.run.started_at).toBe(new Date(NOW - 8 * DAY).toISOString())
    expect(detail.calls[0]).toMatchObject({ run_id: ids['failed-b'], cache_key: 'key-failed-b', latency_ms: 10, cost_usd: 0.04, started_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })
  })

  it('cache prune --json and cache stats --json use snake_case, keeping the 0.1 names', async () => {
    const cacheDir = path.join(root, `cache-${++n}`)
    await buildFixtureCache(cacheDir)
    const prune = captureIo(root)
    await cachePruneCommand({ cacheDir, olderThan: '30d', dryRun: true, json: true, now: () => NOW }, prune)
    const summary = JSON.parse(prune.out())
    expect(summary).toMatchObject({ dry_run: true, freed_bytes: expect.any(Number), remaining_bytes: expect.any(Number), reasons: { older_than: 1 } })
    expect(summary.freedBytes).toBe(summary.freed_bytes)
    const stats = captureIo(root)
    await cacheStatsCommand({ cacheDir, json: true }, stats)
    const parsed = JSON.parse(stats.out())
    expect(parsed).toMatchObject({ cache_dir: cacheDir, total_bytes: expect.any(Number), hit_rate: { runs: 2, spent_usd: 0.1, saved_usd: 0.1 } })
    expect(existsSync(cacheDir)).toBe(true)
  })
})
