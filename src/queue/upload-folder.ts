import { createReadStream } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { classifyS3Error, s3Reason } from '../cache/s3-client.js'
import { describeS3, type S3Location } from '../cache/s3-location.js'
import { ConfigError, ProviderError } from '../errors.js'

const TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.srt': 'application/x-subrip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.wav': 'audio/wav',
  '.svg': 'image/svg+xml',
}

/** An object written: its key and size. */
export interface UploadedObject {
  readonly key: string
  readonly bytes: number
}

/**
 * Copies an output folder to `s3://bucket/prefix/…`, file by file, streamed. Credentials or a
 * missing bucket fail the film for good (exit-2 class, the same on every worker); a store out of
 * reach is a retryable failure.
 */
export async function uploadFolder(client: S3Client, dir: string, location: S3Location): Promise<UploadedObject[]> {
  const uploaded: UploadedObject[] = []
  for (const file of await filesUnder(dir)) {
    const relative = path.relative(dir, file).split(path.sep).join('/')
    const key = location.prefix ? `${location.prefix}/${relative}` : relative
    const { size } = await stat(file)
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: location.bucket,
          Key: key,
          Body: createReadStream(file),
          ContentLength: size,
          ContentType: TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        }),
      )
    } catch (error) {
      throw uploadError(error, location, relative)
    }
    uploaded.push({ key, bytes: size })
  }
  return uploaded
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort()
}

function uploadError(error: unknown, location: S3Location, file: string): Error {
  const fault = classifyS3Error(error)
  const where = `--output ${describeS3(location)}`
  if (fault === 'bucket' || fault === 'auth') {
    return new ConfigError(`${where}: cannot upload ${file} (${s3Reason(error)})`, {
      code: 'E_OUTPUT_S3',
      hint: 'create the bucket, and give the worker AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY allowed s3:PutObject on it; cache.s3.endpoint, region and force_path_style apply to --output too',
      cause: error,
    })
  }
  return new ProviderError(`${where}: uploading ${file} failed (${s3Reason(error)})`, {
    code: 'E_OUTPUT_S3_UPLOAD',
    provider: 's3',
    retryable: true,
    hint: 'check the network and cache.s3.endpoint; the film is retried on its next attempt',
    cause: error,
  })
}
