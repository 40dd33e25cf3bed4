import { errorJson, formatError } from './format-error.js'
import type { CliIo } from './io.js'

export function reportFailure(error: unknown, options: { readonly io: CliIo; readonly debug: boolean; readonly json: boolean; readonly version: string }): void {
  options.io.stderr.write(`${formatError(error, options)}\n`)
  if (options.json) options.io.stdout.write(`${JSON.stringify(errorJson(error))}\n`)
}
