import type { AlignmentUnit } from '../types.js'

export interface CharacterAlignment {
  readonly characters: readonly string[]
  readonly starts: readonly number[]
  readonly ends: readonly number[]
}

/** Scripts written without spaces between words: each character is timed on its own. */
const UNSPACED = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f]/

/**
 * Words from per-character timing: a word runs from its first character's start to its last
 * character's end; spaces separate words and are not timed. Punctuation stays with its word.
 * In Japanese or Chinese (no spaces) each ideograph or kana is a unit of its own.
 */
export function wordsFromCharacters(alignment: CharacterAlignment): AlignmentUnit[] {
  const words: AlignmentUnit[] = []
  let text = ''
  let startS = 0
  let endS = 0
  const flush = () => {
    if (text !== '') words.push({ text, startS, endS })
    text = ''
  }
  alignment.characters.forEach((char, i) => {
    const start = alignment.starts[i] ?? endS
    const end = alignment.ends[i] ?? start
    if (/^\s+$/.test(char)) return flush()
    if (UNSPACED.test(char)) {
      flush()
      words.push({ text: char, startS: start, endS: end })
      return
    }
    if (text === '' && words.length > 0 && !/[\p{L}\p{N}]/u.test(char) && UNSPACED.test(words.at(-1)!.text)) {
      // Japanese punctuation after a kana belongs to it.
      const last = words.pop()!
      words.push({ text: last.text + char, startS: last.startS, endS: end })
      return
    }
    if (text === '') startS = start
    text += char
    endS = end
  })
  flush()
  return words
}
