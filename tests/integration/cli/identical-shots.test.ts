import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** `count` shots with the same first frame and video prompt; silent and 1 s each, to stay quick. */
function identicalShots(count: number): string {
  const shots = Array.from({ length: count }, (_, i) => `      - { shot_id: ${i + 1}, first_frame: A red door in a white wall., video_prompt: Static shot of the door., seconds: 1 }`)
  return ['title: Doors', 'aspect_ratio: "1:1"', 'audio: false', 'music: false', 'scenes:', '  - shots:', ...shots, ''].join('\n')
}

type Summary = { calls: Record<string, number>; cached: Record<string, number>; resumed: Record<string, number>; shots: number }

async function generate(name: string, count: number, ...flags: string[]): Promise<{ summary: Summary; out: string }> {
  const spec = path.join(dir, `${name}.yaml`)
  writeFileSync(spec, identicalShots(count))
  const out = path.join(dir, `${name}-out`)
  const run = await runCli(['generate', spec, '--offline', '-o', out, '--json', '--cache-dir', path.join(dir, `${name}-cache`), ...flags])
  expect(run.code, run.stderr).toBe(0)
  expect(run.stderr).not.toMatch(/free some space/)
  return { summary: JSON.parse(run.stdout) as Summary, out }
}

describe('identical shots share one call per kind', () => {
  it('two shots with the same first frame and video prompt make one video call; the second is a shared result', async () => {
    const { summary } = await generate('two', 2)
    expect(summary.calls).toMatchObject({ image: 1, video: 1 })
    expect(summary.cached).toMatchObject({ image: 1, video: 1 })
    expect(summary.resumed.video).toBe(0)
  })

  it('with --no-cache, two identical shots still make one video call', async () => {
    const { summary } = await generate('two-no-cache', 2, '--no-cache')
    expect(summary.calls).toMatchObject({ image: 1, video: 1 })
    expect(summary.cached).toMatchObject({ image: 1, video: 1 })
  })

  it('twenty identical shots offline finish (exit 0) with one video call and twenty shot clips', async () => {
    const { summary, out } = await generate('twenty', 20)
    expect(summary.shots).toBe(20)
    expect(summary.calls.video).toBe(1)
    expect(summary.cached.video).toBe(19)
    expect(readdirSync(path.join(out, 'clips')).filter((name) => name.endsWith('.mp4'))).toHaveLength(20)
  })
})
