import type { AspectRatio, Shot } from '../film.js'
import { nearestSeconds, supportedAspect } from '../providers/fit-request.js'
import type { ModelCapabilities } from '../providers/capabilities/model-capabilities.js'

export interface FittedShots {
  readonly shots: readonly Shot[]
  /** One line naming every shot whose length changed; absent when none did. */
  readonly warning?: string
}

/**
 * A scene's shots last what the video model can make, decided before paying: the storyboard, the
 * subtitles and the film then agree with the clip instead of trimming or freezing it. Ties go to
 * the longer duration (7 s on [4, 6, 8] is 8 s).
 */
export function fitStoryboard(capabilities: Pick<ModelCapabilities, 'seconds'>, modelRef: string, shots: readonly Shot[]): FittedShots {
  const allowed = capabilities.seconds
  if (!allowed) return { shots }
  const changed: string[] = []
  const fitted = shots.map((shot) => {
    const seconds = nearestSeconds(shot.seconds, allowed)
    if (seconds === shot.seconds) return shot
    changed.push(`shot ${shot.id} ${shot.seconds} → ${seconds} s`)
    return { ...shot, seconds }
  })
  if (changed.length === 0) return { shots }
  return { shots: fitted, warning: `${modelRef} makes ${allowed.join(', ')} s clips: ${changed.join(', ')}` }
}

/** Said once per run: every clip of a film in a shape the model does not make is made in one it does. */
export function aspectWarning(capabilities: Pick<ModelCapabilities, 'aspectRatios'>, modelRef: string, wanted: AspectRatio): string | undefined {
  const made = supportedAspect(wanted, capabilities.aspectRatios)
  if (made === wanted) return undefined
  return `${modelRef} makes no ${wanted} video: clips are made at ${made} and fitted to the film's frame`
}
