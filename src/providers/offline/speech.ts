import { CancelledError } from '../../errors.js'
import { runEspeak } from '../../audio/espeak-process.js'
import { espeakLanguage, OFFLINE_VOICES, type OfflineVoice } from '../../audio/offline-voices.js'
import { readWavInfo } from '../../audio/wav.js'
import { resolveVoice } from '../speech/voice-check.js'
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
export function createOfflineSpeech(modelId = 'voice', options: OfflineSpeechOptions = {}): SpeechModel {
  return {
    kind: 'speech',
    provider: 'offline',
    modelId,
    fingerprint: { voice: OFFLINE_VOICE_VERSION },
    voices: () => Promise.resolve(OFFLINE_VOICES.map(({ id, name, gender, description }) => ({ id, name, gender, description }))),
    async generate(request: SpeechRequest, call: CallOptions = {}): Promise<SpeechResult> {
      if (call.signal?.aborted) throw new CancelledError()
      const voice = findVoice(request.voice, call)
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

function findVoice(id: string, call: CallOptions): OfflineVoice {
  const voices = OFFLINE_VOICES.map(({ id, name, gender, description }) => ({ id, name, gender, description }))
  // Same matching (id or name, any case) and the same E_VOICE_UNKNOWN as every vendor's voice.
  const found = resolveVoice(voices, id, { ref: 'offline:voice', call })
  return OFFLINE_VOICES.find((voice) => voice.id === found)!
}
