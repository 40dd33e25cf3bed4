import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openLedger } from '../../../src/ledger/open-ledger.js'
import { runGenerate } from '../../../src/run/run-generate.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-wall-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const SPEC = `title: One Lamp
aspect_ratio: "1:1"
shot_seconds: 1
story_overview: A keeper lights a lamp.
characters:
  - name: Mara
    appearance: a woman of forty with short grey hair
scenes:
  - scene_num: 1
    slugline: EXT. LIGHTHOUSE - DUSK
    shots:
      - shot_id: 1
        first_frame: The lamp flares.
        video_prompt: Static wide shot.
        characters: [Mara]
`

describe('wall_ms', () => {
  it('counts from before the cache and ledger are opened, not from after', async () => {
    writeFileSync(path.join(root, 'spec.yaml'), SPEC)
    const cacheDir = path.join(root, 'cache')
    const result = await runGenerate('spec.yaml', { cwd: root, env: { HOME: root, PATH: process.env.PATH }, offline: true, cacheDir, outDir: 'out', stopAfter: 'script' })
    const manifest = JSON.parse(readFileSync(path.join(root, 'out', 'manifest.json'), 'utf8')) as { started_at: string; wall_ms: number }
    const ledger = openLedger(path.join(cacheDir, 'vimax.db'), { warn: (m) => expect.fail(m) })
    const recorded = ledger.getRun(result.runId)!.run.startedAt
    ledger.close()
    // The ledger records the run once the stores are open; the run's clock started before that.
    expect(Date.parse(manifest.started_at)).toBeLessThan(recorded)
    expect(manifest.wall_ms).toBe(result.wallMs)
  })
})
