import { ConfigError } from '../errors.js'

/** Where blobs live in a bucket: `s3://bucket/prefix` from `cache.blobs`. */
export interface S3Location {
  readonly bucket: string
  /** Without leading or trailing slashes; empty for the bucket's root. */
  readonly prefix: string
}

// S3's own bucket rules (3–63 of a-z, 0-9, dot, hyphen; a letter or digit at each end): a name
// that breaks them can never exist, so it is a typo worth naming before any request.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/** True when `cache.blobs` names S3 rather than the cache folder. */
export function isS3Url(text: string | undefined): text is string {
  return text !== undefined && /^s3:/i.test(text.trim())
}

/** `s3://bucket/some/prefix` → `{ bucket, prefix }`; anything else is a ConfigError naming the setting. */
export function parseS3Url(text: string, setting = 'cache.blobs'): S3Location {
  const match = /^s3:\/\/([^/?#\s]*)(\/[^?#\s]*)?$/.exec(text.trim())
  const bucket = match?.[1] ?? ''
  if (!match || !BUCKET.test(bucket) || bucket.includes('..')) {
    throw new ConfigError(`${setting}: "${text}" is not an S3 location such as s3://my-bucket/vimax`, {
      code: 'E_CACHE_S3_URL',
      hint: `write ${setting}: s3://<bucket>/<prefix> (a bucket name of 3–63 lowercase letters, digits, dots or hyphens); for MinIO or R2 set cache.s3.endpoint too`,
    })
  }
  const prefix = (match[2] ?? '').split('/').filter((part) => part.length > 0).join('/')
  return { bucket, prefix }
}

/** The object key of a blob: `<prefix>/<sha256[0:2]>/<sha256>`, the same bytes one key whatever their type. */
export function blobKey(location: S3Location, sha256: string): string {
  const shard = `${sha256.slice(0, 2)}/${sha256}`
  return location.prefix ? `${location.prefix}/${shard}` : shard
}

/** `s3://bucket/prefix` as a person reads it in warnings and doctor. */
export function describeS3(location: S3Location): string {
  return `s3://${location.bucket}${location.prefix ? `/${location.prefix}` : ''}`
}
