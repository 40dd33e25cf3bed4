import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RunDetail } from '../../../src/ledger/ledger-types.js'
import { runCli, tempDir } from '../../support/run-cli.js'

const root = tempDir()
afterAll(() => rmSync(root, { recursive: true, force: true }))

const SPEC = `title: One Line
aspect_ratio: "1:1"
shot_seconds: 2
story_overview: Ada greets the bird.
characters:
  - name: Ada
    appearance: a girl of sixteen, copper-red hair
scenes:
  - scene_num: 1
    slugline: INT. CLOCK SHOP - DAWN
    shots:
      - shot_id: 1
        first_frame: Ada at the bench with a brass bird.
        video_prompt: Slow push in.
        characters: [Ada]
        dialogue:
          - "Ada: Good morning, little bird."
`

describe('speech and music calls of an offline run', () => {
  it('are counted in --json, recorded in the ledger with their kind, labelled in the metrics, and a rerun makes none', async () => {
    const dir = path.join(root, 'one-line')
    mkdirSync(dir, { recursive: true })
    const spec = path.join(dir, 'one-line.yaml')
    writeFileSync(spec, SPEC)
    const common = ['-o', path.join(dir, 'out'), '--cache-dir', path.join(dir, 'cache'), '--json']
    const vimax = (args: readonly string[]) => runCli(args, { cwd: dir, env: { VIMAX_CONFIG: '' } })

    const cold = await vimax(['generate', spec, ...common, '--metrics-file', path.join(dir, 'cold.prom')])
    expect(cold.code, cold.stderr).toBe(0)
    const first = JSON.parse(cold.stdout) as { run_id: string; calls: Record<string, number>; cached: Record<string, number>; models: Record<string, string> }
    expect(first.calls).toMatchObject({ speech: 1, music: 1 })
    expect(first.models).toMatchObject({ speech: 'offline:voice', music: 'offline:score' })

    const shown = await vimax(['runs', 'show', first.run_id, '--json', '--cache-dir', path.join(dir, 'cache')])
    const detail = JSON.parse(shown.stdout) as RunDetail
    const audio = detail.calls.filter((call) => call.kind === 'speech' || call.kind === 'music')
    expect(audio.map((call) => [call.kind, call.provider, call.model, call.cached, call.status])).toEqual(
      expect.arrayContaining([
        ['speech', 'offline', 'voice', false, 'ok'],
        ['music', 'offline', 'score', false, 'ok'],
      ]),
    )
    expect(audio.every((call) => (call.bytes ?? 0) > 0)).toBe(true)
    expect(readFileSync(path.join(dir, 'cold.prom'), 'utf8')).toMatch(/kind="speech"/)

    const warm = await vimax(['generate', spec, ...common])
    expect(warm.code, warm.stderr).toBe(0)
    const second = JSON.parse(warm.stdout) as { calls: Record<string, number>; cached: Record<string, number> }
    expect(second.calls).toEqual({ chat: 0, image: 0, video: 0, speech: 0, music: 0 })
    expect(second.cached).toMatchObject({ speech: 1, music: 1 })
  })
})
