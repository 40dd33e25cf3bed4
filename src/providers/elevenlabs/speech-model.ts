import { ProviderError } from '../../errors.js'
import { fingerprintOf } from '../fingerprint.js'
import type { HttpClient, ResponseInfo } from '../http/index.js'
import { type SpokenPiece, speakInPieces } from '../speech/synthesize.js'
import { resolveVoice, unknownVoice } from '../speech/voice-check.js'
import type { CallOptions, JsonValue, SpeechModel, SpeechRequest, SpeechResult, VoiceInfo } from '../types.js'
import { parseTimedSpeech, parseVoices } from './speech-response.js'
import { type ElevenLabsVoiceSettings, elevenLabsMaxChars, SPEECH_OUTPUT_FORMAT, takesLanguageCode } from './settings.js'

export interface ElevenLabsSpeechConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly voiceSettings?: ElevenLabsVoiceSettings | undefined
}

/** Voice ids are 20 letters and digits; anything else is a voice's name, looked up in the account. */
const VOICE_ID = /^[A-Za-z0-9]{20}$/

/**
 * `POST /v1/text-to-speech/{voice_id}/with-timestamps`: PCM at 24 kHz (wrapped as WAV) with the
 * time of every character, which becomes word timing for subtitles. Voices are the account's
 * (`GET /v1/voices`, read once per model and kept).
 */
export function createElevenLabsSpeechModel(config: ElevenLabsSpeechConfig): SpeechModel {
  const { client, modelId } = config
  const ref = `${config.provider}:${modelId}`
  const fingerprint: Record<string, JsonValue> = fingerprintOf({ voiceSettings: config.voiceSettings as JsonValue | undefined }, { outputFormat: SPEECH_OUTPUT_FORMAT })
  let listed: Promise<readonly VoiceInfo[]> | undefined
  const voices = (call: CallOptions = {}) => {
    listed ??= client.getJson('v1/voices', { model: modelId, call, parse: parseVoices }).then((result) => result.value)
    // A failed listing is not kept: the next call asks again.
    listed.catch(() => (listed = undefined))
    return listed
  }
  return {
    kind: 'speech',
    provider: config.provider,
    modelId,
    fingerprint,
    voices: () => voices(),
    async generate(request: SpeechRequest, call: CallOptions = {}): Promise<SpeechResult> {
      const voiceId = VOICE_ID.test(request.voice) ? request.voice : resolveVoice(await voices(call), request.voice, { ref, call })
      const path = `v1/text-to-speech/${encodeURIComponent(voiceId)}/with-timestamps?output_format=${SPEECH_OUTPUT_FORMAT}`
      const speak = async (text: string): Promise<SpokenPiece> => {
        const voiceSettings: Record<string, JsonValue> = { ...(config.voiceSettings as Record<string, JsonValue> | undefined) }
        // ElevenLabs takes speeds from 0.7 to 1.2 only.
        if (request.speed !== undefined) voiceSettings.speed = Math.min(1.2, Math.max(0.7, request.speed))
        const body: Record<string, JsonValue> = { text, model_id: modelId }
        if (Object.keys(voiceSettings).length > 0) body.voice_settings = voiceSettings
        if (request.seed !== undefined) body.seed = Math.abs(Math.trunc(request.seed)) % 4_294_967_296
        if (takesLanguageCode(modelId)) body.language_code = request.language.split('-')[0]!.toLowerCase()
        // ElevenLabs names what it billed in a header; the text's length stands in when it does not.
        const parse = (json: unknown, info: ResponseInfo) => ({ ...parseTimedSpeech(json), billed: Number(info.headers['x-character-count']) })
        const result = await client.postJson(path, body, { model: modelId, call, parse })
        const { billed, ...spoken } = result.value
        return { ...spoken, characters: Number.isFinite(billed) && billed > 0 ? billed : text.length, requestId: result.requestId, attempts: result.attempts }
      }
      try {
        return await speakInPieces(request, elevenLabsMaxChars(modelId), speak)
      } catch (error) {
        // A voice id the account does not have is a mistake in the spec, not a vendor failure.
        if (error instanceof ProviderError && error.status === 404 && /voice_not_found/.test(error.message)) {
          throw unknownVoice(await voices(call), request.voice, { ref, call })
        }
        throw error
      }
    },
  }
}
