import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeApi, FAKE_KEY, falFake, fault, type FakeApi, type FalFake, type FalFakeSettings } from '../../support/fake-api/index.js'
import { paidByKind, paidTwice } from '../../support/paid-calls.js'
import { runCli, tempDir } from '../../support/run-cli.js'
import { spawnCli, type LiveCli } from '../../support/spawn-cli.js'
import { serveTestClip } from '../../support/test-clip.js'
import { vendorWorkspace, type Summary } from '../../support/vendor-run.js'

/**
 * Two runs of one spec started together on one cache folder (two terminals, two CI jobs). The
 * fake fal queue answers submits slowly, so both runs reach every image and video call while
 * the other is still paying for it: without leases each is bought twice.
 */
const scratch = tempDir()
const settings: FalFakeSettings = { queuedPolls: 2, runningPolls: 1 }
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

const CONFIG = (url: string) => `providers:\n  fal: { base_url: "${url}", poll_interval: 10ms }\nprofiles:\n  e2e: { chat: offline, image: fal, video: fal }\n`
/** Two different silent 1 s shots in small square frames: two frames and two clips to pay for, quickly. */
const SPEC = [
  'title: Two Doors',
  'aspect_ratio: "1:1"',
  'audio: false',
  'music: false',
  'scenes:',
  '  - shots:',
  '      - { shot_id: 1, first_frame: A red door in a white wall., video_prompt: Static shot of the red door., seconds: 1 }',
  '      - { shot_id: 2, first_frame: A blue door in a brick wall., video_prompt: Slow push in on the blue door., seconds: 1 }',
  '',
].join('\n')
const submits = () => api.requestsTo('fal/submit')
const imageSubmits = () => submits().filter((request) => !request.path.includes('video')).length
const videoSubmits = () => submits().filter((request) => request.path.includes('video')).length

function workspace(env: NodeJS.ProcessEnv = {}) {
  const work = vendorWorkspace(CONFIG(api.url), { FAL_KEY: FAKE_KEY, ...env })
  writeFileSync(path.join(work.dir, 'spec.yaml'), SPEC)
  const cacheDir = path.join(work.dir, 'cache')
  const args = (out: string) => ['generate', 'spec.yaml', '-o', out, '--profile', 'e2e', '--json', '--cache-dir', cacheDir]
  return {
    cacheDir,
    run: (out: string) => runCli(args(out), { cwd: work.dir, env: work.env }),
    spawn: (out: string): LiveCli => spawnCli(args(out), { cwd: work.dir, env: work.env }),
  }
}

async function until(condition: () => boolean, what: string, live: LiveCli, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (live.child.exitCode !== null) throw new Error(`the run exited (${live.child.exitCode}) before ${what}:\n${live.stderr()}`)
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('two runs at once on one SQLite cache folder', () => {
  it('started together, they pay for each chat, image and video call once in total', async () => {
    api.reset()
    fal.requests.clear()
    // Each submit answers slowly, as a loaded vendor does: both runs are inside the same submit at once.
    api.script('fal/submit', ...fault.repeat(8, fault.slowHeaders(1_500)))
    const work = workspace()
    const [a, b] = await Promise.all([work.run('out-a'), work.run('out-b')])
    expect(a.code, a.stderr).toBe(0)
    expect(b.code, b.stderr).toBe(0)
    expect(a.stderr + b.stderr).not.toMatch(/lease|pay twice/)
    // Two frames and two clips, each submitted once; the ledger agrees, chat calls included.
    expect(imageSubmits()).toBe(2)
    expect(videoSubmits()).toBe(2)
    expect(paidTwice(work.cacheDir)).toEqual([])
    expect(paidByKind(work.cacheDir)).toMatchObject({ image: 2, video: 2 })
    const summaries = [a, b].map((run) => JSON.parse(run.stdout) as Summary)
    expect(summaries.map((summary) => summary.status)).toEqual(['ok', 'ok'])
  })

  it('a run killed -9 while it holds leases holds up the other only until they expire; the other finishes, paying nothing twice', async () => {
    api.reset()
    fal.requests.clear()
    settings.stuck = true // every request stays IN_QUEUE until released
    const work = workspace({ VIMAX_LEASE_TTL_MS: '1500' })
    const holder = work.spawn('out-a')
    const images = () => [...fal.requests.values()].filter((request) => !request.video)
    try {
      // Both frames are queued, their leases held by the first run.
      await until(() => images().filter((request) => request.polls > 0).length >= 2, 'two image requests to be polled', holder)
      const waiter = work.spawn('out-b')
      await new Promise((resolve) => setTimeout(resolve, 2_000)) // time to reach the frames and find their leases taken
      holder.child.kill('SIGKILL')
      expect((await holder.exit()).signal).toBe('SIGKILL')
      settings.stuck = false
      for (const request of fal.requests.values()) request.settings = { ...request.settings, stuck: false }
      const done = await waiter.exit()
      expect(done.code, waiter.stderr()).toBe(0)
      const summary = JSON.parse(waiter.stdout()) as Summary & { resumed: { image: number } }
      // The dead run's two paid requests were resumed (their job records), never submitted again.
      expect(summary.resumed.image, waiter.stdout() + waiter.stderr()).toBe(2)
      expect(imageSubmits()).toBe(2)
      expect(videoSubmits()).toBe(2)
      expect(paidTwice(work.cacheDir)).toEqual([])
    } finally {
      settings.stuck = false
      holder.child.kill('SIGKILL')
    }
  })
})
