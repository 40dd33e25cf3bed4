import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { CancelledError } from '../errors.js'
import { ESPEAK_PROGRAM, type EspeakOptions, type EspeakRequest, espeakFailure } from './espeak-process.js'

export interface EspeakPoolOptions {
  /** @default bin/vimax-espeak.mjs of this package */
  readonly programPath?: string
  /** Worker processes at most; each speaks one line at a time. @default 2 */
  readonly maxWorkers?: number
  /** A worker idle this long exits. @default 3000 */
  readonly idleMs?: number
}

export interface EspeakPool {
  /** Speaks one request in a worker (started when none is free) and returns the WAV. */
  speak(request: EspeakRequest, options?: Omit<EspeakOptions, 'programPath'>): Promise<Uint8Array>
  /** The workers' process ids, busy or idle. */
  pids(): number[]
  /** Ends every worker; lines in flight or waiting fail as cancelled. */
  close(): void
}

interface Job {
  readonly id: number
  readonly request: EspeakRequest
  readonly out: string
  readonly about: string
  readonly signal: AbortSignal | undefined
  readonly resolve: (bytes: Uint8Array) => void
  readonly reject: (error: Error) => void
  onAbort?: () => void
  aborted?: boolean
}

interface Worker {
  readonly child: ChildProcess
  job: Job | undefined
  stderr: string
  idleTimer: NodeJS.Timeout | undefined
}

/**
 * Long-lived eSpeak NG workers (bin/vimax-espeak.mjs --worker): starting the engine costs most of
 * a line's time, so a few processes, started when lines arrive, speak every line of a run. They
 * never hold vimax open (unreferenced while idle, ended after idleMs or when vimax exits). A worker
 * that dies fails only the line it was speaking; the next line starts a fresh one.
 */
export function createEspeakPool(options: EspeakPoolOptions = {}): EspeakPool {
  const program = options.programPath ?? ESPEAK_PROGRAM
  const maxWorkers = Math.max(1, options.maxWorkers ?? 2)
  const idleMs = options.idleMs ?? 3000
  const workers = new Set<Worker>()
  const waiting: Job[] = []
  let nextId = 1

  const killAll = () => {
    for (const worker of workers) worker.child.kill('SIGKILL')
  }

  function start(): Worker {
    const child = spawn(process.execPath, [program, '--worker'], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true })
    const worker: Worker = { child, job: undefined, stderr: '', idleTimer: undefined }
    if (workers.size === 0) process.once('exit', killAll)
    workers.add(worker)
    child.stdin!.on('error', () => {}) // a dead worker's EPIPE; 'close' says why it died
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (worker.stderr = (worker.stderr + chunk).slice(-4000)))
    createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', (line) => onAnswer(worker, line))
    let ended = false
    const end = (why: string) => {
      if (ended) return
      ended = true
      clearTimeout(worker.idleTimer)
      workers.delete(worker)
      if (workers.size === 0) process.removeListener('exit', killAll)
      const job = worker.job
      worker.job = undefined
      if (job) {
        const last = worker.stderr.trim().split('\n').pop() ?? ''
        settle(job, job.aborted ? new CancelledError(`cancelled while speaking${job.about}`) : espeakFailure(`the offline voice stopped while speaking${job.about}: ${why}${last ? `: ${last}` : ''}`))
      }
      pump()
    }
    child.on('error', (error) => end(`could not start it: ${error.message}`))
    child.on('close', (code, signal) => end(signal ? `killed by ${signal}` : `exit ${code}`))
    return worker
  }

  function onAnswer(worker: Worker, line: string): void {
    const job = worker.job
    let answer: { id?: unknown; ok?: unknown; error?: unknown }
    try {
      answer = JSON.parse(line) as typeof answer
    } catch {
      return // the engine's own chatter, never an answer
    }
    if (!job || answer.id !== job.id) return
    worker.job = undefined
    idle(worker)
    if (answer.ok === true) {
      readFile(job.out).then(
        (bytes) => settle(job, undefined, new Uint8Array(bytes)),
        (error: Error) => settle(job, espeakFailure(`the offline voice wrote no audio${job.about}: ${error.message}`, error)),
      )
    } else {
      settle(job, espeakFailure(`the offline voice failed${job.about}: ${String(answer.error ?? 'no reason given')}`))
    }
    pump()
  }

  function idle(worker: Worker): void {
    setReferenced(worker, false)
    clearTimeout(worker.idleTimer)
    worker.idleTimer = setTimeout(() => worker.child.stdin!.end(), idleMs).unref()
  }

  function pump(): void {
    while (waiting.length > 0) {
      // A worker whose input was ended (idle too long) is on its way out: a line sent now would die with it.
      const worker = [...workers].find((w) => w.job === undefined && w.child.exitCode === null && !w.child.stdin!.writableEnded) ?? (workers.size < maxWorkers ? start() : undefined)
      if (!worker) return
      const job = waiting.shift()!
      clearTimeout(worker.idleTimer)
      worker.job = job
      setReferenced(worker, true)
      worker.child.stdin!.write(JSON.stringify({ ...job.request, id: job.id, out: job.out }) + '\n')
    }
  }

  function settle(job: Job, error: Error | undefined, bytes?: Uint8Array): void {
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort)
    void rm(job.out, { force: true })
    void rm(`${job.out}.part`, { force: true })
    if (error) job.reject(error)
    else job.resolve(bytes!)
  }

  return {
    speak(request, speakOptions = {}) {
      const { signal } = speakOptions
      const about = speakOptions.subject === undefined ? '' : ` for ${speakOptions.subject}`
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(new CancelledError(`cancelled before speaking${about}`))
        const out = path.join(os.tmpdir(), `vimax-espeak-${process.pid}-${randomUUID()}.wav`)
        const job: Job = { id: nextId++, request, out, about, signal, resolve, reject }
        job.onAbort = () => {
          const at = waiting.indexOf(job)
          if (at !== -1) {
            waiting.splice(at, 1)
            return settle(job, new CancelledError(`cancelled before speaking${about}`))
          }
          const worker = [...workers].find((w) => w.job === job)
          job.aborted = true
          worker?.child.kill('SIGKILL')
        }
        signal?.addEventListener('abort', job.onAbort, { once: true })
        waiting.push(job)
        pump()
      })
    },
    pids: () => [...workers].map((worker) => worker.child.pid).filter((pid): pid is number => pid !== undefined),
    close() {
      for (const job of waiting.splice(0)) settle(job, new CancelledError(`cancelled before speaking${job.about}`))
      for (const worker of workers) {
        if (worker.job) worker.job.aborted = true
        worker.child.kill('SIGKILL')
      }
    },
  }
}

/** A busy worker keeps vimax waiting for its line; an idle one must not keep vimax alive. */
function setReferenced(worker: Worker, referenced: boolean): void {
  const { child } = worker
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as (ChildProcess | Readable | Writable | null)[]) {
    const socket = handle as { ref?: () => void; unref?: () => void } | null
    if (referenced) socket?.ref?.()
    else socket?.unref?.()
  }
}
