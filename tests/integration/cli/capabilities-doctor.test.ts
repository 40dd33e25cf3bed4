import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function folder(config: string): string {
  const dir = tempDir()
  dirs.push(dir)
  writeFileSync(path.join(dir, 'vimax.config.yaml'), config)
  return dir
}
const env = (dir: string) => ({ HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'xdg'), VIMAX_CACHE_DIR: path.join(dir, 'cache'), FAL_KEY: 'not-used' })
type Report = { checks: { name: string; ok: boolean; detail: string; hint?: string }[] }

describe('vimax doctor and the capability table', () => {
  it('prints the chosen profile`s video model row, with a person`s override applied', async () => {
    const dir = folder(
      'providers:\n  fal: { base_url: "http://127.0.0.1:9" }\n' +
        'profiles:\n  mine: { chat: offline, image: offline, video: "fal:fal-ai/veo3/fast" }\n' +
        'capabilities:\n  "fal:fal-ai/veo3*": { references: 2, max_prompt_chars: 900 }\n',
    )
    const run = await runCli(['doctor', '--profile', 'mine', '--json'], { cwd: dir, env: env(dir) })
    const row = (JSON.parse(run.stdout) as Report).checks.find((check) => check.name === 'video capabilities')
    expect(row).toEqual({
      name: 'video capabilities',
      ok: true,
      detail: 'fal:fal-ai/veo3/fast (row fal:fal-ai/veo3*): 4, 6, 8 s · 16:9, 9:16 · 720p, 1080p · first frame · up to 2 references · audio optional · prompt ≤ 900 chars',
    })
  })

  it('a model without a row shows the default with a hint; a silent model under generate_audio fails as the run would (exit 2)', async () => {
    const unknown = folder('providers:\n  fal: { base_url: "http://127.0.0.1:9" }\nprofiles:\n  mine: { chat: offline, image: offline, video: "fal:acme/new-video" }\n')
    const run = await runCli(['doctor', '--profile', 'mine', '--json'], { cwd: unknown, env: env(unknown) })
    expect((JSON.parse(run.stdout) as Report).checks.find((check) => check.name === 'video capabilities')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^fal:acme\/new-video \(no row: the default\): any whole second · 16:9, 9:16, 1:1 · first frame · no references · audio optional$/),
      hint: expect.stringContaining('add a row for fal:acme/new-video under capabilities:'),
    })

    const silent = folder(
      'providers:\n  fal: { base_url: "http://127.0.0.1:9" }\nprofiles:\n  mine: { chat: offline, image: offline, video: "fal:fal-ai/kling-video/v2.1/standard/image-to-video", generate_audio: true }\n',
    )
    const refused = await runCli(['doctor', '--profile', 'mine', '--json'], { cwd: silent, env: env(silent) })
    expect(refused.code).toBe(2)
    expect((JSON.parse(refused.stdout) as Report).checks.find((check) => check.name === 'video capabilities')).toMatchObject({ ok: false, hint: expect.stringMatching(/makes no sound/) })
  })

  it('a bad row stops doctor and generate alike with exit 2, naming the file and the field', async () => {
    const dir = folder('capabilities:\n  "fal:acme/x": { seconds: [4, "six"] }\n')
    writeFileSync(path.join(dir, 'spec.yaml'), 'scenes:\n  - shots:\n      - { shot_id: 1, first_frame: A door., video_prompt: Static. }\n')
    for (const args of [['doctor'], ['generate', 'spec.yaml', '--offline']]) {
      const run = await runCli(args, { cwd: dir, env: env(dir) })
      expect(run.code, run.stderr).toBe(2)
      expect(run.stderr).toMatch(/invalid config .*vimax\.config\.yaml: 1 problem/)
      expect(run.stderr).toMatch(/vimax\.config\.yaml:2:\d+ capabilities\.fal:acme\/x\.seconds\.1: expected a number/)
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
  })
})
