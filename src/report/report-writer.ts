import path from 'node:path'
import type { PipelineEvent } from '../pipeline/events.js'
import { collectReport, emptyReport } from './collect-report.js'
import type { ReportInput, ReportStatus } from './report-input.js'
import { REPORT_FILE, writeReportFile } from './write-report-file.js'

export interface ReportWriter {
  /** Feed every PipelineEvent of the run; rewrites report.html at most every `minIntervalMs`. */
  event(event: PipelineEvent): void
  /**
   * Final write with the run's outcome (none if no event ever came); cancels any pending timed
   * write; resolves to the file's path.
   */
  finish(outcome: { readonly status: ReportStatus; readonly error?: { readonly code: string; readonly message: string } }): Promise<string>
}

export interface ReportWriterOptions {
  readonly outDir: string
  readonly runId?: string
  readonly specPath?: string
  readonly title: string
  readonly models: { readonly chat: string; readonly image: string; readonly video: string }
  readonly startedAt: number
  readonly now?: () => number
  /** @default 1000 */
  readonly minIntervalMs?: number
  /** A report that cannot be written is a warning, never a failed run. */
  readonly warn: (message: string) => void
}

/**
 * report.html kept current while a run works: events fold into the page at once, the file is
 * rewritten on a timer (a run emits hundreds of events; a page per event would be waste). Writes
 * never overlap, and the timer is unref'd so a finished run never waits on it.
 */
export function createReportWriter(options: ReportWriterOptions): ReportWriter {
  const now = options.now ?? Date.now
  const interval = options.minIntervalMs ?? 1000
  const { outDir, runId, specPath, title, models, startedAt } = options
  const file = path.join(outDir, REPORT_FILE)
  let report: ReportInput = emptyReport({ title, runId, specPath, models, startedAt })
  let timer: NodeJS.Timeout | undefined
  let writing: Promise<void> = Promise.resolve()
  let busy = false
  let rewriteAfter = false
  let lastWriteAt = -Infinity
  let finished = false
  let warned = false
  let started = false

  const write = (final: boolean): Promise<void> => {
    writing = writing.then(async () => {
      busy = true
      lastWriteAt = now()
      try {
        await writeReportFile(outDir, final ? report : { ...report, wallMs: Math.max(0, now() - startedAt) })
      } catch (error) {
        // One warning for a folder that stays unwritable, not one per second; the last write always says.
        if (final || !warned) options.warn(`report: cannot write ${file} (${error instanceof Error ? error.message : String(error)})`)
        warned = true
      } finally {
        busy = false
      }
      if (rewriteAfter && !finished) {
        rewriteAfter = false
        schedule()
      }
    })
    return writing
  }

  function schedule(): void {
    if (timer !== undefined || finished) return
    timer = setTimeout(() => {
      timer = undefined
      // A slow disk must not pile writes up: one more after the current one is enough.
      if (busy) rewriteAfter = true
      else if (!finished) void write(false)
    }, Math.max(0, lastWriteAt + interval - now()))
    timer.unref()
  }

  return {
    event(event) {
      if (finished) return
      started = true
      report = collectReport(report, event)
      schedule()
    },
    async finish(outcome) {
      finished = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      report = { ...report, status: outcome.status, error: outcome.error, wallMs: Math.max(0, now() - startedAt) }
      // A run that failed before its first event (an unusable output folder) has nothing to show.
      if (started) await write(true)
      return file
    },
  }
}
