import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const SPEC = `
scenes:
  - shots:
      - { shot_id: 1, first_frame: A map on a table., video_prompt: Slow push in. }
      - { shot_id: 2, first_frame: A compass needle spins., video_prompt: Static close-up. }
`
type Summary = { calls: Record<string, number>; cached: Record<string, number> }

async function run(name: string) {
  const spec = path.join(dir, 'map.yaml')
  writeFileSync(spec, SPEC)
  const result = await runCli(['generate', spec, '-o', path.join(dir, `out-${name}`), '--json'], { env: { VIMAX_CACHE_DIR: path.join(dir, name) } })
  expect(result.code, result.stderr).toBe(0)
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
  return { summary: JSON.parse(result.stdout) as Summary, stderr: result.stderr }
}

describe('a damaged cache never breaks a run and is never served', () => {
  it('garbage in cache.sqlite and vimax.db: both moved aside with a warning, the run goes on', async () => {
    await run('garbage')
    writeFileSync(path.join(dir, 'garbage', 'cache.sqlite'), 'not a database '.repeat(500))
    writeFileSync(path.join(dir, 'garbage', 'vimax.db'), 'not a ledger '.repeat(500))
    const { summary, stderr } = await run('garbage')
    expect(stderr).toMatch(/cache\.sqlite was damaged.*moved it/)
    expect(stderr).toMatch(/vimax\.db/)
    expect(summary.calls.video).toBe(2) // the records were lost, so the work is redone — never a crash
    const names = readdirSync(path.join(dir, 'garbage'))
    expect(names.some((name) => name.startsWith('cache.sqlite.corrupt-'))).toBe(true)
    expect(names.some((name) => name.startsWith('vimax.db.corrupt-'))).toBe(true)
  })

  it('a truncated clip blob is a miss, reported, and regenerated; the rest is served', async () => {
    await run('truncated')
    const blobs = path.join(dir, 'truncated', 'blobs')
    const clips = readdirSync(blobs, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.mp4'))
    expect(clips.length).toBeGreaterThan(0)
    for (const clip of clips) truncateSync(path.join(clip.parentPath, clip.name), 100)
    const { summary, stderr } = await run('truncated')
    expect(stderr).toMatch(/missing or damaged; regenerating/)
    expect(summary.calls.image).toBe(0)
    expect(summary.calls.video).toBe(2)
  })
})

describe('a cache that cannot store media', () => {
  it('blob folder unusable: the run completes uncached with one warning', async () => {
    await run('noblobs') // creates the cache
    rmSync(path.join(dir, 'noblobs', 'blobs'), { recursive: true, force: true })
    writeFileSync(path.join(dir, 'noblobs', 'blobs'), 'in the way')
    rmSync(path.join(dir, 'noblobs', 'cache.sqlite'), { force: true }) // forget the records: every result is new
    const { summary, stderr } = await run('noblobs')
    expect(summary.calls.video).toBe(2)
    expect(stderr.match(/could not store/g)?.length ?? 0).toBeGreaterThanOrEqual(1)
    expect(stderr.match(/could not store a video/g)?.length ?? 0).toBeLessThanOrEqual(1) // warned once, not per shot
  })

  const mounted = tryMountTinyDisk(path.join(dir, 'full'))
  it.skipIf(!mounted)('a full disk while writing blobs: the run completes, warns, and leaves no half-written blob', async () => {
    try {
      const { stderr } = await run('full')
      expect(stderr).toMatch(/disk is full/i)
      for (const entry of readdirSync(path.join(dir, 'full'), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.parentPath.includes(`${path.sep}blobs${path.sep}`)) continue
        const bytes = readFileSync(path.join(entry.parentPath, entry.name))
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.name.split('.')[0])
      }
    } finally {
      execFileSync('umount', [path.join(dir, 'full')])
    }
  })
})

/** A 256 KB tmpfs, so the disk really fills mid-run; needs root (as on the CI machines), else the test is skipped. */
function tryMountTinyDisk(target: string): boolean {
  try {
    mkdirSync(target, { recursive: true })
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', target], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
