import type { CliIo } from '../io.js'
import { createPlainReporter } from './plain-reporter.js'
import type { Reporter } from './reporter.js'
import { createTtyReporter } from './tty-reporter.js'

/** A spinner only for a person at a colour terminal; plain lines for CI, pipes, NO_COLOR, --quiet and --json. */
export function chooseReporter(io: CliIo, flags: { readonly json?: boolean; readonly quiet?: boolean; readonly dryRun?: boolean }): Reporter {
  // A terminal that reports no width (some CI pseudo-terminals) sends ora's line clearing into a loop.
  const columns = (io.stderr as { columns?: number }).columns ?? 0
  const plain = flags.json || flags.quiet || !io.stderr.isTTY || columns <= 0 || 'NO_COLOR' in io.env || io.env.CI
  const planned = Boolean(flags.dryRun)
  if (plain) return createPlainReporter(io, { progress: !flags.json && !flags.quiet, planned })
  return createTtyReporter(io, { planned })
}
