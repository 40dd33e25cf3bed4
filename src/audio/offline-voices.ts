import type { VoiceInfo } from '../providers/types.js'

/** An offline voice: an eSpeak NG variant with its own pitch and pace, for any language. */
export interface OfflineVoice extends VoiceInfo {
  /** eSpeak NG variant file ("m3", "f2", "grandma"). */
  readonly variant: string
  /** eSpeak pitch, 0–99 (50 is the variant's own). */
  readonly pitch: number
  /** Words per minute at speed 1. */
  readonly wpm: number
}

/**
 * Twelve voices that stay apart by ear: different variant formants, pitch and pace. Ids are
 * stable (storyboards record them); change a voice's sound by adding one, never by editing one.
 */
export const OFFLINE_VOICES: readonly OfflineVoice[] = [
  { id: 'arthur', name: 'Arthur', gender: 'male', description: 'adult man, deep, calm, steady', variant: 'm1', pitch: 30, wpm: 160 },
  { id: 'bruno', name: 'Bruno', gender: 'male', description: 'adult man, warm, middle-aged', variant: 'm3', pitch: 45, wpm: 165 },
  { id: 'cyril', name: 'Cyril', gender: 'male', description: 'young man, bright, quick, teen', variant: 'm7', pitch: 62, wpm: 185 },
  { id: 'edgar', name: 'Edgar', gender: 'male', description: 'old man, elderly, slow, grave', variant: 'm2', pitch: 28, wpm: 140 },
  { id: 'felix', name: 'Felix', gender: 'male', description: 'adult man, narrator, clear, measured', variant: 'm4', pitch: 40, wpm: 155 },
  { id: 'tom', name: 'Tom', gender: 'male', description: 'boy, child, young, lively', variant: 'm6', pitch: 80, wpm: 180 },
  { id: 'greta', name: 'Greta', gender: 'female', description: 'adult woman, warm, calm', variant: 'f1', pitch: 50, wpm: 160 },
  { id: 'hana', name: 'Hana', gender: 'female', description: 'young woman, bright, quick, teen', variant: 'f2', pitch: 68, wpm: 182 },
  { id: 'iris', name: 'Iris', gender: 'female', description: 'adult woman, low, serious, middle-aged', variant: 'f3', pitch: 38, wpm: 158 },
  { id: 'kay', name: 'Kay', gender: 'female', description: 'old woman, elderly, slow, gentle', variant: 'f4', pitch: 42, wpm: 138 },
  { id: 'lena', name: 'Lena', gender: 'female', description: 'adult woman, narrator, clear, measured', variant: 'f5', pitch: 55, wpm: 155 },
  { id: 'mia', name: 'Mia', gender: 'female', description: 'girl, child, young, lively', variant: 'f4', pitch: 90, wpm: 178 },
]

/**
 * eSpeak NG language voices for the BCP 47 tags films are written in. Anything else falls back to
 * its primary subtag when eSpeak has it (see ESPEAK_LANGUAGES), then to English.
 */
const ESPEAK_FOR_TAG: { readonly [tag: string]: string } = {
  en: 'en-us', 'en-us': 'en-us', 'en-gb': 'en-gb-x-rp', 'en-029': 'en-029',
  fr: 'fr', 'fr-fr': 'fr', 'fr-be': 'fr-be', 'fr-ch': 'fr-ch', 'fr-ca': 'fr',
  es: 'es', 'es-es': 'es', 'es-419': 'es-419', 'es-mx': 'es-419',
  pt: 'pt', 'pt-pt': 'pt', 'pt-br': 'pt-br',
  zh: 'cmn', 'zh-cn': 'cmn', 'zh-hans': 'cmn', 'zh-hk': 'yue', 'zh-tw': 'cmn', yue: 'yue',
  nb: 'nb', no: 'nb',
}

/** Languages of the eSpeak NG build we ship (its espeak-ng-data/lang tree), by voice name. */
export const ESPEAK_LANGUAGES: ReadonlySet<string> = new Set(
  ('af am an ar as az ba be bg bn bpy bs ca chr cmn cs cv cy da de el en en-us en-gb-x-rp en-029 eo es es-419 et eu ' +
    'fa fi fr fr-be fr-ch ga gd gn grc gu hak haw he hi hr ht hu hy hyw ia id io is it ja jbo ka kk kl kn ko kok ku ky ' +
    'la lb lfn lt ltg lv mi mk ml mr ms mt mto my nb nci ne nl nog om or pa pap pl pt pt-br py qu quc ro ru sd shn si ' +
    'sk sl smj sq sr sv sw ta te th tk tn tr tt ug uk ur uz vi yue')
    .split(' '),
)

/** The eSpeak language voice for a spec's language, and whether it had to fall back. */
export function espeakLanguage(tag: string): { readonly voice: string; readonly exact: boolean } {
  const lower = tag.trim().toLowerCase().replaceAll('_', '-')
  const mapped = ESPEAK_FOR_TAG[lower] ?? (ESPEAK_LANGUAGES.has(lower) ? lower : undefined)
  if (mapped !== undefined) return { voice: mapped, exact: true }
  const primary = lower.split('-')[0] ?? ''
  const fromPrimary = ESPEAK_FOR_TAG[primary] ?? (ESPEAK_LANGUAGES.has(primary) ? primary : undefined)
  if (fromPrimary !== undefined) return { voice: fromPrimary, exact: true }
  return { voice: 'en-us', exact: false }
}
