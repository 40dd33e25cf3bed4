import { Chalk } from 'chalk'
import type { DoctorCheck } from './doctor-check.js'

/** One table, then one hint per fix (failures sharing a fix share the line), then a verdict a person can act on. */
export function formatDoctor(checks: readonly DoctorCheck[], options: { readonly profile: string | undefined; readonly color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 })
  const width = Math.max(...checks.map((check) => check.name.length))
  const lines = [`profile: ${options.profile ?? '(none: offline where nothing is chosen)'}`, '']
  for (const check of checks) lines.push(`${check.ok ? c.green('✔') : c.red('✘')} ${check.name.padEnd(width)}  ${check.detail}`)
  const failed = checks.filter((check) => !check.ok)
  if (failed.length > 0) {
    lines.push('')
    const byHint = new Map<string, string[]>()
    for (const check of failed) if (check.hint) byHint.set(check.hint, [...(byHint.get(check.hint) ?? []), check.name])
    for (const [hint, names] of byHint) lines.push(`hint: ${names.join(', ')}: ${hint}`)
    lines.push('', c.red(`this profile cannot run: ${failed.length} problem${failed.length === 1 ? '' : 's'}`))
  } else {
    lines.push('', c.green('ready'))
  }
  return `${lines.join('\n')}\n`
}
