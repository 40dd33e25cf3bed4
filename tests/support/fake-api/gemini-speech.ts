import { tonePcm } from './speech-audio.js'
import type { Exchange, Route } from './types.js'

const VOICES = new Set(['Zephyr', 'Puck', 'Charon', 'Kore', 'Fenrir', 'Leda', 'Orus', 'Aoede', 'Callirrhoe', 'Autonoe', 'Enceladus', 'Iapetus', 'Umbriel', 'Algieba', 'Despina', 'Erinome', 'Algenib', 'Rasalgethi', 'Laomedeia', 'Achernar', 'Alnilam', 'Schedar', 'Gacrux', 'Pulcherrima', 'Achird', 'Zubenelgenubi', 'Vindemiatrix', 'Sadachbia', 'Sadaltager', 'Sulafat'])
// Request bodies are whatever the client sent; every field is checked before use.
type Body = Record<string, any>

const invalid = (x: Exchange, message: string) => x.error(400, { message, type: 'INVALID_ARGUMENT' })
const voiceOf = (config: Body | undefined): string | undefined => config?.prebuiltVoiceConfig?.voiceName

/**
 * A TTS model's `generateContent`: `responseModalities: ["AUDIO"]`, a prebuilt voice or exactly
 * two speakers; the answer is base64 s16le PCM at 24 kHz with token counts.
 */
function speak(x: Exchange) {
  const body = (x.request.json ?? {}) as Body
  const text = body.contents?.[0]?.parts?.[0]?.text
  if (typeof text !== 'string' || text === '') return invalid(x, 'contents[0].parts[0].text is required')
  const config: Body = body.generationConfig ?? {}
  const modalities = config.responseModalities
  if (!Array.isArray(modalities) || modalities.length !== 1 || modalities[0] !== 'AUDIO') return invalid(x, 'The requested combination of response modalities is not supported by the model.')
  const speech: Body = config.speechConfig ?? {}
  if (speech.voiceConfig && speech.multiSpeakerVoiceConfig) return invalid(x, 'voice_config and multi_speaker_voice_config are mutually exclusive')
  const speakers: Body[] | undefined = speech.multiSpeakerVoiceConfig?.speakerVoiceConfigs
  const voices = speakers ? speakers.map((s) => voiceOf(s.voiceConfig)) : [voiceOf(speech.voiceConfig)]
  if (speakers && (speakers.length !== 2 || speakers.some((s) => typeof s.speaker !== 'string'))) return invalid(x, 'multi_speaker_voice_config must hold exactly 2 speaker_voice_configs')
  const unknown = voices.find((voice) => voice !== undefined && !VOICES.has(voice))
  if (unknown) return invalid(x, `Voice name ${unknown} is not supported.`)
  const data = Buffer.from(tonePcm(text, 24_000)).toString('base64')
  x.json(200, {
    candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: 'audio/L16;codec=pcm;rate=24000', data } }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 25 * Math.ceil([...text].length * 0.02), totalTokenCount: 0 },
    modelVersion: 'fake-tts',
  })
}

/** Matches TTS models only, so it can sit beside the image fake's `generateContent`. */
export const geminiSpeechRoutes: readonly Route[] = [{ name: 'gemini/speech', method: 'POST', path: /\/models\/(?<model>[^/:]*-tts[^/:]*):generateContent$/, respond: speak }]
