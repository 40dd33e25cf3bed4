/** Where a sentence ends, in the scripts films are written in. */
const SENTENCE = /[^.!?…。！？]+(?:[.!?…。！？]+["'»”’)）」』]*|$)\s*/gu
/** Where a clause ends inside a sentence. */
const CLAUSE = /[^,;:—–、，；：]+(?:[,;:—–、，；：]+|$)\s*/gu

/**
 * The text's sentences, and inside a sentence that is long on its own, its clauses: the places a
 * line can be cut without cutting a thought. Joined back in order they give the text unchanged.
 */
export function lineBreaks(text: string, longPiece: number): string[] {
  const sentences = text.match(SENTENCE) ?? [text]
  return sentences.flatMap((sentence) => ([...sentence].length > longPiece ? (sentence.match(CLAUSE) ?? [sentence]) : [sentence]))
}

/**
 * Cuts a line that is too long for its shot into parts, one for its own shot and one for each of
 * the following shots that have no line of their own, each part as long as the room it goes to
 * allows where possible. `rooms` are seconds: the room left in the line's own shot, then each free
 * shot's. A part's length is estimated from the whole line's spoken length, pro rata by characters.
 * Returns the parts (at least two; the last takes whatever is left), or undefined when the line
 * has no place to be cut or no shot to carry it.
 */
export function carryLine(text: string, spokenS: number, rooms: readonly number[]): string[] | undefined {
  const length = [...text].length
  if (rooms.length < 2 || length === 0) return undefined
  const perChar = spokenS / length
  const widest = Math.max(...rooms.slice(1))
  const pieces = lineBreaks(text, Math.max(1, Math.floor(widest / perChar)))
  if (pieces.length < 2) return undefined
  const parts: string[] = []
  let next = 0
  for (let room = 0; room < rooms.length && next < pieces.length; room++) {
    const last = room === rooms.length - 1
    let part = pieces[next++]!
    while (next < pieces.length && (last || [...part + pieces[next]!].length * perChar <= rooms[room]!)) part += pieces[next++]!
    parts.push(part.trim())
  }
  const kept = parts.filter((part) => part !== '')
  return kept.length < 2 ? undefined : kept
}
