import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { BIN, cliEnv, ROOT } from './run-cli.js'

/** A CLI process the test can watch and signal while it runs. */
export interface LiveCli {
  readonly child: ChildProcessWithoutNullStreams
  stderr(): string
  stdout(): string
  /** Resolves when stderr matches, so the test can act at a known point of the run. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>
  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export function spawnCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): LiveCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cliEnv(options.env),
  })
  let out = ''
  let err = ''
  const watchers: Array<() => void> = []
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString()
    watchers.forEach((check) => check())
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })))
  return {
    child,
    stderr: () => err,
    stdout: () => out,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} in stderr:\n${err}`)), timeoutMs)
        const check = () => {
          if (!pattern.test(err)) return
          clearTimeout(timer)
          resolve()
        }
        watchers.push(check)
        check()
        void exited.then(() => {
          if (!pattern.test(err)) reject(new Error(`exited before ${pattern} appeared in stderr:\n${err}`))
        })
      }),
    exit: () => exited,
  }
}
