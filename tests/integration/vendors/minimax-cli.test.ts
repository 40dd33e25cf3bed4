import { rmSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import { createFakeApi, FAKE_KEY, minimaxFake, type FakeApi, type MinimaxFake, type MinimaxFakeSettings } from '../../support/fake-api/index.js'
import { runCli, tempDir } from '../../support/run-cli.js'
import { spawnCli, type LiveCli } from '../../support/spawn-cli.js'
import { serveTestClip } from '../../support/test-clip.js'
import { expectNoKeyAnywhere, vendorWorkspace, type Summary } from '../../support/vendor-run.js'

const scratch = tempDir()
const settings: MinimaxFakeSettings = {}
let minimax: MinimaxFake
let api: FakeApi

beforeAll(async () => {
  minimax = minimaxFake(settings)
  api = await createFakeApi({ auth: 'bearer', routes: minimax.routes })
  await serveTestClip(api, scratch)
})
afterAll(async () => {
  await api.close()
  rmSync(scratch, { recursive: true, force: true })
})
beforeEach(() => {
  api.reset()
  minimax.tasks.clear() // an earlier test's tasks must not count as this one's
  for (const key of Object.keys(settings)) delete settings[key as keyof MinimaxFakeSettings]
})

const config = () => `
providers:
  minimax: { base_url: "${api.url}", poll_interval: 10ms }
profiles:
  e2e: { chat: offline, image: offline, video: minimax }
`

async function until(condition: () => boolean, what: string, live: LiveCli, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (live.child.exitCode !== null) throw new Error(`the run exited (${live.child.exitCode}) before ${what}:\n${live.stderr()}`)
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('vimax generate on MiniMax Hailuo (fake API)', () => {
  it('makes a two-shot film: create, query, retrieve, download; the key is nowhere but the auth header', async () => {
    const work = vendorWorkspace(config(), { MINIMAX_API_KEY: FAKE_KEY })
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as Summary).calls.video).toBe(2)
    const creates = api.requestsTo('minimax/create')
    expect(creates).toHaveLength(2)
    expect(creates[0]!.json).toMatchObject({ model: 'MiniMax-Hailuo-02', duration: 6, first_frame_image: expect.stringMatching(/^data:image\//) })
    expect(creates.every((request) => request.headers.authorization === `Bearer ${FAKE_KEY}`)).toBe(true)
    expect(api.requestsTo('minimax/retrieve')).toHaveLength(2)
    expect(api.requestsTo('files').every((request) => request.headers.authorization === undefined)).toBe(true)
    expectNoKeyAnywhere(work.dir, FAKE_KEY, [run.stdout, run.stderr])
  })

  it('a run killed after starting its tasks resumes them: the rerun polls the same task ids and starts none', async () => {
    // The killed run's call leases hold the rerun back for at most one lease TTL (30 s): the timeouts allow for it.
    const work = vendorWorkspace(config(), { MINIMAX_API_KEY: FAKE_KEY })
    settings.pendingPolls = Number.POSITIVE_INFINITY
    const live = spawnCli(['generate', 'spec.yaml', '-o', 'out', '--profile', 'e2e', '--json'], { cwd: work.dir, env: work.env })
    onTestFinished(() => void live.child.kill('SIGKILL')) // a failed wait must not leave it polling into the next test
    await until(() => [...minimax.tasks.values()].filter((task) => task.polls > 0).length >= 2, 'both MiniMax tasks to be polled', live)
    live.child.kill('SIGKILL')
    expect((await live.exit()).signal).toBe('SIGKILL')
    const started = [...minimax.tasks.keys()]
    expect(started).toHaveLength(2)

    for (const task of minimax.tasks.values()) task.settings = { ...task.settings, pendingPolls: 0 }
    delete settings.pendingPolls // a task the rerun wrongly started anew finishes too, and the count below says so
    const rerun = await runCli(['generate', 'spec.yaml', '-o', 'out', '--profile', 'e2e', '--json'], { cwd: work.dir, env: work.env, timeoutMs: 240_000 })
    expect(rerun.code, rerun.stderr).toBe(0)
    expect((JSON.parse(rerun.stdout) as Summary & { resumed: { video: number } }).resumed.video).toBe(2)
    expect(api.requestsTo('minimax/create')).toHaveLength(2)
    expect([...minimax.tasks.keys()]).toEqual(started)
    expect(new Set(api.requestsTo('minimax/retrieve').map((request) => request.query.file_id))).toEqual(new Set(started.map((id) => `file-${id}`)))
    expectNoKeyAnywhere(work.dir, FAKE_KEY, [rerun.stdout, rerun.stderr])
  }, 420_000)

  it('a missing MINIMAX_API_KEY is exit 2 naming it, before any request', async () => {
    const work = vendorWorkspace(config(), { MINIMAX_API_KEY: '' })
    const run = await work.run()
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/MINIMAX_API_KEY/)
    expect(api.requests).toHaveLength(0)
  })
})
