import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { ConfigError } from '../errors.js'
import { describeS3, type S3Location } from './s3-location.js'

/** `cache.s3` in vimax.config.yaml. */
export interface S3Options {
  readonly endpoint?: string
  readonly region?: string
  readonly force_path_style?: boolean
}

/**
 * A client for the blob bucket. Credentials come from the standard AWS chain (environment,
 * shared config and profiles, SSO, instance roles); keys in the run's own environment (a `.env`)
 * are passed explicitly since the chain reads only `process.env`.
 */
export function createS3Client(options: S3Options, env: NodeJS.ProcessEnv): S3Client {
  // The SDK warns on stderr about its future Node support; vimax pins a release that supports
  // Node 20, and only src/cli/ prints.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const keys =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }) } }
      : {}
  return new S3Client({
    region: options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(options.endpoint && { endpoint: options.endpoint }),
    forcePathStyle: options.force_path_style ?? false,
    // Decision: checksums only where we ask for them (our own sha256 on PUT, verified on read):
    // the SDK's default CRC trailers (aws-chunked) are not understood by every S3-compatible store.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    ...keys,
  })
}

export type S3Fault = 'bucket' | 'auth' | 'unreachable' | 'missing' | 'other'

/** What an S3 failure means for the person running vimax; never the SDK's message, which may quote a key id. */
export function classifyS3Error(error: unknown): S3Fault {
  const e = error as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number } }
  const name = e.Code ?? e.name ?? ''
  if (name === 'NoSuchBucket') return 'bucket'
  if (name === 'NoSuchKey' || name === 'NotFound') return 'missing'
  if (/^(InvalidAccessKeyId|SignatureDoesNotMatch|AccessDenied|InvalidToken|ExpiredToken|CredentialsProviderError|InvalidClientTokenId)$/.test(name)) return 'auth'
  if (e.$metadata?.httpStatusCode === 403 || e.$metadata?.httpStatusCode === 401) return 'auth'
  if (name === 'TimeoutError' || name === 'AbortError' || /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE)$/.test(e.code ?? '')) return 'unreachable'
  if (e.$metadata?.httpStatusCode === undefined || e.$metadata.httpStatusCode >= 500) return 'unreachable'
  return 'other'
}

/** A short reason for a warning: the error's name or network code, never its message text. */
export function s3Reason(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number } }
  const status = e.$metadata?.httpStatusCode
  return [e.code ?? e.Code ?? e.name ?? 'error', status === undefined ? undefined : `HTTP ${status}`].filter(Boolean).join(', ')
}

const CHECK_KEY = '.vimax-bucket-check'
const CHECK_TIMEOUT_MS = 10_000

/**
 * One cheap request at start: a GET of a key that never exists. Its answer tells a missing bucket
 * (NoSuchBucket) from bad credentials (403) from a store out of reach, which a HEAD cannot:
 * a HEAD's error has no body. Resolves 'ok' or 'unreachable'; a fault a person must fix throws.
 */
export async function checkBucket(client: S3Client, location: S3Location, options: S3Options): Promise<'ok' | { unreachable: string }> {
  const Key = location.prefix ? `${location.prefix}/${CHECK_KEY}` : CHECK_KEY
  try {
    await client.send(new GetObjectCommand({ Bucket: location.bucket, Key }), { abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS) })
    return 'ok'
  } catch (error) {
    const fault = classifyS3Error(error)
    if (fault === 'missing') return 'ok'
    if (fault === 'unreachable') return { unreachable: s3Reason(error) }
    throw s3ConfigError(fault, location, options, error)
  }
}

/** The exit-2 errors of a bucket that cannot be used as configured. */
export function s3ConfigError(fault: S3Fault, location: S3Location, options: S3Options, cause: unknown): ConfigError {
  const where = `cache.blobs: ${describeS3(location)}${options.endpoint ? ` at ${options.endpoint}` : ''}`
  if (fault === 'bucket') {
    return new ConfigError(`${where}: the bucket "${location.bucket}" does not exist`, {
      code: 'E_CACHE_S3_BUCKET',
      hint: `create the bucket (aws s3 mb s3://${location.bucket}, or in the MinIO/R2 console) or correct cache.blobs; check cache.s3.endpoint and region`,
      cause,
    })
  }
  if (fault === 'auth') {
    return new ConfigError(`${where}: the S3 credentials were refused (${s3Reason(cause)})`, {
      code: 'E_CACHE_S3_AUTH',
      hint: 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) to a key allowed s3:GetObject, s3:PutObject and s3:ListBucket on the bucket',
      cause,
    })
  }
  return new ConfigError(`${where}: the bucket cannot be used (${s3Reason(cause)})`, {
    code: 'E_CACHE_S3_BUCKET',
    hint: 'check cache.blobs, cache.s3.endpoint, cache.s3.region and cache.s3.force_path_style (MinIO needs true)',
    cause,
  })
}
