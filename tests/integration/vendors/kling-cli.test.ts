import { rmSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import {
  createFakeApi,
  jwtProblem,
  KLING_TEST_ACCESS_KEY,
  KLING_TEST_SECRET_KEY,
  klingError,
  klingFake,
  type FakeApi,
  type KlingFake,
  type KlingFakeSettings,
} from '../../support/fake-api/index.js'
import { runCli, tempDir } from '../../support/run-cli.js'
import { spawnCli, type LiveCli } from '../../support/spawn-cli.js'
import { serveTestClip } from '../../support/test-clip.js'
import { expectNoKeyAnywhere, vendorWorkspace, type Summary } from '../../support/vendor-run.js'

const scratch = tempDir()
const settings: KlingFakeSettings = {}
const KEYS = { KLING_ACCESS_KEY: KLING_TEST_ACCESS_KEY, KLING_SECRET_KEY: KLING_TEST_SECRET_KEY }
let kling: KlingFake
let api: FakeApi

beforeAll(async () => {
  kling = klingFake(settings)
  api = await createFakeApi({ routes: kling.routes })
  await serveTestClip(api, scratch)
})
afterAll(async () => {
  await api.close()
  rmSync(scratch, { recursive: true, force: true })
})
beforeEach(() => {
  api.reset()
  kling.tasks.clear() // an earlier test's tasks must not count as this one's
  for (const key of Object.keys(settings)) delete settings[key as keyof KlingFakeSettings]
})

const config = () => `
providers:
  kling: { base_url: "${api.url}", poll_interval: 10ms }
profiles:
  e2e: { chat: offline, image: offline, video: kling }
`
/** Every token the run sent: none may be written anywhere either. */
const tokensSent = () => [...new Set(api.requests.map((request) => String(request.headers.authorization ?? '').replace(/^Bearer /, '')).filter(Boolean))]

async function until(condition: () => boolean, what: string, live: LiveCli, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (live.child.exitCode !== null) throw new Error(`the run exited (${live.child.exitCode}) before ${what}:\n${live.stderr()}`)
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('vimax generate on Kling (fake official API)', () => {
  it('makes a two-shot film through image2video with verified JWTs; keys and tokens are nowhere in the run folder or cache', async () => {
    const work = vendorWorkspace(config(), KEYS)
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    const summary = JSON.parse(run.stdout) as Summary
    expect(summary.calls.video).toBe(2)
    const creates = api.requestsTo('kling/create')
    expect(creates.map((request) => request.path)).toEqual(['/v1/videos/image2video', '/v1/videos/image2video'])
    expect(creates[0]!.json).toMatchObject({ model_name: 'kling-v2-1', mode: 'std', duration: expect.stringMatching(/^(5|10)$/) })
    for (const request of api.requests.filter((r) => r.route.startsWith('kling/'))) expect(jwtProblem(request.headers.authorization)).toBeUndefined()
    for (const secret of [KLING_TEST_ACCESS_KEY, KLING_TEST_SECRET_KEY, ...tokensSent()]) expectNoKeyAnywhere(work.dir, secret, [run.stdout, run.stderr])
  })

  it('a run killed after starting its tasks resumes them: the rerun polls the same task ids and starts none', async () => {
    // The killed run's call leases hold the rerun back for at most one lease TTL (30 s): the timeouts allow for it.
    const work = vendorWorkspace(config(), KEYS)
    settings.pendingPolls = Number.POSITIVE_INFINITY
    const live = spawnCli(['generate', 'spec.yaml', '-o', 'out', '--profile', 'e2e', '--json'], { cwd: work.dir, env: work.env })
    onTestFinished(() => void live.child.kill('SIGKILL')) // a failed wait must not leave it polling into the next test
    const polled = () => [...kling.tasks.values()].filter((task) => task.polls > 0)
    await until(() => polled().length >= 2, 'both Kling tasks to be polled', live)
    live.child.kill('SIGKILL')
    expect((await live.exit()).signal).toBe('SIGKILL')
    const started = [...kling.tasks.keys()]
    expect(started).toHaveLength(2)

    for (const task of kling.tasks.values()) task.settings = { ...task.settings, pendingPolls: 0 }
    delete settings.pendingPolls // a task the rerun wrongly started anew finishes too, and the count below says so
    const rerun = await runCli(['generate', 'spec.yaml', '-o', 'out', '--profile', 'e2e', '--json'], { cwd: work.dir, env: work.env, timeoutMs: 240_000 })
    expect(rerun.code, rerun.stderr).toBe(0)
    const summary = JSON.parse(rerun.stdout) as Summary & { resumed: { video: number } }
    expect(summary.resumed.video).toBe(2)
    expect(api.requestsTo('kling/create')).toHaveLength(2) // one start per clip across both runs
    expect([...kling.tasks.keys()]).toEqual(started)
    const repolled = new Set(api.requestsTo('kling/task').slice(-2).map((request) => request.params.id))
    expect([...repolled].sort()).toEqual([...started].sort())
    for (const secret of [KLING_TEST_ACCESS_KEY, KLING_TEST_SECRET_KEY, ...tokensSent()]) expectNoKeyAnywhere(work.dir, secret, [rerun.stdout, rerun.stderr])
  }, 420_000)

  it('an empty Kling balance (1102) stops the run with exit 3 and the top-up hint, without retrying', async () => {
    const work = vendorWorkspace(config(), KEYS)
    api.script('kling/create', klingError(429, 1102, 'Account balance not enough'), klingError(429, 1102, 'Account balance not enough'))
    const run = await work.run()
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/E_PROVIDER_QUOTA|balance not enough/)
    expect(run.stderr).toMatch(/top it up/)
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
    expect(api.requestsTo('kling/create').length).toBeLessThanOrEqual(2) // each clip tried once, never retried
  })

  it('a missing KLING_SECRET_KEY is exit 2 naming it, before any request', async () => {
    const work = vendorWorkspace(config(), { KLING_ACCESS_KEY: KLING_TEST_ACCESS_KEY, KLING_SECRET_KEY: '' })
    const run = await work.run()
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/KLING_SECRET_KEY/)
    expect(api.requests).toHaveLength(0)
  })
})
