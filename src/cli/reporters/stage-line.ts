import type { PipelineEvent, StageName } from '../../pipeline/events.js'
import { STAGES } from '../../pipeline/events.js'

/** Keeps "frames 7/12"-style counts from events, for both the spinner and plain lines. */
export function createStageCounts() {
  const counts = new Map<StageName, { done: number; total: number }>()
  return {
    update(event: PipelineEvent): boolean {
      if (event.type !== 'stage:total' && event.type !== 'stage:progress') return false
      counts.set(event.stage, { done: event.done, total: event.total })
      return true
    },
    line(): string {
      return STAGES.filter((stage) => counts.has(stage))
        .map((stage) => `${stage} ${counts.get(stage)!.done}/${counts.get(stage)!.total}`)
        .join(' · ')
    },
  }
}
