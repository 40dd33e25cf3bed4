/**
 * How far a run goes. `--stop-after` stops at script, storyboard or frames so a person can review
 * before paying for the rest; `clips` (everything but the edit) is a dry run's plan.
 */
export type RunUntil = 'script' | 'storyboard' | 'frames' | 'clips' | 'film'

const ORDER: readonly RunUntil[] = ['script', 'storyboard', 'frames', 'clips', 'film']

/** Whether a run that goes as far as `until` does the work of `stage`. */
export function reaches(until: RunUntil, stage: RunUntil): boolean {
  return ORDER.indexOf(until) >= ORDER.indexOf(stage)
}
