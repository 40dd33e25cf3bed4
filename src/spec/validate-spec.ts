import { expectedPhraseMap } from './expected-phrase.js'
import { problemsFromIssues } from './issue-problems.js'
import type { SpecProblem } from './spec-problem.js'
import { specRuleProblems } from './spec-rules.js'
import { specSchema, type SpecData } from './spec-schema.js'

export type SpecValidation =
  | { readonly ok: true; readonly data: SpecData }
  | { readonly ok: false; readonly problems: readonly SpecProblem[] }

/** The schema and the cross-field rules over parsed data, every problem at once. */
export function validateSpecData(data: unknown): SpecValidation {
  const parsed = specSchema.safeParse(data, { error: expectedPhraseMap })
  const problems = [...(parsed.success ? [] : problemsFromIssues(parsed.error.issues, data)), ...specRuleProblems(data)]
  if (parsed.success && problems.length === 0) return { ok: true, data: parsed.data }
  return { ok: false, problems }
}
