import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs'
import type Database from 'better-sqlite3'
import type { Reclaimed, StoreCheck } from './record-store.js'

/** The file and its write-ahead log: what the store takes on disk. */
export function fileBytes(file: string): number {
  const size = (name: string) => {
    try {
      return statSync(name).size
    } catch {
      return 0
    }
  }
  return size(file) + size(`${file}-wal`)
}

/**
 * SQLite's own check: `quick_check` (or the complete `integrity_check`), whose first line is
 * "ok" or the first of its findings. Damage it cannot even read through is a finding too.
 */
export function sqliteCheck(db: Database.Database, thorough: boolean, maxLines = 20): StoreCheck {
  try {
    const lines = db.pragma(`${thorough ? 'integrity_check' : 'quick_check'}(${maxLines})`, { simple: false }) as Array<Record<string, unknown>>
    // Findings come one per row, a row at times several lines; the "*** in database main ***" heading says nothing.
    const found = lines
      .flatMap((line) => String(Object.values(line)[0]).split('\n'))
      .filter((line) => line.trim() !== '' && !line.startsWith('*** in database'))
    return found.length === 1 && found[0] === 'ok' ? { ok: true, problems: [] } : { ok: false, problems: found.length > 0 ? found : ['damaged'] }
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] }
  }
}

/** Free pages below this share of the file are not worth a rewrite. */
const WORTH = 0.1
/** Mostly free: one VACUUM rewrites what is left, faster than moving pages one by one. */
const MOSTLY = 0.5

/**
 * Gives freed pages back. A file made with `auto_vacuum = incremental` truncates its free pages
 * (`incremental_vacuum`); a file from before that setting, or one mostly free, is rewritten once
 * by VACUUM, which also switches it to incremental so later prunes take the cheap path. Busy
 * (another process mid-transaction) or failing: it reports `none` and the space waits for the
 * next prune.
 */
export function reclaimSpace(db: Database.Database, file: string, force = false): Reclaimed {
  const beforeBytes = fileBytes(file)
  try {
    const pages = db.pragma('page_count', { simple: true }) as number
    const free = db.pragma('freelist_count', { simple: true }) as number
    const incremental = (db.pragma('auto_vacuum', { simple: true }) as number) === 2
    if (free === 0 || (!force && free < pages * WORTH)) return { method: 'none', beforeBytes, afterBytes: beforeBytes }
    let method: Reclaimed['method']
    if (!incremental || free > pages * MOSTLY) {
      db.pragma('auto_vacuum = INCREMENTAL')
      db.exec('VACUUM')
      method = 'vacuum'
    } else {
      db.pragma('incremental_vacuum')
      method = 'incremental'
    }
    // In WAL mode the main file shrinks only when the log is written back into it.
    db.pragma('wal_checkpoint(TRUNCATE)')
    return { method, beforeBytes, afterBytes: fileBytes(file) }
  } catch {
    return { method: 'none', beforeBytes, afterBytes: fileBytes(file) }
  }
}

/**
 * A store that hit damage mid-run leaves this mark, so the next open (and only then) runs the
 * integrity check it no longer runs on every open, and moves the file aside if it fails.
 */
export const suspectMark = (file: string) => `${file}.check`

export function markSuspect(file: string): void {
  try {
    writeFileSync(suspectMark(file), `${new Date().toISOString()}\n`)
  } catch {
    // Best effort: without the mark, the damage is found again by the next failing statement.
  }
}

export function isSuspect(file: string): boolean {
  return existsSync(suspectMark(file))
}

export function clearSuspect(file: string): void {
  rmSync(suspectMark(file), { force: true })
}
