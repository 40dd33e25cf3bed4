import { splitSpeechText } from './split-text.js'

/**
 * Splits a multi-speaker script ("Name: line" per line) only between lines, so every request
 * is a script of its own; a line too long alone is split at sentences and each part keeps its
 * speaker's name.
 */
export function splitScript(text: string, maxChars: number): string[] {
  const rows: string[] = []
  for (const line of text.split('\n').map((row) => row.trim()).filter((row) => row !== '')) {
    if (line.length <= maxChars) {
      rows.push(line)
      continue
    }
    const name = /^([^:\n]{1,40}):\s*/.exec(line)
    const prefix = name ? `${name[1]}: ` : ''
    for (const part of splitSpeechText(line.slice(name?.[0].length ?? 0), maxChars - prefix.length)) rows.push(prefix + part)
  }
  const chunks: string[] = []
  for (const row of rows) {
    const last = chunks.at(-1)
    if (last !== undefined && last.length + 1 + row.length <= maxChars) chunks[chunks.length - 1] = `${last}\n${row}`
    else chunks.push(row)
  }
  return chunks
}
