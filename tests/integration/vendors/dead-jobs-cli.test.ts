import { rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createFakeApi, FAKE_KEY, falFake, geminiFake, type FakeApi } from '../../support/fake-api/index.js'
import { ledgerCalls } from '../../support/ledger-calls.js'
import { tempDir } from '../../support/run-cli.js'
import { spawnCli, type LiveCli } from '../../support/spawn-cli.js'
import { serveTestClip } from '../../support/test-clip.js'
import { makeTestVideo } from '../media/fixtures.js'
import { vendorWorkspace, type Summary, type VendorWorkspace } from '../../support/vendor-run.js'

const scratch = tempDir()
const apis: FakeApi[] = []
afterAll(async () => {
  await Promise.all(apis.map((api) => api.close()))
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

/** Ctrl-C once both clips' jobs are polling: the run ends with the two jobs recorded, paid for and unfinished. */
async function interruptWhilePolling(work: VendorWorkspace, polling: () => number): Promise<void> {
  const live = spawnCli(['generate', 'spec.yaml', '-o', 'out', '--profile', 'e2e', '--json'], { cwd: work.dir, env: work.env })
  await until(() => polling() >= 2, 'both video jobs to be polled', live)
  live.child.kill('SIGINT')
  expect((await live.exit()).code).toBe(130)
}

/** The rerun after the vendor forgot both jobs: each is started again, named and paid, with a warning. */
async function expectStartedAgain(work: VendorWorkspace, provider: string) {
  const rerun = await work.run()
  expect(rerun.code, rerun.stderr).toBe(0)
  expect(rerun.stderr).not.toMatch(/check the model id/)
  expect(rerun.stderr).toMatch(new RegExp(`shot 1: job .* is no longer known to ${provider} \\(expired or removed\\); started again as job .*a new paid call`))
  const summary = JSON.parse(rerun.stdout) as Summary & { resumed: { video: number }; run_id: string }
  expect(summary.calls.video).toBe(2)
  expect(summary.resumed.video).toBe(0)
  const videos = ledgerCalls(path.join(work.dir, 'cache')).filter((call) => call.run_id === summary.run_id && call.kind === 'video')
  expect(videos.map((call) => [call.subject, call.status, call.cached, call.resumed]).sort()).toEqual([
    ['shot 1', 'ok', 0, 0],
    ['shot 2', 'ok', 0, 0],
  ])
  // Dropped from the record: a third run has nothing left to resume and pays for nothing.
  const third = await work.run()
  expect(third.code, third.stderr).toBe(0)
  expect((JSON.parse(third.stdout) as Summary).calls.video).toBe(0)
}

describe('a recorded job the vendor no longer knows is started again, not a failure forever', () => {
  it('fal: a queued request fal expired (404) is dropped with a warning and submitted again', async () => {
    const settings = { queuedPolls: 1, runningPolls: 1, stuckVideo: true }
    const fal = falFake(settings)
    const api = await createFakeApi({ dialect: 'fal', auth: 'key', routes: fal.routes })
    apis.push(api)
    await serveTestClip(api, scratch)
    const work = vendorWorkspace(`providers:\n  fal: { base_url: "${api.url}", poll_interval: 10ms }\nprofiles:\n  e2e: { chat: offline, image: fal, video: fal }\n`, { FAL_KEY: FAKE_KEY })
    const videoRequests = () => [...fal.requests.values()].filter((request) => request.video)
    await interruptWhilePolling(work, () => videoRequests().filter((request) => request.polls > 0).length)

    for (const request of videoRequests()) fal.requests.delete(request.id)
    settings.stuckVideo = false
    await expectStartedAgain(work, 'fal')
    expect(api.requestsTo('fal/submit').filter((request) => request.path.includes('video'))).toHaveLength(4)
  })

  it('gemini: a Veo operation the API no longer knows (404) is dropped with a warning and started again', async () => {
    const clip = path.join(scratch, 'veo.mp4')
    await makeTestVideo(clip, { width: 64, height: 36, fps: 12, seconds: 1 })
    const veo = geminiFake({ pendingPolls: Infinity, video: clip })
    const api = await createFakeApi({ dialect: 'gemini', auth: 'goog', routes: veo.routes })
    apis.push(api)
    const work = vendorWorkspace(
      `providers:\n  gemini: { base_url: "${api.url}/v1beta", poll_interval: 10ms }\nprofiles:\n  e2e: { chat: offline, image: gemini, video: gemini }\n`,
      { GEMINI_API_KEY: FAKE_KEY },
    )
    await interruptWhilePolling(work, () => [...veo.operations.values()].filter((operation) => operation.polls > 0).length)

    veo.operations.clear()
    veo.pendingPolls = 1
    await expectStartedAgain(work, 'gemini')
    expect(api.requestsTo('gemini/predictLongRunning')).toHaveLength(4)
  })
})
