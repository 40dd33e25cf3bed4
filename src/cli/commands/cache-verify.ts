import { cachePaths } from '../../cache/cache-dir.js'
import type { RecordBackend } from '../../cache/record-backend.js'
import { verifyCache, type CacheCheck } from '../../cache/verify-cache.js'
import { EXIT } from '../exit-code.js'
import type { CliIo } from '../io.js'
import { jsonStyle } from '../json-style.js'
import { plural } from '../../util/plural.js'

export interface CacheVerifyFlags {
  readonly cacheDir: string
  /** SQLite's complete `integrity_check` instead of `quick_check`. */
  readonly thorough?: boolean
  readonly json?: boolean
  readonly backend?: RecordBackend
}

/**
 * `vimax cache verify [--thorough] [--json]`: the record store, the ledger and every blob
 * checked. Exit 0 when all is sound, 4 when something is damaged (a damaged SQLite file is
 * moved aside by the next open; a damaged blob is listed for `rm`, after which its records miss).
 */
export async function cacheVerifyCommand(flags: CacheVerifyFlags, io: CliIo): Promise<number> {
  const warn = (message: string) => io.stderr.write(`warning: ${message}\n`)
  const check = await verifyCache({
    cacheDir: flags.cacheDir,
    ledgerFile: cachePaths(flags.cacheDir, io.env).ledger,
    thorough: flags.thorough ?? false,
    warn,
    ...(flags.backend && { backend: flags.backend }),
  })
  if (flags.json) io.stdout.write(`${JSON.stringify(jsonStyle({ cacheDir: flags.cacheDir, ...check }))}\n`)
  else io.stdout.write(`${formatVerify(check)}\n`)
  return check.ok ? EXIT.ok : EXIT.media
}

export function formatVerify(check: CacheCheck): string {
  const line = (name: string, ok: boolean, problems: readonly string[]) => [`${name}: ${ok ? 'ok' : 'DAMAGED'}`, ...problems.map((problem) => `  ${problem}`)]
  const lines = [
    ...line(`records (${check.records.backend})`, check.records.ok, check.records.problems),
    ...(check.ledger ? line('ledger', check.ledger.ok, check.ledger.problems) : ['ledger: none']),
    `blobs: ${plural(check.blobs.checked, 'file')} checked, ${check.blobs.damaged.length === 0 ? 'all match their digest' : `${check.blobs.damaged.length} damaged`}`,
    ...check.blobs.damaged.map((blob) => `  ${blob.path}${blob.actual ? ` (hashes to ${blob.actual.slice(0, 12)}…)` : ' (unreadable)'}`),
  ]
  if (!check.ok) {
    const fixes: string[] = []
    if (!check.records.ok || (check.ledger && !check.ledger.ok)) fixes.push('the next vimax command moves a damaged database aside and starts a fresh one')
    if (check.blobs.damaged.length > 0) fixes.push('delete the damaged blob files; their results are made again when next asked for, and vimax cache prune drops the records')
    lines.push('', ...fixes.map((fix) => `fix: ${fix}`))
  }
  return lines.join('\n')
}
