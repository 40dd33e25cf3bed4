import type { Sleep } from '../../util/sleep.js'
import type { ModelKind } from '../types.js'

export interface OfflineOptions {
  /**
   * Simulated latency per call, for benchmarks: chat and image calls wait this long before
   * answering; a video job stays pending this long after it starts. Never part of a cache key.
   * @default 0 for every kind
   */
  readonly latencyMs?: Partial<Record<ModelKind, number>>
  /** Injected so tests can run simulated latency on a fake clock. */
  readonly sleep?: Sleep
  /** Where rendered media are written before the caller takes them. @default os.tmpdir()/vimax-offline */
  readonly workDir?: string
  /** Injected clock for video job timing. @default Date.now */
  readonly now?: () => number
}
