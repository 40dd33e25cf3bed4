import type { Emit, StageName } from './events.js'

/**
 * Counts per stage. Totals grow as the plan unfolds (a scene's storyboard adds its shots), so
 * a reporter can show "frames 7/12" before every storyboard is in.
 */
export interface Progress {
  expect(stage: StageName, count: number): void
  done(stage: StageName, subject: string): void
  snapshot(): ReadonlyMap<StageName, { readonly done: number; readonly total: number }>
}

export function createProgress(emit: Emit): Progress {
  const counts = new Map<StageName, { done: number; total: number }>()
  const entry = (stage: StageName) => {
    let value = counts.get(stage)
    if (!value) counts.set(stage, (value = { done: 0, total: 0 }))
    return value
  }
  return {
    expect(stage, count) {
      const value = entry(stage)
      value.total += count
      emit({ type: 'stage:total', stage, total: value.total, done: value.done })
    },
    done(stage, subject) {
      const value = entry(stage)
      value.done += 1
      emit({ type: 'stage:progress', stage, total: value.total, done: value.done, subject })
    },
    snapshot: () => new Map([...counts].map(([stage, value]) => [stage, { ...value }])),
  }
}
