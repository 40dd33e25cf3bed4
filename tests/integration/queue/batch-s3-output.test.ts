import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisMissing, startRedisServer, type RedisTestServer } from '../../support/redis-server.js'
import { runCli, tempDir } from '../../support/run-cli.js'
import { S3_TEST_KEYS, startS3Server, type S3TestServer } from '../../support/s3-server.js'
import { batchStatus, writeSpec } from './queue-fixtures.js'

const root = tempDir('vimax-queue-s3-')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe.skipIf(redisMissing !== undefined)(`batch --output s3://${redisMissing ? ` (skipped: ${redisMissing})` : ''}`, () => {
  let redis: RedisTestServer
  let s3: S3TestServer
  beforeAll(async () => {
    ;[redis, s3] = await Promise.all([startRedisServer(), startS3Server(['films'])])
  })
  afterAll(async () => {
    await Promise.all([redis?.stop(), s3?.close()])
  })

  it('uploads each film folder under the prefix: film.mp4 is in the bucket with the size the worker made, and status shows its s3 URL', async () => {
    const cwd = path.join(root, 'project')
    mkdirSync(cwd, { recursive: true })
    // --output takes the endpoint and path style from cache.s3, as the blob bucket does.
    writeFileSync(path.join(cwd, 'vimax.config.yaml'), `cache:\n  s3:\n    endpoint: ${s3.endpoint}\n    force_path_style: true\n`)
    const env = { REDIS_URL: redis.url, VIMAX_CACHE_DIR: path.join(root, 'cache'), ...s3.env() }
    const spec = writeSpec(cwd, 'delta')
    const queued = await runCli(['batch', spec, '--profile', 'offline', '--output', 's3://films/renders/week-1'], { cwd, env })
    expect(queued.code, queued.stderr).toBe(0)
    expect(queued.stdout).toContain('→  s3://films/renders/week-1/delta')

    const worker = await runCli(['worker', '--until-empty', '--quiet'], { cwd, env })
    expect(worker.code, worker.stderr).toBe(0)
    const [film] = (await batchStatus(cwd, env)).films
    expect(film).toMatchObject({ state: 'done', output: 's3://films/renders/week-1/delta', film: 's3://films/renders/week-1/delta/film.mp4' })

    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3_TEST_KEYS })
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: 'films', Key: 'renders/week-1/delta/film.mp4' }))
      const bytes = await object.Body!.transformToByteArray()
      expect(bytes.byteLength).toBeGreaterThan(1000)
      expect(bytes.byteLength).toBe(film!.film_bytes)
      expect(Buffer.from(bytes.subarray(4, 8)).toString('latin1')).toBe('ftyp')
      expect(object.ContentType).toBe('video/mp4')
      const manifest = await client.send(new GetObjectCommand({ Bucket: 'films', Key: 'renders/week-1/delta/manifest.json' }))
      expect(JSON.parse(await manifest.Body!.transformToString())).toHaveProperty('spec')
    } finally {
      client.destroy()
    }
  })
})
