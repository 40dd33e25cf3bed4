import type { CliIo } from '../io.js'
import type { Reporter } from './reporter.js'

/** For CI logs, pipes and NO_COLOR: one plain line per step, nothing redrawn. */
export function createPlainReporter(io: CliIo, options: { readonly progress: boolean }): Reporter {
  const warned = new Set<string>()
  const warn = (message: string) => {
    if (warned.has(message)) return
    warned.add(message)
    io.stderr.write(`warning: ${message}\n`)
  }
  return {
    info: (message) => {
      if (options.progress) io.stderr.write(`${message}\n`)
    },
    warn,
    event(event) {
      if (event.type === 'warning') return warn(event.message)
      if (!options.progress || event.type !== 'stage:progress') return
      io.stderr.write(`${event.stage} ${event.done}/${event.total}  ${event.subject}\n`)
    },
    close: () => undefined,
  }
}
