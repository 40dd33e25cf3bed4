import { ConfigError } from '../errors.js'
import { MODEL_KINDS, type ModelKind } from '../providers/types.js'

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** "250ms", "2s", "1.5m", "30d" → milliseconds; a bare number is milliseconds. */
export function parseDuration(text: string, subject: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text)
  if (!match) {
    throw new ConfigError(`${subject}: expected a duration such as 500ms, 2s, 5m or 30d, got "${text}"`, {
      code: 'E_USAGE',
      hint: 'units: ms, s, m, h, d',
    })
  }
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 'ms']!)
}

/** "chat=2s,image=8s,video=60s" → per-kind milliseconds (kinds not named are left out). */
export function parseLatencies(text: string, subject: string): Partial<Record<ModelKind, number>> {
  const result: Partial<Record<ModelKind, number>> = {}
  for (const part of text.split(',').map((piece) => piece.trim()).filter(Boolean)) {
    const [kind, value] = part.split('=').map((piece) => piece.trim())
    if (!isModelKind(kind) || value === undefined) {
      throw new ConfigError(`${subject}: expected kind=duration pairs such as chat=2s,image=8s,video=60s, got "${part}"`, {
        code: 'E_USAGE',
        hint: `kinds are ${MODEL_KINDS.join(', ')}`,
      })
    }
    result[kind] = parseDuration(value, `${subject} ${kind}`)
  }
  return result
}

const isModelKind = (word: string | undefined): word is ModelKind => (MODEL_KINDS as readonly (string | undefined)[]).includes(word)
