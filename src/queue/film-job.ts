import { canonicalJson } from '../cache/canonical-json.js'
import { sha256 } from '../util/digest.js'

/**
 * One film on the queue. The spec travels as its bytes, so a worker on another machine needs no
 * copy of the file; its path is kept for the ledger and for people reading `batch status`.
 */
export interface FilmJobData {
  readonly v: 1
  /** The spec's file name without extension (names the output folder). */
  readonly specName: string
  /** Absolute path on the machine that queued it. */
  readonly specPath: string
  /** The spec file's bytes, base64. */
  readonly specBase64: string
  /** sha256 of those bytes. */
  readonly specDigest: string
  /** This film's own output: an absolute folder, or `s3://bucket/prefix/<spec name>`. */
  readonly output: string
  readonly profile?: string
}

/** What a worker records on a film it finished. */
export interface FilmJobResult {
  readonly output: string
  /** The film itself: a path, or the `s3://` URL of film.mp4. */
  readonly film: string
  readonly filmBytes: number
  readonly runId: string
  readonly worker: string
  readonly calls: number
  readonly cached: number
  readonly resumed: number
}

/**
 * The same spec bytes to the same output with the same profile are the same film: the id is
 * derived from them, so queuing a film twice (a second `vimax batch`, a retried script) adds nothing.
 */
export function filmJobId(data: Pick<FilmJobData, 'specDigest' | 'output' | 'profile'>): string {
  const key = canonicalJson({ spec: data.specDigest, output: data.output, profile: data.profile ?? null })
  return `film-${sha256(key).slice(0, 24)}`
}
