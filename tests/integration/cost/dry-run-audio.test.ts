import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'

const root = tempDir()
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Two spoken lines (36 and 14 characters, the speaker's name not spoken) in three shots of four seconds. */
const SPEC = `title: Two Lines
aspect_ratio: "1:1"
shot_seconds: 4
story_overview: Ada finds a broken bird; Orrin says to leave it.
characters:
  - name: Ada
    appearance: a girl of sixteen, copper-red hair
  - name: Orrin
    appearance: an old man with wire spectacles
models:
  speech: openai:tts-1
  music: elevenlabs
scenes:
  - scene_num: 1
    slugline: INT. CLOCK SHOP - DAWN
    shots:
      - shot_id: 1
        first_frame: Ada at the bench with a brass bird.
        video_prompt: Slow push in.
        characters: [Ada]
        dialogue:
          - "Ada: Oh no. What happened to you, little?"
      - shot_id: 2
        first_frame: Orrin in the doorway.
        video_prompt: Static.
        characters: [Orrin]
        dialogue:
          - "Orrin: Leave it, Ada."
      - shot_id: 3
        first_frame: The bird on the bench.
        video_prompt: Static.
        characters: []
`

interface PlanRow {
  readonly provider: string
  readonly model: string
  readonly kind: string
  readonly calls: number
  readonly to_pay: number
  readonly cost_usd: number
  readonly unpriced: number
}

describe('vimax generate --dry-run with paid voices and music', () => {
  it('plans the speech and music calls with their cost, and calls neither vendor', async () => {
    const dir = path.join(root, 'paid-audio')
    mkdirSync(dir, { recursive: true })
    const spec = path.join(dir, 'two-lines.yaml')
    writeFileSync(spec, SPEC)
    const out = path.join(dir, 'out')
    // Keys that look real, and base URLs nothing listens on: a single request would fail the run.
    writeFileSync(
      path.join(dir, 'vimax.config.yaml'),
      'providers:\n  openai: { base_url: "http://127.0.0.1:9/v1" }\n  elevenlabs: { base_url: "http://127.0.0.1:9" }\n',
    )
    const env = { VIMAX_CONFIG: '', OPENAI_API_KEY: 'sk-test-0123456789abcdef0123456789', ELEVENLABS_API_KEY: 'sk_0123456789abcdef0123456789abcdef' }
    const run = await runCli(['generate', spec, '-o', out, '--dry-run', '--json', '--cache-dir', path.join(dir, 'cache')], { cwd: dir, env })
    expect(run.code, run.stderr).toBe(0)
    const plan = JSON.parse(run.stdout) as { calls: PlanRow[]; cost_usd: number; unpriced: number }
    const speech = plan.calls.find((row) => row.kind === 'speech')
    const music = plan.calls.find((row) => row.kind === 'music')
    // tts-1 at $15 per million characters: 36 + 14 characters.
    expect(speech).toMatchObject({ provider: 'openai', model: 'tts-1', calls: 2, to_pay: 2, unpriced: 0 })
    expect(speech!.cost_usd).toBeCloseTo((50 * 15) / 1e6, 9)
    // One bed as long as the film, at $0.0133 a second.
    expect(music).toMatchObject({ provider: 'elevenlabs', model: 'music_v1', calls: 1, to_pay: 1, unpriced: 0 })
    expect(music!.cost_usd).toBeGreaterThan(0)
    expect(music!.cost_usd / 0.0133).toBeCloseTo(Math.round(music!.cost_usd / 0.0133), 6)
    expect(plan.unpriced).toBe(0)
    expect(existsSync(out)).toBe(false)
    expect(readFileSync(path.join(dir, 'two-lines.yaml'), 'utf8')).toBe(SPEC)
  })
})
