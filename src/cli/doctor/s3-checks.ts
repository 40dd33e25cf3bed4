import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { createHash, randomBytes } from 'node:crypto'
import type { BlobSettings } from '../../cache/open-blob-store.js'
import { checkBucket, classifyS3Error, createS3Client, s3ConfigError, s3Reason } from '../../cache/s3-client.js'
import { describeS3, isS3Url, parseS3Url } from '../../cache/s3-location.js'
import { isVimaxError } from '../../errors.js'
import type { DoctorCheck } from './doctor-check.js'

const PROBE_TIMEOUT_MS = 10_000

/**
 * With `cache.blobs` on S3: the bucket checked as a run checks it, then a small object written,
 * read back (its digest compared) and deleted, each step timed. No row when blobs stay local.
 */
export async function s3Checks(settings: BlobSettings | undefined, env: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  if (!isS3Url(settings?.blobs)) return []
  const name = 's3 blobs'
  let location
  try {
    location = parseS3Url(settings.blobs)
  } catch (error) {
    return [failed(name, error)]
  }
  const options = settings.s3 ?? {}
  const where = `${describeS3(location)}${options.endpoint ? ` at ${options.endpoint}` : ''}`
  const client = createS3Client(options, env)
  try {
    const check = await checkBucket(client, location, options)
    if (check !== 'ok') {
      return [{ name, ok: false, detail: `${where}: cannot be reached (${check.unreachable})`, hint: 'check the network and cache.s3.endpoint; runs continue with local blobs unless cache.required is true', exitCode: 2 }]
    }
    const Key = `${location.prefix ? `${location.prefix}/` : ''}.vimax-doctor-${process.pid}-${randomBytes(4).toString('hex')}`
    const body = randomBytes(1024)
    const digest = createHash('sha256').update(body).digest()
    const signal = () => AbortSignal.timeout(PROBE_TIMEOUT_MS)
    const timed = async (step: () => Promise<unknown>) => {
      const start = performance.now()
      await step()
      return Math.round(performance.now() - start)
    }
    let read: Buffer | undefined
    const writeMs = await timed(() => client.send(new PutObjectCommand({ Bucket: location.bucket, Key, Body: body, ChecksumSHA256: digest.toString('base64') }), { abortSignal: signal() }))
    const readMs = await timed(async () => {
      const answer = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key }), { abortSignal: signal() })
      read = Buffer.from((await answer.Body?.transformToByteArray()) ?? [])
    })
    const deleteMs = await timed(() => client.send(new DeleteObjectCommand({ Bucket: location.bucket, Key }), { abortSignal: signal() }))
    if (!read || !createHash('sha256').update(read).digest().equals(digest)) {
      return [{ name, ok: false, detail: `${where}: an object read back differs from what was written`, hint: 'the store changes bytes in transit or at rest; check its settings (compression, a proxy)', exitCode: 2 }]
    }
    return [{ name, ok: true, detail: `${where}: write ${writeMs} ms · read ${readMs} ms · delete ${deleteMs} ms` }]
  } catch (error) {
    if (isVimaxError(error)) return [failed(name, error)]
    const fault = classifyS3Error(error)
    if (fault === 'auth' || fault === 'bucket') return [failed(name, s3ConfigError(fault, location, options, error))]
    return [{ name, ok: false, detail: `${where}: the write/read/delete probe failed (${s3Reason(error)})`, hint: 'check that the credentials may put, get and delete objects under the prefix', exitCode: 2 }]
  } finally {
    client.destroy()
  }
}

function failed(name: string, error: unknown): DoctorCheck {
  return isVimaxError(error)
    ? { name, ok: false, detail: `${error.message} (${error.code})`, ...(error.hint && { hint: error.hint }), exitCode: 2 }
    : { name, ok: false, detail: String(error), exitCode: 2 }
}
