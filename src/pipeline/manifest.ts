import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ArtifactRecord } from './artifacts.js'
import type { SoundtrackFacts } from './soundtrack.js'

export interface ManifestShot {
  readonly id: string
  readonly scene: string
  readonly take: number
  readonly seconds: number
  readonly frame?: string
  readonly clip?: string
}

/** manifest.json: what a run made, from which model, at what cost in time — and what it left undone. */
export interface Manifest {
  readonly version: 1
  readonly status: 'complete' | 'interrupted' | 'failed' | 'stopped'
  /** The ledger's id for the run that wrote this manifest (`vimax runs show`, `vimax report`). */
  readonly run_id?: string
  readonly spec: { readonly path: string; readonly sha256: string }
  readonly title: string | undefined
  readonly aspect_ratio: string
  /** Speech and music are absent from a manifest written before they were kinds. */
  readonly models: { readonly chat: string; readonly image: string; readonly video: string; readonly speech?: string; readonly music?: string }
  readonly started_at: string
  readonly finished_at: string
  readonly wall_ms: number
  readonly film: { readonly path: string; readonly duration_s: number; readonly sha256: string } | undefined
  /** The mix as measured after it was made (EBU R128); absent for a silent film or an unfinished run. */
  readonly audio?: SoundtrackFacts
  readonly shots: readonly ManifestShot[]
  readonly artifacts: readonly ManifestArtifact[]
  readonly error: { readonly code: string; readonly message: string } | undefined
}

export interface ManifestArtifact {
  readonly path: string
  readonly kind: string
  readonly subject: string
  readonly sha256: string
  readonly bytes: number
  readonly model: string | undefined
  /** Made by a fallback model: why the models listed before it did not make it. */
  readonly fallback?: string
  readonly cached: boolean
  readonly latency_ms: number | undefined
  readonly cache_key: string | undefined
  /** A clip's reference images (reference-to-video), by label, in the order sent. */
  readonly references?: readonly string[]
}

export function manifestArtifact(record: ArtifactRecord): ManifestArtifact {
  return {
    path: record.path,
    kind: record.kind,
    subject: record.subject,
    sha256: record.sha256,
    bytes: record.bytes,
    model: record.model,
    ...(record.fallback !== undefined && { fallback: record.fallback }),
    cached: record.cached === true,
    latency_ms: record.latencyMs,
    cache_key: record.cacheKey,
    ...(record.references && { references: record.references }),
  }
}

/** The previous run's manifest in this folder, if any: it carries each shot's take. */
export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest
    return parsed && parsed.version === 1 && Array.isArray(parsed.shots) && Array.isArray(parsed.artifacts) ? parsed : undefined
  } catch {
    return undefined
  }
}
