import { spawn } from 'node:child_process'
import { CancelledError, MediaError } from '../errors.js'
import { envVarFor, resolveBinary, type MediaTool } from './ffmpeg-path.js'

/** What every media operation accepts: cancellation, and the env that locates the binaries. */
export interface MediaOptions {
  readonly signal?: AbortSignal
  readonly env?: NodeJS.ProcessEnv
}

export interface RunOptions extends MediaOptions {
  /** What is being done, for the error message: "normalising clip shot 1.2". */
  readonly task: string
}

export interface RunResult {
  readonly stdout: string
  readonly stderr: string
}

const STDERR_TAIL_LINES = 20
/** ffmpeg can print megabytes of warnings; only the end explains a failure. */
const STDERR_KEEP_BYTES = 64 * 1024

/** Flags every ffmpeg call gets: quiet unless something is wrong, never read the terminal. */
export const FFMPEG_BASE_ARGS: readonly string[] = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning', '-y']

export function runFfmpeg(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return runTool('ffmpeg', [...FFMPEG_BASE_ARGS, ...args], options)
}

export function runFfprobe(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return runTool('ffprobe', ['-hide_banner', '-loglevel', 'error', ...args], options)
}

/** Spawns the tool without a shell (arguments are never re-parsed) and maps every failure. */
export function runTool(tool: MediaTool, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const binary = resolveBinary(tool, options.env)
  const { signal, task } = options
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError(`cancelled before ${task}`))
    const child = spawn(binary.path, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
    let stdout = ''
    let stderr = ''
    let settled = false
    const finish = (error: Error | undefined) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      if (error) reject(error)
      else resolve({ stdout, stderr })
    }
    let aborted = false
    // Settle on 'close', not at once, so a caller cleaning up temp files never races the child.
    const onAbort = () => {
      aborted = true
      child.kill('SIGKILL')
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
      if (stderr.length > STDERR_KEEP_BYTES * 2) stderr = stderr.slice(-STDERR_KEEP_BYTES)
    })
    child.on('error', (error: NodeJS.ErrnoException) => finish(spawnError(tool, binary.path, task, error)))
    child.on('close', (code, killedBy) => {
      if (aborted) return finish(new CancelledError(`cancelled while ${task}`))
      if (code === 0) return finish(undefined)
      const how = code === null ? `was killed by ${killedBy ?? 'a signal'}` : `exited with code ${code}`
      finish(
        new MediaError(`${tool} failed while ${task}: it ${how}`, {
          code: tool === 'ffmpeg' ? 'E_FFMPEG_FAILED' : 'E_FFPROBE_FAILED',
          details: stderrTail(stderr),
          hint: `the details are ${tool}'s own last lines; if the input looks fine, try another ${tool} build via ${envVarFor(tool)}`,
        }),
      )
    })
  })
}

function spawnError(tool: MediaTool, file: string, task: string, error: NodeJS.ErrnoException): MediaError {
  if (error.code === 'ENOENT' || error.code === 'EACCES') {
    return new MediaError(`${tool} not found at ${file} (needed for ${task})`, {
      code: tool === 'ffmpeg' ? 'E_FFMPEG_MISSING' : 'E_FFPROBE_MISSING',
      hint: `install ${tool}, or set ${envVarFor(tool)} to the path of a ${tool} binary`,
      cause: error,
    })
  }
  return new MediaError(`could not start ${tool} at ${file} for ${task}: ${error.message}`, {
    code: tool === 'ffmpeg' ? 'E_FFMPEG_FAILED' : 'E_FFPROBE_FAILED',
    hint: `check that ${envVarFor(tool)} or PATH points at a working ${tool}`,
    cause: error,
  })
}

export function stderrTail(stderr: string, lines = STDERR_TAIL_LINES): string[] {
  return stderr
    .split(/\r?\n|\r/)
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-lines)
}
