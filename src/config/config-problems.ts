import type { z } from 'zod'
import type { SpecSourceMap } from '../spec/source-map.js'
import { describeValue, valueAt } from '../spec/describe-value.js'
import { suggest } from '../util/suggest.js'

/**
 * zod issues of a config file as `file:line:col dot.path: expected …, got …` lines, the same
 * shape as spec errors; unknown keys get a "did you mean" from the schema's own field names.
 */
export function configProblems(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  schema: z.ZodType,
  file: string,
  sourceMap: SpecSourceMap,
): string[] {
  return issues
    .flatMap((issue) => {
      const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))
      if (issue.code === 'unrecognized_keys') {
        const known = fieldsAt(schema, path)
        return issue.keys.map((key) => {
          const guess = suggest(key, known)
          return { path: [...path, key], atKey: true, text: guess ? `unknown field; did you mean "${guess}"?` : `unknown field (allowed: ${known.join(', ')})` }
        })
      }
      const { present, value } = valueAt(data, path)
      const expected = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '')
      return [{ path, atKey: false, text: `${expected.startsWith('expected') ? expected : `expected ${expected}`}, got ${describeValue(value, present)}` }]
    })
    .map(({ path, atKey, text }) => {
      const at = sourceMap.position(path, atKey)
      return { at, line: `${file}:${at.line}:${at.col} ${path.join('.') || '(top level)'}: ${text}` }
    })
    .sort((a, b) => a.at.line - b.at.line || a.at.col - b.at.col)
    .map(({ line }) => line)
}

/** The field names an object schema allows at `path`, walking through optionals and records. */
function fieldsAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let node: unknown = schema
  for (const _segment of [...path, null]) {
    node = unwrap(node)
    const def = (node as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; valueType?: unknown } } })._zod?.def
    if (_segment === null) return def?.type === 'object' && def.shape ? Object.keys(def.shape) : []
    if (def?.type === 'object' && def.shape) node = def.shape[String(_segment)]
    else if (def?.type === 'record') node = def.valueType
    else return []
  }
  return []
}

function unwrap(node: unknown): unknown {
  let current = node as { _zod?: { def?: { type?: string; innerType?: unknown } } } | undefined
  while (current?._zod?.def?.type === 'optional' || current?._zod?.def?.type === 'default') current = current._zod.def.innerType as typeof current
  return current
}
