import type { z } from 'zod'

/*
 * zod's default messages ("Too small: expected number to be >0") rephrased as the "expected …"
 * half of our problems ("a number > 0"). Passed per parse, so fields with their own `error`
 * still win; nothing global is configured.
 */

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  null: 'null',
}

function plural(count: number | bigint, noun: string): string {
  return `${count} ${noun}${count === 1 || count === 1n ? '' : 's'}`
}

function bound(origin: string, limit: number | bigint, inclusive: boolean, side: 'min' | 'max'): string {
  const op = side === 'min' ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<'
  const atLeast = side === 'min' ? 'at least' : 'at most'
  const adjusted = inclusive ? limit : side === 'min' ? Number(limit) + 1 : Number(limit) - 1
  if (origin === 'string') {
    return side === 'min' && adjusted === 1 ? 'a non-empty string' : `a string of ${atLeast} ${plural(adjusted, 'character')}`
  }
  if (origin === 'array') return `a list of ${atLeast} ${plural(adjusted, 'item')}`
  return `${origin === 'int' ? 'an integer' : 'a number'} ${op} ${limit}`
}

export function expectedPhrase(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? `a value of type ${issue.expected}`
    case 'too_small':
      return bound(issue.origin, issue.minimum, issue.inclusive ?? true, 'min')
    case 'too_big':
      return bound(issue.origin, issue.maximum, issue.inclusive ?? true, 'max')
    case 'invalid_value':
      return issue.values.length === 1 ? String(issue.values[0]) : `one of ${issue.values.map(String).join(', ')}`
    case 'invalid_format':
      return 'pattern' in issue && typeof issue.pattern === 'string' ? `a string matching ${issue.pattern}` : `a valid ${issue.format}`
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`
    case 'unrecognized_keys':
      return 'only known fields'
    case 'invalid_union':
      return 'one of the allowed forms'
    default:
      return 'a valid value'
  }
}

/** The per-parse error map handed to `safeParse`. */
export const expectedPhraseMap: z.core.$ZodErrorMap = (issue) => expectedPhrase(issue)
