import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { spread, timed, type Spread } from './measure.js'

/** The installed entry point, next to dist/: what a person's shell runs. */
export const CLI_BIN = fileURLToPath(new URL('../../bin/vimax.js', import.meta.url))

/**
 * Wall time of `vimax <args>` from spawn to exit, over `runs` processes after two warm-ups (so
 * the first read of the files from disk is not counted). What a person waits for at a prompt.
 */
export async function measureStartup(args: readonly string[], options: { readonly runs: number; readonly bin?: string }): Promise<Spread> {
  const bin = options.bin ?? CLI_BIN
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, ...args], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } })
      child.on('error', reject)
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vimax ${args.join(' ')} exited with ${code}`))))
    })
  for (let i = 0; i < 2; i++) await once()
  const samples: number[] = []
  for (let i = 0; i < options.runs; i++) samples.push((await timed(once)).ms)
  return spread(samples)
}
