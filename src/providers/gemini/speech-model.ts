import { ConfigError } from '../../errors.js'
import type { HttpClient } from '../http/index.js'
import { splitScript } from '../speech/split-script.js'
import { splitSpeechText } from '../speech/split-text.js'
import { type SpokenPiece, speakInPieces } from '../speech/synthesize.js'
import { resolveVoice } from '../speech/voice-check.js'
import type { CallOptions, JsonValue, SpeechModel, SpeechRequest, SpeechResult } from '../types.js'
import { modelPath } from './settings.js'
import { parseSpeechContent } from './speech-response.js'
import { GEMINI_SPEECH_MAX_CHARS, GEMINI_VOICES } from './speech-voices.js'

/** Two named speakers in one request; the text then reads "Name: line" per line. */
export interface GeminiSpeaker {
  readonly name: string
  readonly voice: string
}

export interface GeminiSpeechRequest extends SpeechRequest {
  /** Exactly two: Gemini's multi-speaker mode takes no more and no fewer. */
  readonly speakers?: readonly GeminiSpeaker[]
}

export interface GeminiSpeechConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
}

/**
 * Gemini TTS over `:generateContent` with `responseModalities: ["AUDIO"]` and a `speechConfig`
 * (one prebuilt voice, or two speakers). The model takes direction in plain words, so style
 * and pace go before the text ("Say slowly, whispering: …"). The language is the text's own:
 * the model detects it, and `languageCode` is not sent.
 */
export function createGeminiSpeechModel(config: GeminiSpeechConfig): SpeechModel {
  const { client, modelId } = config
  const ref = `${config.provider}:${modelId}`
  return {
    kind: 'speech',
    provider: config.provider,
    modelId,
    voices: async () => GEMINI_VOICES,
    async generate(request: GeminiSpeechRequest, call: CallOptions = {}): Promise<SpeechResult> {
      const speechConfig = speechConfigOf(request, ref, call)
      const direction = directionOf(request)
      const speak = async (text: string): Promise<SpokenPiece> => {
        const body = {
          contents: [{ role: 'user', parts: [{ text: direction ? `${direction}: ${text}` : text }] }],
          generationConfig: { responseModalities: ['AUDIO'], speechConfig },
        }
        const result = await client.postJson(modelPath(modelId, 'generateContent'), body, { model: modelId, call, parse: parseSpeechContent })
        return { ...result.value, characters: text.length, requestId: result.requestId, attempts: result.attempts }
      }
      const split = request.speakers?.length ? splitScript : splitSpeechText
      return speakInPieces(request, GEMINI_SPEECH_MAX_CHARS - direction.length - 2, speak, split)
    },
  }
}

function speechConfigOf(request: GeminiSpeechRequest, ref: string, call: CallOptions): Record<string, JsonValue> {
  const prebuilt = (voice: string) => ({ prebuiltVoiceConfig: { voiceName: resolveVoice(GEMINI_VOICES, voice, { ref, call }) } })
  const speakers = request.speakers ?? []
  if (speakers.length === 0) return { voiceConfig: prebuilt(request.voice) }
  if (speakers.length !== 2) {
    throw new ConfigError(`${ref} speaks two voices at once, and ${speakers.length} speakers were given${call.subject ? ` (${call.subject})` : ''}`, {
      code: 'E_SPEECH_SPEAKERS',
      hint: 'give exactly two speakers, or speak each line with its own voice',
    })
  }
  return { multiSpeakerVoiceConfig: { speakerVoiceConfigs: speakers.map((s) => ({ speaker: s.name, voiceConfig: prebuilt(s.voice) })) } }
}

function directionOf(request: SpeechRequest): string {
  const pace = request.speed === undefined || Math.abs(request.speed - 1) < 0.1 ? '' : request.speed < 1 ? 'slowly' : 'quickly'
  const words = [pace, request.instructions?.trim() ?? ''].filter((w) => w !== '')
  return words.length === 0 ? '' : `Say ${words.join(', ')}`
}
