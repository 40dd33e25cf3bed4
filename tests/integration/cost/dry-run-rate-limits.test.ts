import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../support/run-cli.js'
import { pricedWorkspace } from './priced-run.js'

const root = tempDir()
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** The offline profile, slowed to one call a minute per lane: a real run of this takes minutes. */
const SLOW_LANES = `
providers:
  offline:
    lanes:
      chat: { concurrency: 8 }
      image: { concurrency: 1, rpm: 1 }
      video: { concurrency: 1, rpm: 1 }
      speech: { concurrency: 2 }
      music: { concurrency: 1, rpm: 1 }
`

const SPEC = `title: Three Doors
aspect_ratio: "1:1"
shot_seconds: 1
scenes:
  - shots:
      - { shot_id: 1, first_frame: A red door., video_prompt: Static. }
      - { shot_id: 2, first_frame: A green door., video_prompt: Push in. }
      - { shot_id: 3, first_frame: A blue door., video_prompt: Pan left. }
`

describe('vimax generate --dry-run with rate-limited lanes', () => {
  it('plans without waiting on rpm: 1, and the plan still counts the calls per lane and the time the lanes impose', async () => {
    const ws = pricedWorkspace(path.join(root, 'slow'))
    writeFileSync(path.join(ws.dir, 'vimax.config.yaml'), `${SLOW_LANES}`, { flag: 'a' })
    const spec = path.join(ws.dir, 'doors.yaml')
    writeFileSync(spec, SPEC)
    // Before stand-ins bypassed the lanes this took over four minutes and was killed at two.
    const { run, body } = await ws.json<{ calls: { kind: string; to_pay: number }[]; time_ms: number; critical_path: string[] }>([
      'generate',
      spec,
      '--profile',
      'offline',
      '--dry-run',
    ])
    expect(run.code, run.stderr).toBe(0)
    const toPay = Object.fromEntries(body.calls.map((row) => [row.kind, row.to_pay]))
    expect(toPay).toMatchObject({ image: 3, video: 3 })
    // Three starts at one a minute: the last starts two minutes in.
    expect(body.time_ms).toBeGreaterThanOrEqual(120_000)
    expect(body.critical_path.join(' ')).toMatch(/at 1 a minute/)
  })
})
