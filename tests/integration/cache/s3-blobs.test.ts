import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'
import { S3_TEST_KEYS, startS3Server, type S3TestServer } from '../../support/s3-server.js'

const dir = tempDir()
let s3: S3TestServer
beforeAll(async () => {
  s3 = await startS3Server(['vimax-test'])
})
afterAll(async () => {
  await s3?.close()
  rmSync(dir, { recursive: true, force: true })
})

// One shot, no cast, no sound: one image and one clip, so each run stays quick.
const SPEC = `
title: Bucket
audio: false
scenes:
  - shots:
      - { shot_id: 1, first_frame: A brass lamp on a desk., video_prompt: Slow push in. }
`
const ZERO = { chat: 0, image: 0, video: 0, speech: 0, music: 0 }
type Counts = { chat: number; image: number; video: number; speech: number; music: number }
type Summary = { calls: Counts; cached: Counts }

/** A working folder whose vimax.config.yaml points blobs at the test bucket (or wherever `blobs` says). */
function project(name: string, cache: string): string {
  const cwd = path.join(dir, name)
  mkdirSync(cwd, { recursive: true })
  writeFileSync(path.join(cwd, 'vimax.config.yaml'), `cache:\n${cache}`)
  writeFileSync(path.join(cwd, 'spec.yaml'), SPEC)
  return cwd
}
const s3Cache = (bucket = 'vimax-test', extra = '') =>
  `  blobs: s3://${bucket}/team\n  s3: { endpoint: "${s3.endpoint}", region: us-east-1, force_path_style: true }\n${extra}`

async function generate(cwd: string, cacheDir: string, env: Record<string, string> = s3.env()) {
  const out = path.join(cwd, `out-${path.basename(cacheDir)}`)
  const run = await runCli(['generate', 'spec.yaml', '-o', out, '--json'], { cwd, env: { VIMAX_CACHE_DIR: cacheDir, ...env } })
  return { run, out, film: () => readFileSync(path.join(out, 'film.mp4')) }
}
async function generateOk(cwd: string, cacheDir: string): Promise<Summary & { film: Buffer; stderr: string }> {
  const { run, film } = await generate(cwd, cacheDir)
  expect(run.code, run.stderr).toBe(0)
  return { ...(JSON.parse(run.stdout) as Summary), film: film(), stderr: run.stderr }
}
/** Another machine: its own empty cache folder, the first one's records (the team's shared record store). */
function machineWithRecordsOf(from: string, name: string): string {
  const to = path.join(dir, name)
  mkdirSync(to, { recursive: true })
  for (const file of readdirSync(from)) if (file.startsWith('cache.sqlite')) copyFileSync(path.join(from, file), path.join(to, file))
  return to
}
const blobGets = (requests: readonly string[]) => requests.filter((line) => /^GET \/vimax-test\/team\/[0-9a-f]{2}\/[0-9a-f]{64}/.test(line))

describe('blobs on S3-compatible storage', () => {
  const cwd = () => path.join(dir, 'team')
  const first = () => path.join(dir, 'machine-a')
  let film: Buffer

  it('a run uploads its blobs; a second machine with a fresh cache folder makes zero provider calls and the same film', async () => {
    project('team', s3Cache())
    const a = await generateOk(cwd(), first())
    expect(a.calls.image + a.calls.video).toBeGreaterThan(0)
    expect(s3.requests.some((line) => /^PUT \/vimax-test\/team\/[0-9a-f]{2}\/[0-9a-f]{64}/.test(line))).toBe(true)
    film = a.film

    const before = s3.requests.length
    const b = await generateOk(cwd(), machineWithRecordsOf(first(), 'machine-b'))
    expect(b.calls).toEqual(ZERO)
    expect(b.film.equals(film)).toBe(true)
    expect(blobGets(s3.requests.slice(before)).length).toBeGreaterThan(0)
  })

  it('a warm rerun on the same machine reads no blob over the network', async () => {
    const before = s3.requests.length
    const again = await generateOk(cwd(), path.join(dir, 'machine-b'))
    expect(again.calls).toEqual(ZERO)
    expect(again.film.equals(film)).toBe(true)
    const seen = s3.requests.slice(before)
    expect(blobGets(seen)).toEqual([])
    // Only the one cheap bucket check at start: nothing uploaded or read.
    expect(seen.filter((line) => !line.includes('.vimax-bucket-check'))).toEqual([])
  })

  it('a damaged object is a miss: the call is made again and the object replaced', async () => {
    // Same length, other bytes, on every image blob: only the digest can tell.
    const images = readdirSync(path.join(first(), 'blobs'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.png'))
    expect(images.length).toBeGreaterThan(0)
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3_TEST_KEYS, requestChecksumCalculation: 'WHEN_REQUIRED' })
    for (const name of images) {
      const sha = path.basename(name).split('.')[0]!
      const bytes = readFileSync(path.join(first(), 'blobs', name))
      await client.send(new PutObjectCommand({ Bucket: 'vimax-test', Key: `team/${sha.slice(0, 2)}/${sha}`, Body: bytes.map((byte) => byte ^ 0xff) }))
    }
    client.destroy()

    const c = await generateOk(cwd(), machineWithRecordsOf(first(), 'machine-c'))
    expect(c.calls.image).toBe(images.length)
    expect(c.calls.video + c.calls.chat).toBe(0)
    expect(c.stderr).toMatch(/missing or damaged/)
    expect(c.film.equals(film)).toBe(true)
    // Replaced in the bucket, though a HEAD found an object of the right size there.
    const d = await generateOk(cwd(), machineWithRecordsOf(first(), 'machine-d'))
    expect(d.calls).toEqual(ZERO)
  })
})

describe('S3 settings a person must fix, and a store out of reach', () => {
  const SECRET = 'wJalrXUtnFEMI-test-secret-never-shown'
  const KEY_ID = 'AKIATESTKEYNEVERSHOWN'

  it('a missing bucket exits 2 naming cache.blobs and the fix', async () => {
    const cwd = project('missing-bucket', s3Cache('no-such-bucket'))
    const { run } = await generate(cwd, path.join(dir, 'cache-missing'))
    expect(run.code).toBe(2)
    expect(run.stdout + run.stderr).toMatch(/cache\.blobs.*no-such-bucket.*does not exist/)
    expect(run.stdout + run.stderr).toContain('E_CACHE_S3_BUCKET')
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('wrong credentials exit 2, and neither the key id nor the secret is printed', async () => {
    const cwd = project('wrong-keys', s3Cache())
    for (const env of [
      { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1' },
      { AWS_ACCESS_KEY_ID: S3_TEST_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1' },
    ]) {
      const { run } = await generate(cwd, path.join(dir, 'cache-keys'), env)
      expect(run.code, run.stderr).toBe(2)
      expect(run.stdout + run.stderr).toContain('E_CACHE_S3_AUTH')
      expect(run.stdout + run.stderr).toMatch(/AWS_ACCESS_KEY_ID/)
      expect(run.stdout + run.stderr).not.toContain(SECRET)
      expect(run.stdout + run.stderr).not.toContain(KEY_ID)
    }
  })

  it('a malformed s3:// URL exits 2 naming the setting', async () => {
    const cwd = project('bad-url', `  blobs: s3://Bad_Bucket!/x\n`)
    const { run } = await generate(cwd, path.join(dir, 'cache-url'))
    expect(run.code).toBe(2)
    expect(run.stdout + run.stderr).toContain('E_CACHE_S3_URL')
    expect(run.stdout + run.stderr).toMatch(/cache\.blobs/)
  })

  it('a store out of reach: the run goes on with local blobs and one warning, or exits 2 when cache.required', async () => {
    const closed = `  blobs: s3://vimax-test/team\n  s3: { endpoint: "http://127.0.0.1:9", force_path_style: true }\n`
    const cwd = project('unreachable', closed)
    const cacheDir = path.join(dir, 'cache-unreachable')
    const { run } = await generate(cwd, cacheDir)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr.match(/cannot be reached/g)).toHaveLength(1)
    expect(existsSync(path.join(cacheDir, 'blobs'))).toBe(true)

    const strict = project('unreachable-required', `${closed}  required: true\n`)
    const failed = await generate(strict, path.join(dir, 'cache-required'))
    expect(failed.run.code).toBe(2)
    expect(failed.run.stdout + failed.run.stderr).toContain('E_CACHE_S3_UNREACHABLE')
  })
})

describe('vimax doctor with blobs on S3', () => {
  it('reports a write/read/delete probe with its latency, and a missing bucket as a failure', async () => {
    const ok = await runCli(['doctor', '--offline', '--json'], { cwd: project('doctor', s3Cache()), env: { VIMAX_CACHE_DIR: path.join(dir, 'cache-doctor'), ...s3.env() } })
    const checks = (JSON.parse(ok.stdout) as { checks: { name: string; ok: boolean; detail: string }[] }).checks
    const row = checks.find((check) => check.name === 's3 blobs')
    expect(row?.ok, JSON.stringify(row)).toBe(true)
    expect(row?.detail).toMatch(/write \d+ ms · read \d+ ms · delete \d+ ms/)
    expect(s3.requests.some((line) => line.startsWith('DELETE /vimax-test/team/.vimax-doctor-'))).toBe(true)

    const bad = await runCli(['doctor', '--offline', '--json'], { cwd: project('doctor-bad', s3Cache('no-such-bucket')), env: { VIMAX_CACHE_DIR: path.join(dir, 'cache-doctor'), ...s3.env() } })
    expect(bad.code).toBe(2)
    const badRow = (JSON.parse(bad.stdout) as { checks: { name: string; ok: boolean; detail: string }[] }).checks.find((check) => check.name === 's3 blobs')
    expect(badRow).toMatchObject({ ok: false })
    expect(badRow?.detail).toContain('E_CACHE_S3_BUCKET')
  })
})
