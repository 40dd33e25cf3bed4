import { ConfigError } from '../errors.js'
import { createBlobStore, type BlobStore } from './blob-store.js'
import type { S3Options } from './s3-client.js'
import { describeS3, isS3Url, parseS3Url } from './s3-location.js'
import { parseSize } from './size-units.js'

/** The blob settings of `cache:` in vimax.config.yaml. */
export interface BlobSettings {
  readonly blobs?: string
  readonly s3?: S3Options
  readonly local_copy?: string
  readonly required?: boolean
}

export interface OpenBlobStoreOptions {
  readonly cacheDir: string
  readonly settings: BlobSettings | undefined
  readonly env: NodeJS.ProcessEnv
  readonly warn: (message: string) => void
}

const DEFAULT_LOCAL_COPY = '5GB'

/**
 * The blob store a run writes to: the cache folder, or an S3 bucket with the folder as its
 * bounded copy. A setting a person must fix (a malformed URL, a missing bucket, refused
 * credentials) throws a ConfigError (exit 2); a bucket out of reach degrades to the folder with
 * one warning, unless `cache.required` asks the run to stop.
 */
export async function openBlobStore(options: OpenBlobStoreOptions): Promise<BlobStore> {
  const settings = options.settings ?? {}
  const local = () => createBlobStore(options.cacheDir)
  if (settings.blobs === undefined || settings.blobs.trim() === '' || /^(local|folder)$/i.test(settings.blobs.trim())) return local()
  if (!isS3Url(settings.blobs)) {
    throw new ConfigError(`cache.blobs: "${settings.blobs}" is neither an s3:// location nor "local"`, {
      code: 'E_CACHE_S3_URL',
      hint: 'write cache.blobs: s3://<bucket>/<prefix>, or leave it out to keep blobs in the cache folder',
    })
  }
  const location = parseS3Url(settings.blobs)
  const localCopyBytes = parseSize(settings.local_copy ?? DEFAULT_LOCAL_COPY, 'cache.local_copy')
  const s3 = settings.s3 ?? {}
  // Loaded only for a bucket: the AWS SDK costs every local run ~0.2 s of start-up.
  const [{ checkBucket, createS3Client }, { createS3BlobStore }] = await Promise.all([import('./s3-client.js'), import('./s3-blob-store.js')])
  const client = createS3Client(s3, options.env)
  let check: Awaited<ReturnType<typeof checkBucket>>
  try {
    check = await checkBucket(client, location, s3)
  } catch (error) {
    client.destroy()
    throw error
  }
  if (check !== 'ok') {
    client.destroy()
    const where = `${describeS3(location)}${s3.endpoint ? ` at ${s3.endpoint}` : ''}`
    if (settings.required) {
      throw new ConfigError(`cache.blobs: ${where} cannot be reached (${check.unreachable}) and cache.required is true`, {
        code: 'E_CACHE_S3_UNREACHABLE',
        hint: 'check the network and cache.s3.endpoint, or set cache.required: false to run with local blobs only',
      })
    }
    options.warn(`cache: ${where} cannot be reached (${check.unreachable}); this run keeps its blobs in the cache folder only`)
    return local()
  }
  return createS3BlobStore({ cacheDir: options.cacheDir, client, location, localCopyBytes, warn: options.warn })
}
