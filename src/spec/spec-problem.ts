export type SpecPath = readonly (string | number)[]

/** One thing wrong with a spec, before it is given a file position. */
export interface SpecProblem {
  /** Where in the data: `['scenes', 0, 'shots', 2, 'shot_id']`. */
  readonly path: SpecPath
  /** Everything after "dot.path: ", e.g. `expected a number > 0, got -2`. */
  readonly text: string
  /** Point at the field's name rather than its value (unknown fields). */
  readonly atKey?: boolean
  /** An earlier occurrence; its line is appended as "(first at line N)". */
  readonly firstAt?: SpecPath
}

export function dotPath(path: SpecPath): string {
  return path.length === 0 ? '(top level)' : path.join('.')
}
