import type { CliIo } from '../io.js'
import { cacheLocationOf } from '../cache-location.js'

export interface CachePathFlags {
  readonly cacheDir?: string
  readonly json?: boolean
}

/** `vimax cache path [--json]`: the cache folder and the ledger file this folder's runs use. */
export async function cachePathCommand(flags: CachePathFlags, io: CliIo): Promise<number> {
  const location = cacheLocationOf(flags.cacheDir, io)
  if (location.note) io.stderr.write(`note: ${location.note}\n`)
  if (flags.json) io.stdout.write(`${JSON.stringify({ cache_dir: location.dir, ledger: location.ledger })}\n`)
  else io.stdout.write(`cache   ${location.dir}\nledger  ${location.ledger}\n`)
  return 0
}
