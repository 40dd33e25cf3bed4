import path from 'node:path'
import { describeS3, isS3Url, parseS3Url, type S3Location } from '../cache/s3-location.js'

/** Where a batch's films go: one folder (or one prefix in a bucket) per film, named after its spec. */
export type OutputBase = { readonly kind: 'folder'; readonly dir: string } | { readonly kind: 's3'; readonly location: S3Location }

/**
 * `--output`: a folder (made absolute here, so every worker writes where the person asked — a
 * shared disk when workers run elsewhere) or `s3://bucket/prefix`. A malformed s3 URL is a
 * ConfigError naming `--output`.
 */
export function parseOutputBase(text: string | undefined, cwd: string): OutputBase {
  if (isS3Url(text)) return { kind: 's3', location: parseS3Url(text, '--output') }
  return { kind: 'folder', dir: path.resolve(cwd, text ?? 'vimax-out') }
}

/** One film's output location, as stored on its job. */
export function filmOutput(base: OutputBase, specName: string): string {
  if (base.kind === 'folder') return path.join(base.dir, specName)
  const prefix = base.location.prefix ? `${base.location.prefix}/${specName}` : specName
  return describeS3({ bucket: base.location.bucket, prefix })
}
