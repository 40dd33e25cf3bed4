import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { CancelledError, ProviderError } from '../errors.js'

/** What the eSpeak program takes on stdin (see bin/vimax-espeak.mjs). */
export interface EspeakRequest {
  readonly text: string
  /** Language voice plus variant: "fr+f2". */
  readonly voice: string
  readonly speed: number
  readonly pitch: number
  readonly amplitude?: number
  readonly wordGap?: number
}

export interface EspeakOptions {
  readonly signal?: AbortSignal
  /** Named in errors ("line 3 of shot 1.2"). */
  readonly subject?: string
  /** @default bin/vimax-espeak.mjs of this package */
  readonly programPath?: string
}

/** Same depth from src/audio and dist/audio, so tests on sources and the built CLI find the same file. */
export const ESPEAK_PROGRAM = fileURLToPath(new URL('../../bin/vimax-espeak.mjs', import.meta.url))

/**
 * Runs eSpeak NG in its own, one-shot Node process and returns the WAV it wrote (the offline voice
 * keeps a pool of long-lived ones instead: see espeak-pool.ts). A separate program, not an
 * import: eSpeak NG is GPL-3.0 and vimax is MIT, the same arm's length as ffmpeg.
 */
export function runEspeak(request: EspeakRequest, options: EspeakOptions = {}): Promise<Uint8Array> {
  const { signal } = options
  const about = options.subject === undefined ? '' : ` for ${options.subject}`
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError(`cancelled before speaking${about}`))
    const child = spawn(process.execPath, [options.programPath ?? ESPEAK_PROGRAM], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true })
    const out: Buffer[] = []
    let stderr = ''
    let aborted = false
    const onAbort = () => {
      aborted = true
      child.kill('SIGKILL')
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)))
    // A child that dies before reading stdin makes the write fail with EPIPE; 'close' reports why.
    child.stdin.on('error', () => {})
    child.stdin.end(JSON.stringify(request))
    child.on('error', (error) => finish(espeakFailure(`could not start the offline voice${about}: ${error.message}`, error)))
    child.on('close', (code) => {
      if (aborted) return finish(new CancelledError(`cancelled while speaking${about}`))
      if (code === 0) return finish(undefined, new Uint8Array(Buffer.concat(out)))
      finish(espeakFailure(`the offline voice failed${about}: exit ${code ?? 'by signal'}: ${stderr.trim().split('\n').pop() ?? ''}`))
    })
    function finish(error: Error | undefined, bytes?: Uint8Array) {
      signal?.removeEventListener('abort', onAbort)
      if (error) reject(error)
      else resolve(bytes!)
    }
  })
}

/** The offline voice's one failure: the program is missing, broken, or refused the request. */
export function espeakFailure(message: string, cause?: unknown): ProviderError {
  return new ProviderError(message, {
    code: 'E_OFFLINE_VOICE_FAILED',
    provider: 'offline',
    model: 'voice',
    hint: 'reinstall vimax so node_modules/espeak-ng is complete (npm ci), or choose another speech provider',
    cause,
  })
}
