import { ConfigError } from '../errors.js'
import { dotPath, type SpecProblem } from './spec-problem.js'
import type { SpecSourceMap } from './source-map.js'

export const SPEC_HINT = 'see `vimax schema` or README "The spec"'

interface PlacedProblem {
  readonly line: number
  readonly col: number
  readonly text: string
}

function place(problem: SpecProblem, file: string, sourceMap: SpecSourceMap): PlacedProblem {
  const { line, col } = sourceMap.position(problem.path, problem.atKey)
  const first = problem.firstAt === undefined ? '' : ` (first at line ${sourceMap.position(problem.firstAt).line})`
  return { line, col, text: `${file}:${line}:${col} ${dotPath(problem.path)}: ${problem.text}${first}` }
}

/**
 * One error for every problem in the file, in file order:
 * `invalid spec x.yaml: 3 problems` with details such as
 * `x.yaml:4:15 shot_seconds: expected a number > 0, got -2`.
 */
export function specInvalidError(file: string, problems: readonly SpecProblem[], sourceMap: SpecSourceMap): ConfigError {
  const placed = problems
    .map((problem) => place(problem, file, sourceMap))
    .sort((a, b) => a.line - b.line || a.col - b.col)
  const details = [...new Set(placed.map((p) => p.text))]
  const count = details.length === 1 ? '1 problem' : `${details.length} problems`
  return new ConfigError(`invalid spec ${file}: ${count}`, { code: 'E_SPEC_INVALID', hint: SPEC_HINT, details })
}
