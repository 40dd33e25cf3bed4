/** Marks that end a sentence in the scripts a film may be written in (Latin, CJK, Arabic, Devanagari). */
const SENTENCE_END = new Set(['.', '!', '?', '…', '。', '！', '？', '؟', '۔', '।', '॥'])
/** Full-width marks end a sentence with no space after them. */
const TIGHT_END = new Set(['。', '！', '？'])
const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']', '）', '」', '』', '】'])
const CLAUSE_END = new Set([',', ';', ':', '、', '，', '；', '：', '،', '—'])

/**
 * Cuts speech text into pieces of at most `maxChars` UTF-16 units, at sentence ends where it
 * can, else at clause marks, else at spaces, else anywhere but inside a surrogate pair. Nothing
 * is dropped: the pieces, trimmed, hold every non-space character of the text in order. Vendors
 * count characters differently; UTF-16 units are never fewer than code points, so the limit holds.
 */
export function splitSpeechText(text: string, maxChars: number): string[] {
  if (!Number.isInteger(maxChars) || maxChars < 1) throw new RangeError(`maxChars must be a positive integer, got ${maxChars}`)
  const trimmed = text.trim()
  if (trimmed.length <= maxChars) return trimmed === '' ? [] : [trimmed]
  const pieces: string[] = []
  for (const sentence of cut(trimmed, SENTENCE_END, TIGHT_END)) {
    if (sentence.trim().length <= maxChars) pieces.push(sentence)
    else for (const clause of cut(sentence.trim(), CLAUSE_END, new Set(['、', '，', '；', '：']))) pieces.push(...bySpace(clause, maxChars))
  }
  return pack(pieces, maxChars).map((chunk) => chunk.trim())
}

/** Splits after each end mark (and its closing quotes) that is followed by a space or the text's end. */
function cut(text: string, ends: ReadonlySet<string>, tight: ReadonlySet<string>): string[] {
  const parts: string[] = []
  // A line break is kept on its line, so packing can put it back (a script's "Name: line" layout).
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char !== '\n' && !ends.has(char)) continue
    let end = i + 1
    while (end < text.length && (ends.has(text[end]!) || CLOSERS.has(text[end]!))) end++
    const spaced = end >= text.length || /\s/.test(text[end]!)
    if (!spaced && !tight.has(char) && char !== '\n') continue
    const gap = /^\s*/.exec(text.slice(end, end + 8))![0]
    parts.push(text.slice(start, end).trim() + (char === '\n' || gap.includes('\n') ? '\n' : ''))
    start = end
    i = end - 1
  }
  parts.push(text.slice(start).trim())
  return parts.filter((part) => part.trim() !== '')
}

function bySpace(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text]
  const parts: string[] = []
  let rest = text
  while (rest.length > maxChars) {
    const space = rest.lastIndexOf(' ', maxChars)
    let at = space > 0 ? space : maxChars
    // Never split a surrogate pair: half an emoji is not text.
    if (space <= 0 && isHighSurrogate(rest.charCodeAt(at - 1))) at -= 1
    parts.push(rest.slice(0, at).trim())
    rest = rest.slice(at).trim()
  }
  if (rest !== '') parts.push(rest)
  return parts
}

/** Greedy: as many whole pieces per request as fit, so a long text makes few calls. */
function pack(pieces: readonly string[], maxChars: number): string[] {
  const chunks: string[] = []
  let current = ''
  for (const piece of pieces) {
    const joined = current === '' ? piece : `${current}${joiner(current, piece)}${piece}`
    if (joined.length <= maxChars) current = joined
    else {
      if (current !== '') chunks.push(current)
      current = piece
    }
  }
  if (current !== '') chunks.push(current)
  return chunks
}

/** CJK sentences are written without spaces between them. */
function joiner(before: string, after: string): string {
  if (before.endsWith('\n')) return ''
  return TIGHT_END.has(before.at(-1)!) || /^[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/.test(after) ? '' : ' '
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
