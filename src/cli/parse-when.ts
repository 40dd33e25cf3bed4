import { ConfigError } from '../errors.js'

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }

/**
 * A moment as a person gives it on the command line: a date (`2026-01-31`, local midnight), a
 * date and time (`2026-01-31T14:00`, ISO 8601), or a span ago (`7d`, `12h`, `30m`, `2w`).
 */
export function parseWhen(text: string, flag: string, now: number): number {
  const span = /^\s*(\d+(?:\.\d+)?)\s*(m|h|d|w)\s*$/.exec(text)
  if (span) return now - Number(span[1]) * UNITS[span[2]!]!
  // A bare date is the person's own midnight, as `vimax runs` prints local times.
  const trimmed = text.trim()
  // Date.parse alone takes "7" for July 2001: only ISO 8601 dates are dates here.
  const moment = /^\d{4}-\d{2}-\d{2}$/.test(trimmed)
    ? new Date(`${trimmed}T00:00:00`).getTime()
    : /^\d{4}-\d{2}-\d{2}[T ]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN
  if (Number.isFinite(moment)) return moment
  throw new ConfigError(`${flag}: expected a date (2026-01-31), a date and time (2026-01-31T14:00) or a span ago (7d, 12h), got "${text}"`, {
    code: 'E_USAGE',
    hint: `for example ${flag} 7d`,
  })
}
