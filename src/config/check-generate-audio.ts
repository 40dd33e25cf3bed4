import { ConfigError } from '../errors.js'
import type { ModelCapabilities } from '../providers/capabilities/model-capabilities.js'
import type { RunSettings } from './run-settings.js'

/**
 * A profile that asks for the clips' sound from a video model that makes none would pay for
 * silent clips and leave the film without the ambience it asked for: refused before any call.
 * A model whose row says nothing (a fal endpoint nobody described) is given the switch.
 */
export function checkGenerateAudio(settings: Pick<RunSettings, 'generateAudio' | 'profile' | 'modelRefs'>, video: Pick<ModelCapabilities, 'audio'>): void {
  if (!settings.generateAudio || video.audio !== 'none') return
  throw new ConfigError(`profile "${settings.profile ?? ''}" sets generate_audio, but the video model ${settings.modelRefs.video} makes no sound`, {
    code: 'E_CONFIG_INVALID',
    hint: `choose a video model that makes sound (a Veo 3 model, fal-ai/veo3/fast, the offline animatic) or set generate_audio: false in profile "${settings.profile ?? ''}"`,
  })
}
