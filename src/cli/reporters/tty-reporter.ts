import ora from 'ora'
import type { CliIo } from '../io.js'
import type { Reporter } from './reporter.js'
import { createStageCounts } from './stage-line.js'

/** A live spinner with per-stage counts, for a person at a terminal. */
export function createTtyReporter(io: CliIo): Reporter {
  const counts = createStageCounts()
  const spinner = ora({ stream: io.stderr as NodeJS.WritableStream, text: 'starting' }).start()
  const warned = new Set<string>()
  const warn = (message: string) => {
    if (warned.has(message)) return
    warned.add(message)
    spinner.clear()
    io.stderr.write(`warning: ${message}\n`)
    spinner.render()
  }
  return {
    info(message) {
      spinner.clear()
      io.stderr.write(`${message}\n`)
      spinner.render()
    },
    warn,
    event(event) {
      if (event.type === 'warning') return warn(event.message)
      if (counts.update(event)) spinner.text = counts.line()
    },
    close() {
      if (spinner.isSpinning) spinner.stopAndPersist({ symbol: ' ', text: counts.line() })
    },
  }
}
