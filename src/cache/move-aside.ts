import { closeSync, existsSync, fstatSync, openSync, readSync, renameSync, statSync } from 'node:fs'

const SQLITE_HEADER = 'SQLite format 3\0'

/**
 * Renames a damaged SQLite file (and its -wal/-shm companions, which belong to it) to
 * `<file>.corrupt-<timestamp>`, keeping it for a person to inspect while a fresh one takes its
 * place. Synchronous: it runs once, at open, before anything else touches the file.
 */
export function moveAside(file: string, now: () => number = Date.now): string {
  const stamp = new Date(now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  let aside = `${file}.corrupt-${stamp}`
  for (let n = 2; existsSync(aside); n++) aside = `${file}.corrupt-${stamp}-${n}`
  renameSync(file, aside)
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix)
  }
  return aside
}

/**
 * False for a file that exists and is plainly not SQLite (garbage written over it, cut short
 * inside its 100-byte header, or shorter than the page count its header states). SQLite itself
 * would only say so later, at the first query that reaches a missing page; this check, a few
 * bytes read, lets the opener move the file aside before any connection holds it — without the
 * full `quick_check` that used to run on every open (seconds on a large file).
 */
export function looksLikeSqlite(file: string): boolean {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return true // absent (SQLite creates it) or unreadable (the open itself will say so)
  }
  try {
    const header = Buffer.alloc(100)
    const read = readSync(fd, header, 0, 100, 0)
    if (read === 0) return true // an empty file is a valid, empty database
    if (read !== 100 || header.toString('latin1', 0, 16) !== SQLITE_HEADER) return false
    return !cutShort(file, header, fstatSync(fd).size)
  } finally {
    closeSync(fd)
  }
}

/**
 * The header's page count is trusted only when SQLite marks it valid (offset 92 equals the change
 * counter at 24), and only when no write-ahead log holds pages the main file has yet to receive.
 */
function cutShort(file: string, header: Buffer, size: number): boolean {
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize
  const pages = header.readUInt32BE(28)
  if (pages === 0 || header.readUInt32BE(24) !== header.readUInt32BE(92)) return false
  let walBytes = 0
  try {
    walBytes = statSync(`${file}-wal`).size
  } catch {
    // no log: the main file must hold every page
  }
  return walBytes === 0 && size < pages * pageSize
}

/** SQLite's own words for a damaged file, from either driver (sqlite3 or better-sqlite3). */
export function isCorruptionError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : ''
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return true
  const message = error instanceof Error ? error.message : String(error)
  return /malformed|not a database|database corruption/i.test(message)
}
