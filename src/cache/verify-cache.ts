import { existsSync } from 'node:fs'
import { openLedger } from '../ledger/open-ledger.js'
import { digestFile } from '../util/digest-file.js'
import { openCacheStores } from './open-cache.js'
import type { RecordBackend } from './record-backend.js'
import type { StoreCheck } from './record-store.js'

export interface DamagedBlob {
  readonly path: string
  readonly sha256: string
  /** What the file's bytes hash to now (absent when it could not be read). */
  readonly actual?: string
}

export interface CacheCheck {
  readonly ok: boolean
  readonly records: StoreCheck & { readonly backend: string }
  /** Absent when the cache has no ledger file. */
  readonly ledger?: StoreCheck
  readonly blobs: { readonly checked: number; readonly damaged: readonly DamagedBlob[] }
}

const DIGEST_CONCURRENCY = 4

/**
 * `vimax cache verify`: the checks no longer run on every open. The record store's own check
 * (SQLite `quick_check`, or `integrity_check` when thorough, plus its counters), the ledger's,
 * and every blob's bytes against the digest it is named by. Damage an open itself finds (a file
 * moved aside) is reported too. Reads only; a damaged SQLite file is marked, so the next open
 * moves it aside.
 */
export async function verifyCache(options: {
  readonly cacheDir: string
  readonly ledgerFile: string
  readonly thorough?: boolean
  readonly backend?: RecordBackend
  readonly warn: (message: string) => void
}): Promise<CacheCheck> {
  const openProblems: string[] = []
  const collect = (message: string) => {
    if (/damaged|cannot open/.test(message)) openProblems.push(message)
    else options.warn(message)
  }
  const thorough = options.thorough ?? false
  const stores = await openCacheStores({ cacheDir: options.cacheDir, warn: collect, ...(options.backend && { backend: options.backend }) })
  let records: CacheCheck['records']
  let blobs: CacheCheck['blobs']
  try {
    const check = await stores.records.verify({ thorough })
    const problems = [...openProblems.splice(0), ...check.problems]
    records = { backend: stores.records.backend, ok: problems.length === 0, problems }
    blobs = await verifyBlobs(await stores.blobs.list())
  } finally {
    await stores.close()
  }
  let ledger: StoreCheck | undefined
  if (existsSync(options.ledgerFile)) {
    const opened = openLedger(options.ledgerFile, { warn: collect })
    try {
      const check = opened.verify({ thorough })
      const problems = [...openProblems.splice(0), ...check.problems]
      ledger = { ok: problems.length === 0, problems }
    } finally {
      opened.close()
    }
  }
  return { ok: records.ok && (ledger?.ok ?? true) && blobs.damaged.length === 0, records, ...(ledger && { ledger }), blobs }
}

async function verifyBlobs(entries: ReadonlyArray<{ readonly path: string; readonly sha256: string; readonly bytes: number }>): Promise<CacheCheck['blobs']> {
  const damaged: DamagedBlob[] = []
  let next = 0
  const worker = async () => {
    while (next < entries.length) {
      const entry = entries[next++]!
      try {
        const { sha256 } = await digestFile(entry.path)
        if (sha256 !== entry.sha256) damaged.push({ path: entry.path, sha256: entry.sha256, actual: sha256 })
      } catch {
        damaged.push({ path: entry.path, sha256: entry.sha256 })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(DIGEST_CONCURRENCY, entries.length) }, worker))
  damaged.sort((a, b) => (a.path < b.path ? -1 : 1))
  return { checked: entries.length, damaged }
}
