import { ConfigError } from '../errors.js'

// Decision: every unit is 1024-based, whether written GB or GiB, as the `bytes` package and most
// disk tools read them; a person asking for "5GB" gets at most what `formatBytes` prints as 5 GB.
const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }

/** "5GB", "500MB", "1.5G", "2 GiB", "1048576" → bytes. */
export function parseSize(text: string, subject: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|(b))?\s*$/i.exec(text)
  if (!match) {
    throw new ConfigError(`${subject}: expected a size such as 500MB, 5GB or 1.5G, got "${text}"`, {
      code: 'E_USAGE',
      hint: 'units: B, KB, MB, GB, TB (1024-based); a bare number is bytes',
    })
  }
  const unit = (match[2] ?? match[3] ?? '').toLowerCase()
  return Math.round(Number(match[1]) * UNITS[unit]!)
}

/** 1536 → "1.5 KB"; what a person reads in `cache stats` and `cache prune`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${Number(value.toFixed(digits))} ${units[unit]}`
}
