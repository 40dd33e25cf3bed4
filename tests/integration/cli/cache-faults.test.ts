import { readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
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
