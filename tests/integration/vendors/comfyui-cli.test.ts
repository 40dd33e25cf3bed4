import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { workflowsYaml } from '../../support/comfyui-workflows.js'
import { comfyFake, createFakeApi, type ComfyFake, type ComfyFakeSettings, type FakeApi } from '../../support/fake-api/index.js'
import { tempDir } from '../../support/run-cli.js'
import { spawnCli, type LiveCli } from '../../support/spawn-cli.js'
import { serveTestClip } from '../../support/test-clip.js'
import { vendorWorkspace, type Summary } from '../../support/vendor-run.js'

const scratch = tempDir()
const settings: ComfyFakeSettings = { steps: 2 }
let fake: ComfyFake
let api: FakeApi
beforeAll(async () => {
  fake = comfyFake(settings)
  api = await createFakeApi({ auth: 'none', routes: fake.routes, upgrade: fake.upgrade })
  await serveTestClip(api, scratch)
})
afterAll(async () => {
  await api.close()
  rmSync(scratch, { recursive: true, force: true })
})

const config = (workflows = workflowsYaml()) =>
  `providers:\n  comfyui:\n    base_url: "${api.url}"\n    poll_interval: 10ms\n${workflows}\nprofiles:\n  e2e: { chat: offline, image: comfyui, video: comfyui }\n`
const videoPrompts = () => [...fake.prompts.values()].filter((prompt) => prompt.video)

async function until(condition: () => boolean, what: string, live: LiveCli, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (live.child.exitCode !== null) throw new Error(`the run exited (${live.child.exitCode}) before ${what}:\n${live.stderr()}`)
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('vimax generate on ComfyUI (fake server, examples/comfyui workflows)', () => {
  it('makes a film from the example workflows: frames and clips queued with our client id, first frames uploaded, outputs from /view', async () => {
    const work = vendorWorkspace(config(), {})
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as Summary).calls).toMatchObject({ image: 5, video: 2 })
    expect(videoPrompts()).toHaveLength(2)
    for (const prompt of videoPrompts()) {
      expect(fake.uploads.has(String(prompt.graph['56']!.inputs.image))).toBe(true)
      expect(fake.connections.some((c) => c.clientId === prompt.clientId)).toBe(true)
    }
    expect(api.requestsTo('comfyui/view').length).toBeGreaterThanOrEqual(7)
  })

  it('resumes a video prompt after kill -9: the rerun asks /history for the same prompt id and never queues it again', async () => {
    fake.prompts.clear()
    const work = vendorWorkspace(config(), {})
    settings.stuckVideo = true
    const live = spawnCli(['generate', 'spec.yaml', '-o', 'out', '--profile', 'e2e', '--json'], { cwd: work.dir, env: work.env })
    // The prompt is recorded before its first poll; /history is asked every tenth poll even with the socket open.
    await until(() => api.requestsTo('comfyui/history').some((r) => videoPrompts().some((p) => p.id === r.params.id)), 'a video prompt to be polled', live)
    live.child.kill('SIGKILL')
    expect((await live.exit()).signal).toBe('SIGKILL')
    const killed = videoPrompts()
    expect(killed).toHaveLength(1)

    settings.stuckVideo = false
    fake.release()
    api.reset()
    const rerun = await work.run()
    expect(rerun.code, rerun.stderr).toBe(0)
    expect((JSON.parse(rerun.stdout) as Summary & { resumed: { video: number } }).resumed.video).toBe(1)
    expect(api.requestsTo('comfyui/history').some((r) => r.params.id === killed[0]!.id)).toBe(true)
    // Two shots, two video prompts in all: the killed run's one was resumed, not queued again.
    expect(videoPrompts()).toHaveLength(2)
  })

  it('stops with exit 2 before queueing anything when a mapped node input is not in the workflow file', async () => {
    const before = fake.prompts.size
    const work = vendorWorkspace(config(workflowsYaml().replace('"6.text"', '"6.txt"')), {})
    const run = await work.run()
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('providers.comfyui.workflows.image.inputs')
    expect(run.stderr).toContain('image.json')
    expect(run.stderr).toContain('has no input "txt"')
    expect(fake.prompts.size).toBe(before)
  })
})
