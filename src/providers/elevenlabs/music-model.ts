import type { HttpClient } from '../http/index.js'
import { expectAudio } from '../speech/audio-type.js'
import type { CallOptions, MusicModel, MusicRequest, MusicResult } from '../types.js'
import { MUSIC_OUTPUT_FORMAT } from './settings.js'

export interface ElevenLabsMusicConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
}

/** The lengths `/v1/music` accepts with a prompt, in ms. */
const MIN_MS = 3_000
const MAX_MS = 600_000

/**
 * `POST /v1/music`: a prompt and a length in, MP3 out, in one request (no job to poll). The bed
 * is always instrumental: dialogue goes on top. No seed is sent: the API refuses one with a
 * prompt; the cache is what makes reruns repeat.
 */
export function createElevenLabsMusicModel(config: ElevenLabsMusicConfig): MusicModel {
  const { client, modelId } = config
  return {
    kind: 'music',
    provider: config.provider,
    modelId,
    fingerprint: { outputFormat: MUSIC_OUTPUT_FORMAT, forceInstrumental: true },
    async generate(request: MusicRequest, call: CallOptions = {}): Promise<MusicResult> {
      const lengthMs = Math.round(Math.min(MAX_MS, Math.max(MIN_MS, request.seconds * 1000)))
      const body = { prompt: request.prompt, music_length_ms: lengthMs, model_id: modelId, force_instrumental: true }
      const result = await client.postForBytes(`v1/music?output_format=${MUSIC_OUTPUT_FORMAT}`, body, {
        model: modelId,
        call,
        accept: 'audio/mpeg',
        parse: (bytes, info) => ({ bytes, mediaType: expectAudio(bytes, info) }),
      })
      const clamped = lengthMs !== Math.round(request.seconds * 1000)
      const warnings = clamped ? [`music length ${request.seconds}s sent as ${lengthMs / 1000}s (the model makes 3 s to 10 min)`] : []
      return {
        audio: { kind: 'bytes', ...result.value },
        durationS: lengthMs / 1000,
        requestId: result.requestId,
        attempts: result.attempts,
        ...(warnings.length > 0 ? { warnings } : {}),
      }
    },
  }
}
