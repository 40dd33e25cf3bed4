import type { z } from 'zod'
import { describeValue, valueAt } from './describe-value.js'
import type { SpecPath, SpecProblem } from './spec-problem.js'
import { specFieldNames } from './spec-field-names.js'
import { suggest } from '../util/suggest.js'

/** Short enough to read in one glance; longer lists are left to `vimax schema`. */
const MAX_LISTED_FIELDS = 6

function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))
}

export function unknownFieldText(key: string, known: readonly string[]): string {
  const guess = suggest(key, known)
  if (guess !== undefined) return `unknown field; did you mean "${guess}"?`
  if (known.length > 0 && known.length <= MAX_LISTED_FIELDS) return `unknown field (allowed: ${known.join(', ')})`
  return 'unknown field'
}

/**
 * zod issues (whose messages are "expected …" phrases, see expected-phrase.ts) as problems.
 * A union that failed in every branch is reported through the branch the value was evidently
 * meant for — the one that did not reject its type outright — so a typo inside
 * `{speaker, line}` reads as that typo, not as "not a string or a mapping". `fieldNames` lists the
 * fields allowed at a path (the config passes its own schema's).
 */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  base: SpecPath = [],
  fieldNames: (path: SpecPath) => readonly string[] = specFieldNames,
): SpecProblem[] {
  return issues.flatMap((issue): SpecProblem[] => {
    const path = [...base, ...toPath(issue.path)]
    if (issue.code === 'unrecognized_keys') {
      const known = fieldNames(path)
      return issue.keys.map((key) => ({ path: [...path, key], atKey: true, text: unknownFieldText(key, known) }))
    }
    if (issue.code === 'invalid_union') {
      const meant = issue.errors.find((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0))
      if (meant !== undefined && meant.length > 0) return problemsFromIssues(meant, data, path, fieldNames)
    }
    const { present, value } = valueAt(data, path)
    return [{ path, text: `expected ${issue.message}, got ${describeValue(value, present)}` }]
  })
}
