import type { z } from 'zod'
import type { SpecSourceMap } from '../spec/source-map.js'
import { problemsFromIssues } from '../spec/issue-problems.js'
import { dotPath } from '../spec/spec-problem.js'

/**
 * zod issues of a config file as `file:line:col dot.path: expected …, got …` lines: the spec's
 * own reading of issues (parse with `expectedPhraseMap`), with unknown keys checked against the
 * config schema's field names.
 */
export function configProblems(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  schema: z.ZodType,
  file: string,
  sourceMap: SpecSourceMap,
): string[] {
  const placed = problemsFromIssues(issues, data, [], (path) => fieldsAt(schema, path)).map((problem) => {
    const at = sourceMap.position(problem.path, problem.atKey)
    return { at, line: `${file}:${at.line}:${at.col} ${dotPath(problem.path)}: ${problem.text}` }
  })
  return [...new Set(placed.sort((a, b) => a.at.line - b.at.line || a.at.col - b.at.col).map(({ line }) => line))]
}

/** The field names an object schema allows at `path`, walking through optionals and records. */
function fieldsAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let node: unknown = schema
  for (const segment of [...path, null]) {
    node = unwrap(node)
    const def = (node as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; valueType?: unknown } } })._zod?.def
    if (segment === null) return def?.type === 'object' && def.shape ? Object.keys(def.shape) : []
    if (def?.type === 'object' && def.shape) node = def.shape[String(segment)]
    else if (def?.type === 'record') node = def.valueType
    else return []
  }
  return []
}

function unwrap(node: unknown): unknown {
  let current = node as { _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown } } } | undefined
  for (;;) {
    const type = current?._zod?.def?.type
    if (type === 'optional' || type === 'default') current = current!._zod!.def!.innerType as typeof current
    else if (type === 'pipe') current = current!._zod!.def!.in as typeof current
    else return current
  }
}
