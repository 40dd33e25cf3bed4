import { pcmToWav, S16_MONO } from '../../audio/wav.js'
import { badResponse, responseProblem } from '../http/index.js'
import { expectAudio } from '../speech/audio-type.js'
import type { CallMeta } from '../types.js'
import { GEMINI_PCM_RATE } from './speech-voices.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

export interface GeminiSpeech {
  readonly bytes: Uint8Array
  readonly mediaType: string
  readonly usage?: CallMeta['usage']
}

/**
 * A TTS `generateContent` answer: base64 in `candidates[0].content.parts[].inlineData`, raw
 * s16le PCM named `audio/L16;codec=pcm;rate=24000` (wrapped here as WAV); the tokens it used
 * are in `usageMetadata`.
 */
export function parseSpeechContent(body: unknown): GeminiSpeech {
  if (!isObject(body)) throw badResponse('expected a generateContent object')
  const candidates = Array.isArray(body.candidates) ? body.candidates.filter(isObject) : []
  const feedback = isObject(body.promptFeedback) ? body.promptFeedback : {}
  if (candidates.length === 0 && typeof feedback.blockReason === 'string') {
    throw responseProblem('E_PROVIDER_REFUSED', `the text was blocked (promptFeedback.blockReason ${feedback.blockReason})`, {
      hint: 'reword the line: Gemini’s safety filters refused to speak it',
    })
  }
  const candidate = candidates[0]
  const parts = isObject(candidate?.content) && Array.isArray(candidate.content.parts) ? candidate.content.parts.filter(isObject) : []
  const chunks: Uint8Array[] = []
  let mimeType = ''
  for (const part of parts) {
    const inline = isObject(part.inlineData) ? part.inlineData : isObject(part.inline_data) ? part.inline_data : undefined
    if (!inline || typeof inline.data !== 'string') continue
    mimeType = String(inline.mimeType ?? inline.mime_type ?? mimeType)
    chunks.push(new Uint8Array(Buffer.from(inline.data, 'base64')))
  }
  const data = Buffer.concat(chunks)
  if (data.length === 0) {
    const reason = typeof candidate?.finishReason === 'string' ? ` (finishReason ${candidate.finishReason})` : ''
    throw responseProblem('E_PROVIDER_EMPTY', `the speech answer holds no audio${reason}`)
  }
  const usage = usageOf(body.usageMetadata)
  const audio = /^audio\/(l16|pcm)/i.test(mimeType) || mimeType === ''
    ? { bytes: pcmToWav(data, { sampleRate: rateOf(mimeType), ...S16_MONO }), mediaType: 'audio/wav' }
    : { bytes: new Uint8Array(data), mediaType: expectAudio(data) }
  return { ...audio, ...(usage ? { usage } : {}) }
}

function rateOf(mimeType: string): number {
  const rate = Number(/rate=(\d+)/i.exec(mimeType)?.[1])
  return Number.isInteger(rate) && rate > 0 ? rate : GEMINI_PCM_RATE
}

function usageOf(value: unknown): CallMeta['usage'] | undefined {
  if (!isObject(value)) return undefined
  const input = value.promptTokenCount
  const output = value.candidatesTokenCount
  return typeof input === 'number' && typeof output === 'number' ? { inputTokens: input, outputTokens: output } : undefined
}
