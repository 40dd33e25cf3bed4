import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeApi, FAKE_KEY, type FakeApi } from '../../support/fake-api/index.js'
import { runCli, tempDir } from '../../support/run-cli.js'

let api: FakeApi
const dirs: string[] = []
beforeAll(async () => (api = await createFakeApi()))
afterAll(async () => {
  await api.close()
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }))
})

function folder(files: Record<string, string>): string {
  const dir = tempDir()
  dirs.push(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

const SPEC = 'scenes:\n  - shots:\n      - { shot_id: 1, first_frame: A door., video_prompt: Static. }\n'
const env = (dir: string, more: NodeJS.ProcessEnv = {}) => ({ HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'xdg'), VIMAX_CACHE_DIR: path.join(dir, 'cache'), OPENAI_API_KEY: '', ...more })

describe('configuration', () => {
  it('problems in vimax.config.yaml are reported like spec problems: file, line, column, field, did-you-mean', async () => {
    const dir = folder({
      'spec.yaml': SPEC,
      'vimax.config.yaml': 'profile: offline\nproviders:\n  openai:\n    base_ulr: http://localhost:1\n    lanes: { image: { concurrency: 0 } }\n',
    })
    const run = await runCli(['generate', 'spec.yaml'], { cwd: dir, env: env(dir) })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/invalid config .*vimax\.config\.yaml: 2 problems/)
    expect(run.stderr).toMatch(/vimax\.config\.yaml:4:5 providers\.openai\.base_ulr: unknown field; did you mean "base_url"\?/)
    expect(run.stderr).toMatch(/vimax\.config\.yaml:5:\d+ providers\.openai\.lanes\.image\.concurrency: .*got 0/)
  })

  it('a profile in the config chooses the models; keys come from .env; the spec`s models win', async () => {
    const dir = folder({
      'spec.yaml': `${SPEC}models: { video: offline }\n`,
      'vimax.config.yaml': `profile: mine\nproviders:\n  openai: { base_url: "${api.url}/v1" }\nprofiles:\n  mine: { chat: openai, image: openai, video: openai }\n`,
      '.env': `# a comment\nexport OPENAI_API_KEY="${FAKE_KEY}"\n`,
    })
    const { OPENAI_API_KEY: _unset, ...withoutKey } = env(dir)
    const run = await runCli(['generate', 'spec.yaml', '--json'], { cwd: dir, env: withoutKey })
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout).models).toEqual({
      chat: 'openai:gpt-4.1-mini',
      image: 'openai:gpt-image-1',
      video: 'offline:animatic',
      speech: 'offline:voice',
      music: 'offline:score',
    })
  })
})

describe('vimax doctor', () => {
  it('healthy: every check passes and it exits 0', async () => {
    const dir = folder({ 'vimax.config.yaml': `providers:\n  openai: { base_url: "${api.url}/v1" }\n` })
    const run = await runCli(['doctor', '--profile', 'openai'], { cwd: dir, env: env(dir, { OPENAI_API_KEY: FAKE_KEY }) })
    expect(run.code, run.stdout).toBe(0)
    expect(run.stdout).toMatch(/✔ openai key +OPENAI_API_KEY is set/)
    expect(run.stdout).toMatch(/✔ openai reachable +127\.0\.0\.1:\d+: HTTP \d+/)
    // The voices and the music bed are models of the profile too, listed and priced like the rest.
    expect(run.stdout).toMatch(/✔ models .*· speech openai:gpt-4o-mini-tts · music offline:score/)
    expect(run.stdout).toMatch(/✔ prices .*· speech \$15\.00 per 1M characters spoken · music \$0\.00 a minute/)
    expect(run.stdout).toMatch(/✔ ffmpeg +ffmpeg version/)
    expect(run.stdout).toMatch(/ready/)
    expect(run.stdout).not.toContain(FAKE_KEY)
  })

  it('unhealthy: a missing key and an unreachable host are named with hints, and it exits non-zero', async () => {
    const dir = folder({ 'vimax.config.yaml': 'providers:\n  openai: { base_url: "http://127.0.0.1:9/v1" }\n' })
    const run = await runCli(['doctor', '--profile', 'openai', '--json'], { cwd: dir, env: env(dir) })
    expect(run.code).toBe(2)
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: { name: string; ok: boolean; hint?: string }[] }
    expect(report.ok).toBe(false)
    expect(report.checks.find((check) => check.name === 'openai key')).toMatchObject({ ok: false, hint: expect.stringMatching(/export OPENAI_API_KEY=/) })
    expect(report.checks.find((check) => check.name === 'openai reachable')).toMatchObject({ ok: false })
  })

  it('quotes what each model costs, and under a cost cap an unpriced model is a problem (exit 5)', async () => {
    const config = `providers:\n  openai: { base_url: "${api.url}/v1" }\nprofiles:\n  mine: { chat: openai:gpt-9-preview, image: offline, video: offline }\n`
    const priced = folder({ 'vimax.config.yaml': config })
    const run = await runCli(['doctor', '--profile', 'mine'], { cwd: priced, env: env(priced, { OPENAI_API_KEY: FAKE_KEY }) })
    expect(run.code, run.stdout).toBe(0)
    expect(run.stdout).toMatch(
      /✔ prices +chat unknown · image \$0\.00 an image \(720p\) · video \$0\.00 a second \(720p\) · speech \$0\.00 per 1M characters spoken · music \$0\.00 a minute \(add openai:gpt-9-preview under prices: to estimate them\)/,
    )

    const capped = folder({ 'vimax.config.yaml': `${config}budget: { max_cost: 5 }\n` })
    const refused = await runCli(['doctor', '--profile', 'mine', '--json'], { cwd: capped, env: env(capped, { OPENAI_API_KEY: FAKE_KEY }) })
    expect(refused.code).toBe(5)
    const report = JSON.parse(refused.stdout) as { checks: { name: string; ok: boolean; hint?: string }[] }
    expect(report.checks.find((check) => check.name === 'prices')).toMatchObject({ ok: false, hint: expect.stringMatching(/needs a price for openai:gpt-9-preview/) })
  })
})
