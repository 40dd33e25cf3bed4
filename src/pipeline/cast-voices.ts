import { pickVoice } from '../audio/pick-voice.js'
import { ConfigError } from '../errors.js'
import type { Character, DialogueLine } from '../film.js'
import { resolveVoice } from '../providers/speech/voice-check.js'
import type { SpeechModel, VoiceInfo } from '../providers/types.js'
import type { ResolvedSpec } from '../spec/types.js'

/** Who speaks a line in a voice: a cast member, the narrator, or a speaker the cast does not name. */
export interface VoiceBook {
  /** The voice for a line, or undefined when it stays a subtitle (the narrator is switched off). */
  voiceFor(line: DialogueLine): string | undefined
}

const NARRATOR = /^(narrator|narration|voice[- ]?over|v\.?o\.?)$/i
/** What casting reads to pick the narrator's voice. */
const NARRATOR_DESCRIPTION = 'narrator, clear, measured'

const listed = new WeakMap<SpeechModel, Promise<readonly VoiceInfo[]>>()

/** The model's voices, asked once per model: a vendor's list is a network call. */
export function voicesOf(model: SpeechModel): Promise<readonly VoiceInfo[]> {
  let voices = listed.get(model)
  if (!voices) listed.set(model, (voices = model.voices ? model.voices() : Promise.resolve([])))
  return voices
}

/**
 * Casting's voices: a voice pinned in the spec (or kept in an edited storyboard.json) is checked
 * against the model's list, exit 2 naming the character; every other character gets the voice
 * that best fits their appearance, in cast order, avoiding voices already taken. Same cast, same
 * voices, run after run.
 */
export async function castVoices(spec: ResolvedSpec, model: SpeechModel, cast: readonly Character[]): Promise<Character[]> {
  if (spec.sound === false) return [...cast]
  const voices = await voicesOf(model)
  const ref = `${model.provider}:${model.modelId}`
  const taken: string[] = []
  const pinned = (character: Character) =>
    spec.characters.find((c) => c.name.trim().toLowerCase() === character.name.trim().toLowerCase())?.voice ?? character.voice
  // Pinned voices first, so a free pick never takes a voice a later character asked for.
  const resolved = cast.map((character) => {
    const wanted = pinned(character)
    if (wanted === undefined) return undefined
    const voice = voices.length === 0 ? wanted : resolveVoice(voices, wanted, { ref, call: { subject: `character ${character.name}` } })
    taken.push(voice)
    return voice
  })
  return cast.map((character, index) => {
    let voice = resolved[index]
    if (voice === undefined) {
      if (voices.length === 0) throw noVoices(ref, character.name)
      voice = pickVoice(`${character.name}. ${character.appearance}`, voices, taken).id
      taken.push(voice)
    }
    return { ...character, voice }
  })
}

/**
 * Maps each line's speaker to a voice. A speaker not in the cast (a storyboard's passer-by) gets a
 * voice by name, the same one every time; "Narrator" gets the pinned or a narrator-like voice.
 */
export async function voiceBook(spec: ResolvedSpec, model: SpeechModel, cast: readonly Character[]): Promise<VoiceBook> {
  const voices = await voicesOf(model)
  const ref = `${model.provider}:${model.modelId}`
  const castVoices = cast.flatMap((character) => (character.voice ? [character.voice] : []))
  const narratorSetting = spec.sound === false ? false : spec.sound.narrator
  let narrator: string | undefined
  if (narratorSetting !== false) {
    if (narratorSetting.voice !== undefined) {
      narrator = voices.length === 0 ? narratorSetting.voice : resolveVoice(voices, narratorSetting.voice, { ref, call: { subject: 'the narrator' } })
    } else if (voices.length > 0) narrator = pickVoice(NARRATOR_DESCRIPTION, voices, castVoices).id
  }
  const strangers = new Map<string, string>()
  const key = (name: string) => name.trim().toLowerCase()
  return {
    voiceFor(line) {
      const speaker = key(line.speaker)
      if (NARRATOR.test(speaker) || speaker === '') return narrator
      const member = cast.find((c) => key(c.name) === speaker || key(c.name.split(/\s+/)[0] ?? '') === speaker || c.id === speaker)
      if (member?.voice) return member.voice
      let voice = strangers.get(speaker)
      if (voice === undefined) {
        if (voices.length === 0) throw noVoices(ref, line.speaker)
        voice = pickVoice(line.speaker, voices, castVoices).id
        strangers.set(speaker, voice)
      }
      return voice
    },
  }
}

function noVoices(ref: string, name: string): ConfigError {
  return new ConfigError(`${ref} lists no voices to cast for ${name}`, {
    code: 'E_VOICE_UNSET',
    hint: `give the character a voice (characters[].voice) that ${ref} speaks`,
  })
}
