import type { Beat } from './story-beats.js'
import { LINES_DE } from './lines-de.js'
import { LINES_EN } from './lines-en.js'
import { LINES_ES } from './lines-es.js'
import { LINES_FR } from './lines-fr.js'
import { LINES_JA } from './lines-ja.js'

/*
 * The offline writer's words in one language. Placeholders: {A} the protagonist, {B} the scene's
 * other character, {q} a phrase of the idea, quoted whole (never a noun slotted into a sentence:
 * a template cannot know the gender, number or case a noun would need). Dialogue never names {B},
 * so a film with one character can still speak it. Editing a bank needs a bump of
 * OFFLINE_WRITER_VERSION in chat.ts.
 */
export interface LineBank {
  /** Opening and closing quotation marks of the language. */
  readonly quotes: readonly [string, string]
  readonly titles: readonly string[]
  /** Appended to the idea's sentence to make the logline; starts with its own punctuation. */
  readonly twists: readonly string[]
  /** One line per beat for the outline, with {A}, {B} and {q}. */
  readonly outline: { readonly [beat in Beat]: string }
  /** The outline line when the film has a single character: no {B}. */
  readonly soloOutline: { readonly [beat in Beat]: string }
  /** Four lines per beat, spoken in turn. */
  readonly exchanges: { readonly [beat in Beat]: readonly string[] }
  /** Who the protagonist is, with {A}. */
  readonly leads: readonly string[]
  /** Who another character is, with {A} (the protagonist) and {B} (them). */
  readonly companions: readonly string[]
  /** A sentence of atmosphere for each time of day of a slugline. */
  readonly times: { readonly [time: string]: string }
  /** "{B} watches {A} closely." */
  readonly watches: string
}

/** The languages the offline writer writes, by primary BCP 47 subtag. */
export const WRITER_LANGUAGES: { readonly [tag: string]: LineBank } = { en: LINES_EN, fr: LINES_FR, es: LINES_ES, de: LINES_DE, ja: LINES_JA }

/** The bank for a spec's language, and whether it is that language (false: English instead). */
export function bankFor(tag: string | undefined): { readonly bank: LineBank; readonly exact: boolean } {
  const primary = (tag ?? 'en').trim().toLowerCase().split(/[-_]/)[0] ?? ''
  const bank = WRITER_LANGUAGES[primary === '' ? 'en' : primary]
  return bank === undefined ? { bank: LINES_EN, exact: false } : { bank, exact: true }
}

export function quoted(bank: LineBank, phrase: string): string {
  return `${bank.quotes[0]}${phrase}${bank.quotes[1]}`
}
