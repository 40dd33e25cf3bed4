import { isVimaxError } from '../errors.js'
import { EXIT, exitCodeFor } from './exit-code.js'

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

/**
 * The machine-readable form for --json: scripts get the code and exit code, never a stack. An
 * error's `data` (money, ids) adds top-level fields; the fixed ones always win a name clash.
 */
export function errorJson(error: unknown): Record<string, unknown> {
  const base = { status: 'error', exit_code: exitCodeFor(error) }
  if (isVimaxError(error)) return { ...error.data, ...base, code: error.code, message: error.message, details: error.details, hint: error.hint }
  return { ...base, code: 'E_INTERNAL', message: error instanceof Error ? error.message : String(error) }
}

/** A usage error commander found (unknown flag, missing argument), in the same shape as errorJson. */
export function usageErrorJson(error: { readonly message: string; readonly code: string }): Record<string, unknown> {
  // commander reports "a subcommand is missing" by printing the group's help.
  const message = error.code === 'commander.help' ? 'a subcommand is missing' : error.message.replace(/^error: /, '')
  return { status: 'error', exit_code: EXIT.usage, code: 'E_USAGE', message, details: [], hint: 'run the command with --help for its usage' }
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
