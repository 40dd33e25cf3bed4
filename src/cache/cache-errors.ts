import { VimaxError } from '../errors.js'

/**
 * The cache could not keep a result (disk full, read-only folder, a vanished source file). Never
 * fatal: the cache layer catches it, warns once and hands the run its media uncached.
 */
export class CacheWriteError extends VimaxError {
  override name = 'CacheWriteError'
}

/** "disk full", "read-only", … : the part of an fs error a person acts on. */
export function describeFsError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full'
  if (code === 'EROFS') return 'the file system is read-only'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  return error instanceof Error ? error.message : String(error)
}
