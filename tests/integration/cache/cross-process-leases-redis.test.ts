import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeApi, FAKE_KEY, falFake, fault, type FakeApi, type FalFake, type FalFakeSettings } from '../../support/fake-api/index.js'
import { paidByKind } from '../../support/paid-calls.js'
import { redisMissing, startRedisServer, type RedisTestServer } from '../../support/redis-server.js'
import { runCli, tempDir } from '../../support/run-cli.js'
import { startS3Server, type S3TestServer } from '../../support/s3-server.js'
import { spawnCli, type LiveCli } from '../../support/spawn-cli.js'
import { serveTestClip } from '../../support/test-clip.js'
import type { Summary } from '../../support/vendor-run.js'

/** Two different silent 1 s shots in small square frames: two frames and two clips to pay for. */
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

const root = tempDir()
const settings: FalFakeSettings = { queuedPolls: 2, runningPolls: 1 }
let fal: FalFake
let api: FakeApi
let redis: RedisTestServer
let s3: S3TestServer
let team = 0

/**
 * A team: machines with their own cache folders, sharing one Redis (records and leases) and one
 * bucket (blobs). Each test is its own team (a Redis database and a bucket prefix of its own).
 */
function newTeam() {
  const id = ++team
  const config = [
    'providers:',
    `  fal: { base_url: "${api.url}", poll_interval: 10ms }`,
    'profiles:',
    '  e2e: { chat: offline, image: fal, video: fal }',
    'cache:',
    `  store: ${redis.url}/${id}`,
    `  blobs: s3://vimax-test/team-${id}`,
    `  s3: { endpoint: "${s3.endpoint}", region: us-east-1, force_path_style: true }`,
    '',
  ].join('\n')
  return (name: string) => {
    const dir = path.join(root, `team-${id}-${name}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'vimax.config.yaml'), config)
    writeFileSync(path.join(dir, 'spec.yaml'), SPEC)
    const cacheDir = path.join(dir, 'cache')
    const args = ['generate', 'spec.yaml', '-o', 'out', '--profile', 'e2e', '--json', '--cache-dir', cacheDir]
    const env = { FAL_KEY: FAKE_KEY, REDIS_URL: '', ...s3.env() }
    return { cacheDir, run: () => runCli(args, { cwd: dir, env }), spawn: (): LiveCli => spawnCli(args, { cwd: dir, env }) }
  }
}

const submits = () => api.requestsTo('fal/submit')
const imageSubmits = () => submits().filter((request) => !request.path.includes('video')).length
const videoSubmits = () => submits().filter((request) => request.path.includes('video')).length

async function until(condition: () => boolean, what: string, live: LiveCli, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (live.child.exitCode !== null) throw new Error(`the run exited (${live.child.exitCode}) before ${what}:\n${live.stderr()}`)
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe.skipIf(redisMissing !== undefined)(`machines sharing one Redis and one bucket${redisMissing ? ` (skipped: ${redisMissing})` : ''}`, () => {
  beforeAll(async () => {
    fal = falFake(settings)
    api = await createFakeApi({ dialect: 'fal', auth: 'key', routes: fal.routes })
    await serveTestClip(api, root)
    redis = await startRedisServer()
    s3 = await startS3Server(['vimax-test'])
  })
  afterAll(async () => {
    await api?.close()
    await redis?.stop()
    await s3?.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('two machines started together on one spec pay for each image and video call once between them', async () => {
    api.reset()
    fal.requests.clear()
    api.script('fal/submit', ...fault.repeat(8, fault.slowHeaders(1_500))) // both inside each submit at once
    const machine = newTeam()
    const [a, b] = [machine('a'), machine('b')]
    const [runA, runB] = await Promise.all([a.run(), b.run()])
    expect(runA.code, runA.stderr).toBe(0)
    expect(runB.code, runB.stderr).toBe(0)
    expect(runA.stderr + runB.stderr).not.toMatch(/lease|pay twice|cannot reach/)
    expect(imageSubmits()).toBe(2)
    expect(videoSubmits()).toBe(2)
    const [paidA, paidB] = [paidByKind(a.cacheDir), paidByKind(b.cacheDir)]
    expect((paidA.image ?? 0) + (paidB.image ?? 0)).toBe(2)
    expect((paidA.video ?? 0) + (paidB.video ?? 0)).toBe(2)
    expect((paidA.chat ?? 0) + (paidB.chat ?? 0)).toBe(Math.max(paidA.chat ?? 0, paidB.chat ?? 0)) // no chat answer bought by both
  })

  it('a machine killed -9 after starting its video jobs: the next machine resumes the same jobs, the vendor sees one start each', async () => {
    api.reset()
    fal.requests.clear()
    settings.stuckVideo = true // frames go through; clips stay queued
    const machine = newTeam()
    const dead = machine('dead').spawn()
    const videos = () => [...fal.requests.values()].filter((request) => request.video)
    try {
      await until(() => videos().filter((request) => request.polls > 0).length >= 2, 'both clips to be polled', dead)
      const started = videos().map((request) => request.id).sort()
      dead.child.kill('SIGKILL')
      expect((await dead.exit()).signal).toBe('SIGKILL')
      settings.stuckVideo = false
      for (const request of fal.requests.values()) request.settings = { ...request.settings, stuckVideo: false }

      const next = await machine('next').run()
      expect(next.code, next.stderr).toBe(0)
      const summary = JSON.parse(next.stdout) as Summary & { resumed: { video: number; image: number } }
      expect(summary.resumed.video).toBe(2)
      expect(summary.cached.image).toBe(2) // the dead machine's frames, from Redis and the bucket
      expect(videoSubmits()).toBe(2)
      expect(imageSubmits()).toBe(2)
      expect(videos().map((request) => request.id).sort()).toEqual(started)
    } finally {
      settings.stuckVideo = false
      dead.child.kill('SIGKILL')
    }
  })
})
