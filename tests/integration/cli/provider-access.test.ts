import { rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeApi, FAKE_KEY, type FakeApi } from '../../support/fake-api/index.js'
import { runCli, tempDir } from '../../support/run-cli.js'

let api: FakeApi
/** Accepts connections and never answers: a hung host. */
let silent: net.Server
let silentUrl: string
const sockets = new Set<net.Socket>()
const dirs: string[] = []
beforeAll(async () => {
  api = await createFakeApi()
  silent = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  silentUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/v1`
})
afterAll(async () => {
  await api.close()
  sockets.forEach((socket) => socket.destroy())
  await new Promise<void>((resolve) => silent.close(() => resolve()))
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }))
})

function folder(files: Record<string, string>): string {
  const dir = tempDir()
  dirs.push(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

const SPEC = 'scenes:\n  - shots:\n      - { shot_id: 1, first_frame: A door., video_prompt: Static. }\n'
const NO_KEYS = { OPENAI_API_KEY: '', GEMINI_API_KEY: '', GOOGLE_API_KEY: '', FAL_KEY: '', FAL_API_KEY: '', OPENROUTER_API_KEY: '' }
const env = (dir: string, more: NodeJS.ProcessEnv = {}) => ({ HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'xdg'), VIMAX_CACHE_DIR: path.join(dir, 'cache'), ...NO_KEYS, ...more })

describe('keys and settings are checked before the first paid call', () => {
  it('a profile whose video key is missing exits 2 before any request reaches the API, naming the key', async () => {
    api.reset()
    const dir = folder({
      'spec.yaml': SPEC,
      'vimax.config.yaml': `providers:\n  openai: { base_url: "${api.url}/v1" }\n  gemini: { base_url: "${api.url}/v1beta" }\nprofiles:\n  mine: { chat: openai, image: openai, video: gemini }\n`,
    })
    const run = await runCli(['generate', 'spec.yaml', '--profile', 'mine'], { cwd: dir, env: env(dir, { OPENAI_API_KEY: FAKE_KEY }) })
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(/cannot start: 1 problem with the providers this run needs/)
    expect(run.stderr).toMatch(/video \(gemini\): GEMINI_API_KEY is not set; export GEMINI_API_KEY=/)
    expect(api.requests).toHaveLength(0)
  })

  it('reports every missing key and bad setting at once', async () => {
    api.reset()
    const dir = folder({
      'spec.yaml': SPEC,
      'vimax.config.yaml': `providers:\n  openai: { base_url: "${api.url}/v1" }\n  fal: { base_url: "${api.url}" }\n  mine: { base_url: "${api.url}/v1" }\nprofiles:\n  p: { chat: mine:m, image: openai, video: fal }\n`,
    })
    const run = await runCli(['generate', 'spec.yaml', '--profile', 'p', '--json'], { cwd: dir, env: env(dir) })
    expect(run.code, run.stderr).toBe(2)
    const error = JSON.parse(run.stdout) as { code: string; details: string[] }
    expect(error.code).toBe('E_CONFIG_INVALID')
    expect(error.details).toEqual([
      expect.stringMatching(/^chat \(mine\): providers\.mine has no type/),
      expect.stringMatching(/^image \(openai\): OPENAI_API_KEY is not set/),
      expect.stringMatching(/^video \(fal\): FAL_KEY is not set/),
    ])
    expect(api.requests).toHaveLength(0)
  })
})

describe('placeholder keys: one rule for doctor and run', () => {
  const config = () => `providers:\n  openai: { base_url: "${api.url}/v1" }\nprofiles:\n  mine: { chat: openai, image: openai, video: offline }\n`

  it.each(['YOUR_OPENAI_API_KEY', 'sk-...abcd', '<your key>'])('%s fails vimax doctor and stops a run before any call', async (placeholder) => {
    api.reset()
    const dir = folder({ 'spec.yaml': SPEC, 'vimax.config.yaml': config() })
    const doctor = await runCli(['doctor', '--profile', 'mine', '--json'], { cwd: dir, env: env(dir, { OPENAI_API_KEY: placeholder }) })
    expect(doctor.code).toBe(2)
    const report = JSON.parse(doctor.stdout) as { checks: { name: string; ok: boolean; detail: string }[] }
    expect(report.checks.find((check) => check.name === 'openai key')).toMatchObject({ ok: false, detail: 'OPENAI_API_KEY holds a placeholder, not a key' })
    api.reset() // the doctor's reachability probe

    const run = await runCli(['generate', 'spec.yaml', '--profile', 'mine'], { cwd: dir, env: env(dir, { OPENAI_API_KEY: placeholder }) })
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toContain('OPENAI_API_KEY is a placeholder, not a key')
    expect(api.requests).toHaveLength(0)
    expect(`${doctor.stdout}${run.stderr}`).not.toContain(placeholder)
  })
})

describe('waiting has limits a user can set', () => {
  it('a host that accepts and never answers fails within timeouts.request, and the hint names that setting', async () => {
    const dir = folder({
      'spec.yaml': SPEC,
      'vimax.config.yaml': `providers:\n  openai: { base_url: "${silentUrl}", timeouts: { request: 1s } }\nprofiles:\n  mine: { chat: offline, image: openai, video: offline }\n`,
    })
    const run = await runCli(['generate', 'spec.yaml', '--profile', 'mine'], { cwd: dir, env: env(dir, { OPENAI_API_KEY: FAKE_KEY }), timeoutMs: 60_000 })
    expect(run.code, run.stderr).toBe(3)
    expect(run.stderr).toMatch(/no answer in 1 s \(UND_ERR_HEADERS_TIMEOUT\)/)
    expect(run.stderr).toMatch(/\[request [^\]]*, 2 attempts\]/)
    expect(run.stderr).toMatch(/hint: .*raise providers\.openai\.timeouts\.request in vimax\.config\.yaml/)
  })

  it('vimax doctor on a hanging host says "no answer in N s"', async () => {
    const dir = folder({ 'vimax.config.yaml': `providers:\n  openai: { base_url: "${silentUrl}", timeouts: { request: 1s } }\n` })
    const run = await runCli(['doctor', '--profile', 'openai'], { cwd: dir, env: env(dir, { OPENAI_API_KEY: FAKE_KEY }) })
    expect(run.code).toBe(3)
    expect(run.stdout).toMatch(/✘ openai reachable +127\.0\.0\.1:\d+: no answer in 1 s/)
  })
})
