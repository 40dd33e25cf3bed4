import type { CliIo } from './io.js'

/**
 * The first Ctrl-C asks the run to stop gracefully (no new calls, finished work kept, video jobs
 * left resumable); the second quits at once. Returns a function that removes the handlers.
 */
export function handleInterrupts(io: CliIo, onFirst: () => void): () => void {
  let count = 0
  const onSignal = () => {
    count += 1
    if (count === 1) {
      io.stderr.write('\nstopping: no new calls start; finished work is kept (Ctrl-C again to quit now)\n')
      onFirst()
      return
    }
    io.stderr.write('quitting; rerun the same command to resume\n')
    process.exit(130)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
