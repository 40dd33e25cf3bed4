import { redactorFromEnv } from '../run/env-secrets.js'
import { errorJson, formatError } from './format-error.js'
import type { CliIo } from './io.js'

/** The last line of defence: whatever failed, no credential from the environment is printed. */
export function reportFailure(error: unknown, options: { readonly io: CliIo; readonly debug: boolean; readonly json: boolean; readonly version: string }): void {
  const { redact } = redactorFromEnv(options.io.env)
  options.io.stderr.write(`${redact(formatError(error, options))}\n`)
  if (options.json) options.io.stdout.write(`${redact(JSON.stringify(errorJson(error)))}\n`)
}
