import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeApi, FAKE_KEY, falFake, type FakeApi, type FalFake, type FalFakeSettings } from '../../support/fake-api/index.js'
import { tempDir } from '../../support/run-cli.js'
import { spawnCli, type LiveCli } from '../../support/spawn-cli.js'
import { serveTestClip } from '../../support/test-clip.js'
import { vendorWorkspace, type Summary } from '../../support/vendor-run.js'

const scratch = tempDir()
const settings: FalFakeSettings = { queuedPolls: 1, runningPolls: 1 }
let fal: FalFake
let api: FakeApi
beforeAll(async () => {
  fal = falFake(settings)
  api = await createFakeApi({ dialect: 'fal', auth: 'key', routes: fal.routes })
  await serveTestClip(api, scratch)
})
afterAll(async () => {
  await api.close()
  rmSync(scratch, { recursive: true, force: true })
})

/** Waits for the fake to see `what`; fails at once if the run ended first. */
async function until(condition: () => boolean, what: string, live: LiveCli, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (live.child.exitCode !== null) throw new Error(`the run exited (${live.child.exitCode}) before ${what}:\n${live.stderr()}`)
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('fal image requests survive kill -9', () => {
  it('a rerun resumes the queued requests the killed run submitted: each image is submitted once, and kept', async () => {
    const work = vendorWorkspace(`providers:\n  fal: { base_url: "${api.url}", poll_interval: 10ms }\nprofiles:\n  e2e: { chat: offline, image: fal, video: fal }\n`, { FAL_KEY: FAKE_KEY })
    settings.stuck = true // the queue holds every request IN_QUEUE
    const images = () => [...fal.requests.values()].filter((request) => !request.video)
    const live = spawnCli(['generate', 'spec.yaml', '-o', 'out', '--profile', 'e2e', '--json'], { cwd: work.dir, env: work.env })
    // Mara's front view and shot 2's frame are queued (the side and back views wait for the front).
    await until(() => images().filter((request) => request.polls > 0).length >= 2, 'two image requests to be polled', live)
    live.child.kill('SIGKILL')
    expect((await live.exit()).signal).toBe('SIGKILL')
    const submittedBeforeKill = images().length
    expect(submittedBeforeKill).toBe(2)

    settings.stuck = false
    for (const request of images()) request.settings = { ...request.settings, stuck: false }
    const rerun = await work.run()
    expect(rerun.code, rerun.stderr).toBe(0)
    const summary = JSON.parse(rerun.stdout) as Summary & { resumed: { image: number } }
    expect(summary.resumed.image).toBe(submittedBeforeKill)
    expect(summary.calls.image).toBe(5 - submittedBeforeKill)
    // Five images in the film (three views of Mara, two frames), five submits in all: none paid twice.
    expect(api.requestsTo('fal/submit').filter((request) => !request.path.includes('video'))).toHaveLength(5)
    const manifest = JSON.parse(readFileSync(path.join(work.dir, 'out', 'manifest.json'), 'utf8')) as { artifacts: { kind: string }[] }
    expect(manifest.artifacts.filter((artifact) => artifact.kind === 'portrait' || artifact.kind === 'frame')).toHaveLength(5)
  })
})
