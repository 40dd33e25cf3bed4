/** Label name → value. Insertion order is the order labels are written in. */
export type Labels = Readonly<Record<string, string>>

export interface Sample {
  /** Appended to the family's name: `_bucket`, `_sum`, `_count` for a histogram, else ''. */
  readonly suffix: '' | '_bucket' | '_sum' | '_count'
  readonly labels: Labels
  readonly value: number
}

/** One metric family as the text format declares it: a name, a HELP line, a TYPE line, samples. */
export interface MetricFamily {
  readonly name: string
  readonly help: string
  readonly type: 'counter' | 'gauge' | 'histogram'
  readonly samples: readonly Sample[]
}
