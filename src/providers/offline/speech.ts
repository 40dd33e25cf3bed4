import { CancelledError } from '../../errors.js'
import { createEspeakPool, type EspeakPool } from '../../audio/espeak-pool.js'
import { espeakLanguage, OFFLINE_VOICES, type OfflineVoice } from '../../audio/offline-voices.js'
import { readWavInfo } from '../../audio/wav.js'
import { resolveVoice } from '../speech/voice-check.js'
import type { CallOptions, SpeechModel, SpeechRequest, SpeechResult } from '../types.js'

/** Part of the cache key: bump when the same request starts sounding different. */
export const OFFLINE_VOICE_VERSION = 2

/**
 * Quotation marks are not spoken, but eSpeak answers an opening one with a soft, slow start that
 * puts the voice well behind its subtitle; the words inside are read the same without them.
 */
const QUOTES = /["“”„‟«»‹›「」『』]/g

export interface OfflineSpeechOptions {
  /** The eSpeak program to spawn; tests may point at a copy. @default bin/vimax-espeak.mjs */
  readonly programPath?: string
  /** eSpeak worker processes at most (each speaks one line at a time). @default 2 */
  readonly workers?: number
}

/**
 * The offline voice: eSpeak NG run as a separate program. Real, intelligible (if robotic) speech
 * with no network and no keys; the same request gives the same bytes, so it caches like a vendor.
 */
export function createOfflineSpeech(modelId = 'voice', options: OfflineSpeechOptions = {}): SpeechModel {
  let pool: EspeakPool | undefined
  // Said once per run: a Japanese film has kanji in most of its lines.
  let warnedKanji = false
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
      const said = request.text.replace(QUOTES, ' ').replace(/\s+/g, ' ').trim()
      const { text, kanji } = language.voice === 'ja' ? withoutKanji(said) : { text: said, kanji: [] }
      // Decided before speaking: of two lines spoken at once, only one may say it.
      const kanjiWarning = kanji.length > 0 && !warnedKanji ? kanjiNotice(call.subject, kanji) : undefined
      if (kanjiWarning) warnedKanji = true
      pool ??= createEspeakPool({ ...(options.programPath && { programPath: options.programPath }), ...(options.workers && { maxWorkers: options.workers }) })
      const bytes = await pool.speak(
        { text, voice: `${language.voice}+${voice.variant}`, pitch: voice.pitch, speed: voice.wpm * speed },
        { ...(call.signal && { signal: call.signal }), ...(call.subject && { subject: call.subject }) },
      )
      const warnings = language.exact ? [] : [`the offline voice has no "${request.language}"; it spoke English instead`]
      if (kanjiWarning) warnings.push(kanjiWarning)
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

function kanjiNotice(subject: string | undefined, kanji: readonly string[]): string {
  return (
    `${subject ?? 'a line'}: the offline voice (eSpeak NG) cannot read kanji (${kanji.join(', ')}); it speaks only the kana, ` +
    'in this line and in every later line with kanji. Write Japanese lines in kana, or choose a speech model that reads kanji (openai, gemini, elevenlabs)'
  )
}

/**
 * eSpeak NG's Japanese reads kana only; kanji would come out as the names of characters. They are
 * left out (a pause in their place) so the kana around them still speak; the subtitle keeps them.
 */
function withoutKanji(text: string): { readonly text: string; readonly kanji: string[] } {
  const kanji = text.match(/\p{Script=Han}+/gu) ?? []
  return { text: kanji.length === 0 ? text : text.replace(/\p{Script=Han}+/gu, '、'), kanji: [...new Set(kanji)] }
}
