import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openCacheStores } from '../../../src/cache/open-cache.js'
import { cacheClearCommand } from '../../../src/cli/commands/cache-clear.js'
import { cachePruneCommand } from '../../../src/cli/commands/cache-prune.js'
import { cacheStatsCommand } from '../../../src/cli/commands/cache-stats.js'
import { runsCommand, runsShowCommand } from '../../../src/cli/commands/runs.js'
import { exitCodeFor } from '../../../src/cli/exit-code.js'
import { ConfigError } from '../../../src/errors.js'
import { buildFixtureCache, captureIo, DAY, NOW } from './fixture-cache.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
async function fixture() {
  const cacheDir = path.join(root, `cache-${++n}`)
  return { cacheDir, ...(await buildFixtureCache(cacheDir)) }
}

/** Every file under the cache folder, to prove a command left it untouched. */
function snapshot(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => !name.includes('-wal') && !name.includes('-shm')).sort()
}
const recordCount = async (cacheDir: string) => {
  const stores = await openCacheStores({ cacheDir, warn: () => undefined })
  const count = (await stores.records.list()).length
  await stores.close()
  return count
}

describe('vimax cache stats', () => {
  it('prints entries and sizes per kind, orphans and the hit rate', async () => {
    const { cacheDir } = await fixture()
    const io = captureIo(root)
    expect(await cacheStatsCommand({ cacheDir }, io)).toBe(0)
    const text = io.out()
    expect(text).toMatch(/^chat\s+5\s/m)
    expect(text).toMatch(/^image\s+3\s/m)
    expect(text).toMatch(/^\s+orphans\s+1\s/m)
    expect(text).toMatch(/^temp files\s+1\s/m)
    expect(text).toMatch(/hit rate over the last 2 runs: 50% \(5 of 10 calls from the cache\)/)
    expect(text).toMatch(/money over those runs \(estimated\): \$0\.10 spent, \$0\.10 saved by cache hits/)
    expect(io.err()).toBe('')
  })

  it('--json gives the same numbers to scripts', async () => {
    const { cacheDir } = await fixture()
    const io = captureIo(root)
    await cacheStatsCommand({ cacheDir, json: true }, io)
    const stats = JSON.parse(io.out())
    expect(stats.kinds.chat.entries).toBe(5)
    expect(stats.kinds.image.entries).toBe(3)
    expect(stats.blobs.count).toBe(4)
    expect(stats.orphans.count).toBe(1)
    expect(stats.hitRate).toMatchObject({ runs: 2, calls: 10, cached: 5 })
  })

  it('reads a folder that does not exist as empty, and creates nothing', async () => {
    const cacheDir = path.join(root, 'never-used')
    const io = captureIo(root)
    expect(await cacheStatsCommand({ cacheDir }, io)).toBe(0)
    expect(io.out()).toMatch(/nothing cached yet/)
    expect(existsSync(cacheDir)).toBe(false)
  })
})

describe('vimax cache prune', () => {
  it('--dry-run reports what would go and changes nothing', async () => {
    const { cacheDir } = await fixture()
    const before = snapshot(cacheDir)
    const io = captureIo(root)
    await cachePruneCommand({ cacheDir, olderThan: '30d', dryRun: true, now: () => NOW }, io)
    expect(io.out()).toMatch(/^would delete 1 record, 2 blobs, 1 temp file: .* freed, .* left \(dry run: nothing deleted\)$/m)
    expect(snapshot(cacheDir)).toEqual(before)
    expect(await recordCount(cacheDir)).toBe(8)
  })

  it('--older-than deletes stale records, their blobs, orphans and stale temps', async () => {
    const { cacheDir } = await fixture()
    const io = captureIo(root)
    expect(await cachePruneCommand({ cacheDir, olderThan: '30d', json: true, now: () => NOW }, io)).toBe(0)
    const result = JSON.parse(io.out())
    // The image from 38 days ago and its blob, the orphan, the temp file. The chat answers written
    // 35 and 40 days ago stay: the ledger saw every chat key asked for 1–2 days ago.
    expect(result).toMatchObject({ dryRun: false, records: 1, blobs: 2, temps: 1, reasons: { olderThan: 1 } })
    expect(await recordCount(cacheDir)).toBe(7)
    expect(readdirSync(path.join(cacheDir, 'tmp'))).toEqual([])
    expect(readdirSync(path.join(cacheDir, 'blobs', 'ee'))).toEqual([])
  })

  it('without the ledger, a record\'s own lastUsedAt decides', async () => {
    const { cacheDir } = await fixture()
    rmSync(path.join(cacheDir, 'vimax.db'))
    const io = captureIo(root)
    await cachePruneCommand({ cacheDir, olderThan: '30d', json: true, now: () => NOW }, io)
    expect(JSON.parse(io.out())).toMatchObject({ records: 3, reasons: { olderThan: 3 } })
    expect(await recordCount(cacheDir)).toBe(5)
  })

  it('--max-size brings the cache under the limit, least recently used first', async () => {
    const { cacheDir } = await fixture()
    const io = captureIo(root)
    await cachePruneCommand({ cacheDir, maxSize: '6KB', json: true, now: () => NOW }, io)
    const result = JSON.parse(io.out())
    expect(result.remainingBytes).toBeLessThanOrEqual(6 * 1024)
    const stats = captureIo(root)
    await cacheStatsCommand({ cacheDir, json: true }, stats)
    expect(JSON.parse(stats.out()).totalBytes).toBeLessThanOrEqual(6 * 1024)
    // The most recently used image (1 day) is kept over the older ones.
    expect(JSON.parse(stats.out()).kinds.image.entries).toBeGreaterThanOrEqual(1)
  })

  it('refuses --max-size banana as a usage error (exit 2) before touching anything', async () => {
    const { cacheDir } = await fixture()
    const error = await cachePruneCommand({ cacheDir, maxSize: 'banana' }, captureIo(root)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('E_USAGE')
    expect(exitCodeFor(error)).toBe(2)
    const late = await cachePruneCommand({ cacheDir, olderThan: 'soon' }, captureIo(root)).catch((e: unknown) => e)
    expect((late as ConfigError).code).toBe('E_USAGE')
  })

  it('prints a human summary', async () => {
    const { cacheDir } = await fixture()
    const io = captureIo(root)
    await cachePruneCommand({ cacheDir, now: () => NOW + 10 * DAY }, io)
    expect(io.out()).toMatch(/^deleted 0 records, 1 blob, 1 temp file: \d+ B freed, [\d.]+ KB left$/m)
  })
})

describe('vimax cache clear', () => {
  it('refuses without --yes when nobody can be asked (exit 2, with a hint)', async () => {
    const { cacheDir } = await fixture()
    const error = await cacheClearCommand({ cacheDir }, captureIo(root)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(exitCodeFor(error)).toBe(2)
    expect((error as ConfigError).hint).toMatch(/--yes/)
    expect(await recordCount(cacheDir)).toBe(8)
  })

  it('--kind image --yes clears images and their blobs only', async () => {
    const { cacheDir } = await fixture()
    const io = captureIo(root)
    expect(await cacheClearCommand({ cacheDir, kind: 'image', yes: true, json: true }, io, { now: () => NOW })).toBe(0)
    expect(JSON.parse(io.out())).toMatchObject({ kinds: ['image'], records: 3, blobs: 4 })
    const stats = captureIo(root)
    await cacheStatsCommand({ cacheDir, json: true }, stats)
    expect(JSON.parse(stats.out()).kinds).toMatchObject({ chat: { entries: 5 }, image: { entries: 0 } })
  })

  it('asks when it can, and does nothing on no', async () => {
    const { cacheDir } = await fixture()
    const io = captureIo(root)
    const questions: string[] = []
    await cacheClearCommand({ cacheDir }, io, { confirm: async (q) => (questions.push(q), false) })
    expect(questions[0]).toMatch(/^Delete every cached result in /)
    expect(await recordCount(cacheDir)).toBe(8)
    await cacheClearCommand({ cacheDir }, io, { confirm: async () => true })
    expect(await recordCount(cacheDir)).toBe(0)
    expect(io.out()).toMatch(/^cleared 8 records and 4 blobs: .* freed$/m)
  })

  it('suggests the kind a typo meant', async () => {
    const error = await cacheClearCommand({ cacheDir: root, kind: 'imgae', yes: true }, captureIo(root)).catch((e: unknown) => e)
    expect((error as ConfigError).hint).toMatch(/--kind image/)
  })
})

describe('vimax runs', () => {
  it('lists recent runs newest first, human and --json', async () => {
    const { cacheDir, runIds } = await fixture()
    const io = captureIo(root)
    await runsCommand({ cacheDir }, io)
    const lines = io.out().trim().split('\n')
    expect(lines[0]).toMatch(/^id\s+started\s+status\s+took\s+calls\s+cached\s+errors\s+spent\s+saved\s+spec$/)
    expect(lines[1]).toContain(runIds[1])
    expect(lines[1]).toMatch(/complete\s+1m00s\s+5\s+5\s+0\s+\$0\.00\s+\$0\.10\s+examples\/idea\.yaml/)
    expect(lines[2]).toMatch(/\$0\.10\s+\$0\.00/)
    const json = captureIo(root)
    await runsCommand({ cacheDir, limit: 1, json: true }, json)
    expect(JSON.parse(json.out()).map((run: { id: string }) => run.id)).toEqual([runIds[1]])
  })

  it('shows one run with its calls, by a unique id prefix', async () => {
    const { cacheDir, runIds } = await fixture()
    const io = captureIo(root)
    await runsShowCommand(runIds[0]!, { cacheDir }, io)
    expect(io.out()).toMatch(new RegExp(`^run ${runIds[0]}: complete`))
    expect(io.out()).toMatch(/^\s*1\s+chat\s+scene 1\s+scripted:chat-1\s+ok\s+900 ms/m)
    const json = captureIo(root)
    await runsShowCommand(runIds[0]!, { cacheDir, json: true }, json)
    expect(JSON.parse(json.out()).calls).toHaveLength(5)
  })

  it('says so when there are no runs, and refuses an unknown id', async () => {
    const io = captureIo(root)
    await runsCommand({ cacheDir: path.join(root, 'empty') }, io)
    expect(io.out()).toMatch(/^no runs recorded in /)
    const error = await runsShowCommand('nope', { cacheDir: path.join(root, 'empty') }, captureIo(root)).catch((e: unknown) => e)
    expect((error as ConfigError).code).toBe('E_RUN_NOT_FOUND')
    const limit = await runsCommand({ cacheDir: root, limit: '0' }, captureIo(root)).catch((e: unknown) => e)
    expect((limit as ConfigError).code).toBe('E_USAGE')
  })
})
