import type { CapabilityTable } from '../../providers/capabilities/capability-schema.js'
import { findCapabilities } from '../../providers/capabilities/find-capabilities.js'
import type { ModelCapabilities } from '../../providers/capabilities/model-capabilities.js'
import type { DoctorCheck } from './doctor-check.js'

/**
 * The video model's row of the capability table, as the storyboard will be fitted to it. Fails
 * only where a run would (exit 2): a profile asking a silent model for the clips' sound.
 */
export function capabilityCheck(table: CapabilityTable | undefined, videoRef: string, generateAudio: boolean): DoctorCheck {
  const found = findCapabilities(table, videoRef)
  const row = found.key === undefined ? 'no row: the default' : found.key === videoRef ? 'its own row' : `row ${found.key}`
  const detail = `${videoRef} (${row}): ${describeCapabilities(found.capabilities)}`
  if (generateAudio && found.capabilities.audio === 'none') {
    return { name: 'video capabilities', ok: false, detail, hint: `the profile sets generate_audio but ${videoRef} makes no sound: choose another video model or set generate_audio: false`, exitCode: 2 }
  }
  if (found.key === undefined) return { name: 'video capabilities', ok: true, detail, hint: `add a row for ${videoRef} under capabilities: in vimax.config.yaml (see configs/capabilities.yaml)` }
  return { name: 'video capabilities', ok: true, detail }
}

/** "4, 6, 8 s · 16:9, 9:16 · 720p, 1080p · first frame · 2 references · audio optional · prompt ≤ 2500 chars" */
export function describeCapabilities(capabilities: ModelCapabilities): string {
  const frames = [capabilities.firstFrame ? 'first frame' : 'no first frame', ...(capabilities.lastFrame ? ['last frame'] : [])].join(' + ')
  return [
    capabilities.seconds ? `${capabilities.seconds.join(', ')} s` : 'any whole second',
    capabilities.aspectRatios.join(', '),
    ...(capabilities.resolutions ? [capabilities.resolutions.join(', ')] : []),
    frames,
    capabilities.references === 0 ? 'no references' : `up to ${capabilities.references} reference${capabilities.references === 1 ? '' : 's'}`,
    `audio ${capabilities.audio}`,
    ...(capabilities.maxPromptChars === undefined ? [] : [`prompt ≤ ${capabilities.maxPromptChars} chars`]),
  ].join(' · ')
}
