import ora from 'ora'
import type { CliIo } from '../io.js'
import type { Reporter } from './reporter.js'
import { createStageCounts, type StageLineOptions } from './stage-line.js'

/** A live spinner with per-stage counts, the time, calls in flight and money, for a person at a terminal. */
export function createTtyReporter(io: CliIo, options: StageLineOptions = {}): Reporter {
  const counts = createStageCounts(options)
  const spinner = ora({ stream: io.stderr as NodeJS.WritableStream, text: counts.line() }).start()
  // The clock moves while a clip renders for minutes with no event: redraw it every second.
  const ticker = setInterval(() => (spinner.text = counts.line()), 1000)
  ticker.unref()
  let closed = false
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
      if (closed) return
      closed = true
      clearInterval(ticker)
      // ora draws nothing on a dumb terminal: the last line is still worth one plain write.
      if (spinner.isSpinning) spinner.stopAndPersist({ symbol: ' ', text: counts.line() })
      else io.stderr.write(`  ${counts.line()}\n`)
    },
  }
}
