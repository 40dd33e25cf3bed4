import type { CliIo } from '../io.js'
import type { Reporter } from './reporter.js'
import { createStageCounts, type StageLineOptions } from './stage-line.js'

export interface PlainReporterOptions extends StageLineOptions {
  readonly progress: boolean
}

/**
 * For CI logs, pipes and NO_COLOR: one plain line per step, nothing redrawn, each ending with
 * the time, calls in flight and money so far: "frames 3/12  shot 1.3  (1m 05s · 2 in flight · $0.31 spent)".
 */
export function createPlainReporter(io: CliIo, options: PlainReporterOptions): Reporter {
  const counts = createStageCounts(options)
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
      counts.update(event)
      if (!options.progress || event.type !== 'stage:progress') return
      io.stderr.write(`${counts.stage(event.stage, event.done, event.total)}  ${event.subject}  (${counts.status()})\n`)
    },
    close: () => undefined,
  }
}
