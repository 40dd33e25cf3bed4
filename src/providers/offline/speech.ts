import { CancelledError, ConfigError } from '../../errors.js'
import { runEspeak } from '../../audio/espeak-process.js'
import { espeakLanguage, OFFLINE_VOICES, type OfflineVoice } from '../../audio/offline-voices.js'
import { readWavInfo } from '../../audio/wav.js'
import type { CallOptions, SpeechModel, SpeechRequest, SpeechResult } from '../types.js'

/** Part of the cache key: bump when the same request starts sounding different. */
export const OFFLINE_VOICE_VERSION = 1

export interface OfflineSpeechOptions {
  /** The eSpeak program to spawn; tests may point at a copy. @default bin/vimax-espeak.mjs */
  readonly programPath?: string
}

/**
 * The offline voice: eSpeak NG run as a separate program. Real, intelligible (if robotic) speech
 * with no network and no keys; the same request gives the same bytes, so it caches like a vendor.
 */
export function createOfflineSpeech(options: OfflineSpeechOptions = {}): SpeechModel {
  return {
    kind: 'speech',
    provider: 'offline',
    modelId: 'voice',
    fingerprint: { voice: OFFLINE_VOICE_VERSION },
    voices: () => Promise.resolve(OFFLINE_VOICES.map(({ id, name, gender, description }) => ({ id, name, gender, description }))),
    async generate(request: SpeechRequest, call: CallOptions = {}): Promise<SpeechResult> {
      if (call.signal?.aborted) throw new CancelledError()
      const voice = findVoice(request.voice)
      const language = espeakLanguage(request.language)
      const speed = Number.isFinite(request.speed) && request.speed! > 0 ? request.speed! : 1
      const bytes = await runEspeak(
        { text: request.text, voice: `${language.voice}+${voice.variant}`, pitch: voice.pitch, speed: voice.wpm * speed },
        { ...(call.signal && { signal: call.signal }), ...(call.subject && { subject: call.subject }), ...(options.programPath && { programPath: options.programPath }) },
      )
      const warnings = language.exact ? [] : [`the offline voice has no "${request.language}"; it spoke English instead`]
      const durationS = readWavInfo(bytes)?.durationS
      return {
        audio: { kind: 'bytes', bytes, mediaType: 'audio/wav' },
        ...(durationS !== undefined && { durationS }),
        characters: [...request.text].length,
        warnings,
      }
    },
  }
}

function findVoice(id: string): OfflineVoice {
  const voice = OFFLINE_VOICES.find((v) => v.id === id)
  if (voice) return voice
  throw new ConfigError(`unknown offline voice "${id}"`, {
    code: 'E_UNKNOWN_VOICE',
    hint: `choose one of: ${OFFLINE_VOICES.map((v) => v.id).join(', ')}`,
  })
}
