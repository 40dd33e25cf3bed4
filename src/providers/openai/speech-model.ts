import { pcmToWav, S16_MONO } from '../../audio/wav.js'
import { fingerprintOf } from '../fingerprint.js'
import type { HttpClient } from '../http/index.js'
import { expectAudio, expectPcm } from '../speech/audio-type.js'
import { type SpokenPiece, speakInPieces } from '../speech/synthesize.js'
import { resolveVoice } from '../speech/voice-check.js'
import type { CallOptions, JsonValue, SpeechModel, SpeechRequest, SpeechResult, VoiceInfo } from '../types.js'
import { OPENAI_PCM_RATE, OPENAI_SPEECH_MAX_CHARS, openaiVoices, takesInstructions } from './speech-voices.js'

/** The `response_format`s of `/audio/speech`. */
export const OPENAI_SPEECH_FORMATS = ['pcm', 'wav', 'mp3', 'opus', 'aac', 'flac'] as const
export type OpenAISpeechFormat = (typeof OPENAI_SPEECH_FORMATS)[number]

/** What each format answers with: the Accept header sent. */
const ACCEPT: Record<OpenAISpeechFormat, string> = {
  pcm: 'audio/pcm',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  opus: 'audio/ogg, audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
}

export interface OpenAISpeechOptions {
  /**
   * What to ask for: `pcm` (OpenAI's default here: 24 kHz s16le, wrapped as WAV, so pieces join
   * exactly and the duration is known), `wav` (compatible servers, whose rates differ: Piper
   * voices are 22.05 kHz), or a compressed `mp3`, `opus` (Ogg), `aac` (ADTS) or `flac`, kept
   * as the vendor sent it and decoded by ffmpeg in the mix.
   */
  readonly format?: OpenAISpeechFormat
  /**
   * Style instructions for every line that brings none of its own (a character's `voice_style`
   * wins): "calm, close to the microphone". Part of the fingerprint, so changing it re-speaks.
   */
  readonly style?: string
  /** The rate of `pcm` answers; default 24000. */
  readonly sampleRate?: number
  /** Longest `input` per request; longer text is split at sentences. Default 4096. */
  readonly maxChars?: number
  /** The voices the server has; `any` sends whatever is asked, unchecked (local servers name their own). */
  readonly voices?: readonly VoiceInfo[] | 'any'
  /** Send `instructions` (default: every model but the tts-1 family). */
  readonly instructions?: boolean
}

export interface OpenAISpeechModelConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly options?: OpenAISpeechOptions | undefined
}

/**
 * `POST /audio/speech`: JSON in, audio bytes out. OpenAI reports no usage here; it bills the
 * characters sent, which is what the result reports.
 */
export function createOpenAISpeechModel(config: OpenAISpeechModelConfig): SpeechModel {
  const { client, modelId } = config
  const options = config.options ?? {}
  const format = options.format ?? 'pcm'
  const sampleRate = options.sampleRate ?? OPENAI_PCM_RATE
  const voices = options.voices ?? openaiVoices(modelId)
  const instructions = options.instructions ?? takesInstructions(modelId)
  const ref = `${config.provider}:${modelId}`
  const style = instructions && options.style?.trim() ? options.style.trim() : undefined
  const fingerprint: Record<string, JsonValue> = fingerprintOf({ format, ...(format === 'pcm' ? { sampleRate } : {}), style }, {})
  return {
    kind: 'speech',
    provider: config.provider,
    modelId,
    fingerprint,
    ...(voices === 'any' ? {} : { voices: async () => voices }),
    async generate(request: SpeechRequest, call: CallOptions = {}): Promise<SpeechResult> {
      const voice = voices === 'any' ? request.voice : resolveVoice(voices, request.voice, { ref, call })
      const speak = async (text: string): Promise<SpokenPiece> => {
        const body: Record<string, JsonValue> = { model: modelId, input: text, voice, response_format: format }
        const wanted = request.instructions?.trim() || style
        if (instructions && wanted) body.instructions = wanted
        if (request.speed !== undefined) body.speed = Math.min(4, Math.max(0.25, request.speed))
        const result = await client.postForBytes('audio/speech', body, {
          model: modelId,
          call,
          accept: ACCEPT[format],
          parse: (bytes, info) =>
            format === 'pcm'
              ? { bytes: pcmToWav(expectPcm(bytes, info), { sampleRate, ...S16_MONO }), mediaType: 'audio/wav' }
              : { bytes, mediaType: expectAudio(bytes, info) },
        })
        return { ...result.value, characters: text.length, requestId: result.requestId, attempts: result.attempts }
      }
      return speakInPieces(request, options.maxChars ?? OPENAI_SPEECH_MAX_CHARS, speak)
    },
  }
}
