import { appendFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { ConfigError } from '../errors.js'
import type { HttpLogEntry, Redactor } from '../providers/http/index.js'

export type LogFormat = 'json' | 'text'

/**
 * `--log-file`: one line per HTTP attempt, appended synchronously so a crash loses nothing
 * already logged. Entries are redacted by the HTTP layer; the redactor runs once more here.
 */
export function createRequestLog(options: { readonly file: string; readonly format: LogFormat; readonly runId: string; readonly redactor: Redactor }): (entry: HttpLogEntry) => void {
  try {
    mkdirSync(path.dirname(options.file), { recursive: true })
    appendFileSync(options.file, '')
  } catch (error) {
    throw new ConfigError(`cannot write the log file ${options.file}`, { code: 'E_USAGE', hint: 'choose a writable path for --log-file', cause: error })
  }
  return (entry) => {
    const line =
      options.format === 'json'
        ? JSON.stringify({
            time: new Date().toISOString(),
            run_id: options.runId,
            call_id: entry.callId,
            request_id: entry.requestId,
            provider: entry.provider,
            model: entry.model,
            subject: entry.subject,
            method: entry.method,
            url: entry.url,
            status: entry.status,
            attempt: entry.attempt,
            ms: entry.ms,
            retry_in_ms: entry.retryInMs,
            error: entry.error,
          })
        : [new Date().toISOString(), options.runId, entry.provider, entry.model, entry.method, entry.url, entry.status ?? '-', `attempt ${entry.attempt}`, `${entry.ms}ms`, entry.error?.code ?? ''].join(' ').trim()
    appendFileSync(options.file, `${options.redactor.redact(line)}\n`)
  }
}
