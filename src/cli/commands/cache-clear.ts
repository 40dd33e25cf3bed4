import type { CacheNamespace } from '../../cache/cache-records.js'
import { openCacheStores } from '../../cache/open-cache.js'
import type { RecordBackend } from '../../cache/record-backend.js'
import { applyPrune } from '../../cache/prune-apply.js'
import { planClear } from '../../cache/prune-plan.js'
import { formatBytes } from '../../cache/size-units.js'
import { ConfigError } from '../../errors.js'
import { suggest } from '../../util/suggest.js'
import type { CliIo } from '../io.js'
import { jsonStyleWithDeprecated } from '../json-style.js'

export interface CacheClearFlags {
  /** Where the records live (`recordBackendOf`). @default the folder's SQLite file */
  readonly backend?: RecordBackend
  readonly cacheDir: string
  /** chat, image or video; all three when absent. */
  readonly kind?: string
  readonly yes?: boolean
  readonly json?: boolean
}

export interface CacheClearDeps {
  /**
   * Asks the person at the terminal; the caller passes one only when stdin is a TTY. Without it
   * (CI, pipes) `--yes` is required.
   */
  readonly confirm?: (question: string) => Promise<boolean>
  readonly now?: () => number
}

const KINDS = ['chat', 'image', 'video', 'speech', 'music'] as const

/**
 * `vimax cache clear [--kind chat|image|video|speech|music] [--yes]`. Decision: recorded jobs (`job:`, video and queued images) are
 * kept — each stands for a clip already paid for that a rerun can still collect; `cache prune
 * --older-than` removes them once they are stale.
 */
export async function cacheClearCommand(flags: CacheClearFlags, io: CliIo, deps: CacheClearDeps = {}): Promise<number> {
  const kinds = flags.kind === undefined ? [...KINDS] : [checkKind(flags.kind)]
  const what = flags.kind === undefined ? 'every cached result' : `every cached ${flags.kind} result`
  if (!flags.yes) {
    if (deps.confirm === undefined) {
      throw new ConfigError(`cache clear: refusing to delete ${what} in ${flags.cacheDir} without confirmation`, {
        code: 'E_USAGE',
        hint: 'rerun with --yes (or use vimax cache prune to delete only old or excess entries)',
      })
    }
    if (!(await deps.confirm(`Delete ${what} in ${flags.cacheDir}?`))) {
      io.stderr.write('nothing deleted\n')
      return 0
    }
  }
  const warn = (message: string) => io.stderr.write(`warning: ${message}\n`)
  const stores = await openCacheStores({ cacheDir: flags.cacheDir, warn, ...(flags.backend && { backend: flags.backend }) })
  try {
    const plan = await planClear({ records: stores.records, files: stores.blobs }, { namespaces: kinds, now: (deps.now ?? Date.now)() })
    const { records, blobs, temps, freedBytes } = await applyPrune(plan, stores)
    const done = { records, blobs, temps, freedBytes }
    const keptJobs = (await stores.records.stats()).namespaces.job.entries
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(jsonStyleWithDeprecated({ kinds, ...done, keptJobs }))}\n`)
    } else {
      const kept = keptJobs > 0 ? `; kept ${keptJobs} recorded job${keptJobs === 1 ? '' : 's'} (already paid for)` : ''
      io.stdout.write(`cleared ${done.records} record${done.records === 1 ? '' : 's'} and ${done.blobs} blob${done.blobs === 1 ? '' : 's'}: ${formatBytes(done.freedBytes)} freed${kept}\n`)
    }
    return 0
  } finally {
    await stores.close()
  }
}

function checkKind(kind: string): CacheNamespace {
  if ((KINDS as readonly string[]).includes(kind)) return kind as CacheNamespace
  const guess = suggest(kind, KINDS)
  throw new ConfigError(`--kind: expected chat, image or video, got "${kind}"`, {
    code: 'E_USAGE',
    hint: guess === undefined ? 'leave --kind out to clear all three' : `did you mean --kind ${guess}?`,
  })
}
