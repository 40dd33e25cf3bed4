/** The process as the CLI sees it; tests pass their own. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean }
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean }
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
}

export function processIo(): CliIo {
  ignoreWriteErrors(process.stdout)
  ignoreWriteErrors(process.stderr)
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }
}

/**
 * A reader that went away (`vimax generate … | head -3`, a closed terminal) makes the next write
 * fail with EPIPE, emitted as an 'error' event that would end the process as a crash: the run,
 * its paid results and its record matter more than the lines nobody reads any more. Printing
 * simply stops; the run finishes, writes its manifest and records its outcome.
 */
export function ignoreWriteErrors(stream: NodeJS.WriteStream): void {
  if (stream.listeners('error').includes(swallow)) return
  stream.on('error', swallow)
}

function swallow(): void {}
