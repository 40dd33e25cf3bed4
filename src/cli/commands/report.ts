import type { CliIo } from '../io.js'

export interface ReportFlags {
  readonly cacheDir: string
  readonly json?: boolean
}

/** `vimax report <run id|dir>`: rebuilds report.html from the output folder and the ledger. */
export async function reportCommand(_run: string, _flags: ReportFlags, _io: CliIo): Promise<number> {
  throw new Error('not built yet')
}
