import type { CliIo } from '../io.js'
import { createPlainReporter } from './plain-reporter.js'
import type { Reporter } from './reporter.js'
import { createTtyReporter } from './tty-reporter.js'

/** A spinner only for a person at a colour terminal; plain lines for CI, pipes, NO_COLOR, --quiet and --json. */
export function chooseReporter(io: CliIo, flags: { readonly json?: boolean; readonly quiet?: boolean }): Reporter {
  const plain = flags.json || flags.quiet || !io.stderr.isTTY || 'NO_COLOR' in io.env || io.env.CI
  if (plain) return createPlainReporter(io, { progress: !flags.json && !flags.quiet })
  return createTtyReporter(io)
}
