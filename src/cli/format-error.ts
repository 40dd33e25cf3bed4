import { isVimaxError } from '../errors.js'
import { exitCodeFor } from './exit-code.js'

/**
 * A failure as a person reads it: one line naming the subject, every detail indented, and a
 * hint naming the fix. Stacks only for bugs, or with --debug.
 */
export function formatError(error: unknown, options: { readonly debug: boolean; readonly version: string }): string {
  const lines: string[] = []
  if (isVimaxError(error)) {
    lines.push(`vimax: ${error.message}`)
    for (const detail of error.details) lines.push(`  ${detail}`)
    if (error.hint) lines.push(`hint: ${error.hint}`)
    if (options.debug) lines.push('', stackOf(error), ...causes(error))
    return lines.join('\n')
  }
  lines.push(`vimax: internal error: ${error instanceof Error ? error.message : String(error)}`)
  lines.push(stackOf(error), ...causes(error))
  lines.push(`this is a bug in vimax ${options.version} (node ${process.version}, ${process.platform}); please report it with the command you ran`)
  return lines.join('\n')
}

/** The machine-readable form for --json: scripts get the code and exit code, never a stack. */
export function errorJson(error: unknown): Record<string, unknown> {
  const base = { status: 'error', exit_code: exitCodeFor(error) }
  if (isVimaxError(error)) return { ...base, code: error.code, message: error.message, details: error.details, hint: error.hint }
  return { ...base, code: 'E_INTERNAL', message: error instanceof Error ? error.message : String(error) }
}

const stackOf = (error: unknown) => (error instanceof Error && error.stack ? error.stack : String(error))

function causes(error: unknown): string[] {
  const lines: string[] = []
  let cause = error instanceof Error ? error.cause : undefined
  while (cause !== undefined) {
    lines.push(`caused by: ${stackOf(cause)}`)
    cause = cause instanceof Error ? cause.cause : undefined
  }
  return lines
}
