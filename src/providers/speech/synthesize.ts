import type { AlignmentUnit, CallMeta, SpeechRequest, SpeechResult } from '../types.js'
import { type AudioPiece, joinAudio } from './join-audio.js'
import { splitSpeechText } from './split-text.js'

/** What one vendor request for one piece of text produced. */
export interface SpokenPiece extends AudioPiece {
  readonly alignment?: readonly AlignmentUnit[]
  readonly characters?: number
  readonly usage?: CallMeta['usage']
  readonly requestId: string
  readonly attempts: number
}

/**
 * Speaks a text that may exceed the vendor's limit: one request per piece (in order, so a
 * failure stops before paying for the rest), the audio joined and the alignment shifted by
 * where each piece starts. Never truncates.
 */
export async function speakInPieces(
  request: SpeechRequest,
  maxChars: number,
  speak: (text: string, index: number) => Promise<SpokenPiece>,
  split: (text: string, maxChars: number) => string[] = splitSpeechText,
): Promise<SpeechResult> {
  const texts = split(request.text, maxChars)
  if (texts.length === 0) texts.push(request.text)
  const pieces: SpokenPiece[] = []
  for (const [index, text] of texts.entries()) pieces.push(await speak(text, index))
  const joined = joinAudio(pieces)
  const alignment = shifted(pieces, joined.starts)
  const characters = sum(pieces.map((piece) => piece.characters))
  const usage = pieces.every((piece) => piece.usage)
    ? { inputTokens: sum(pieces.map((p) => p.usage!.inputTokens))!, outputTokens: sum(pieces.map((p) => p.usage!.outputTokens))! }
    : undefined
  return {
    audio: { kind: 'bytes', bytes: joined.bytes, mediaType: joined.mediaType },
    requestId: pieces.map((piece) => piece.requestId).join(','),
    attempts: pieces.reduce((total, piece) => total + piece.attempts, 0),
    ...(joined.durationS === undefined ? {} : { durationS: joined.durationS }),
    ...(alignment ? { alignment } : {}),
    ...(characters === undefined ? {} : { characters }),
    ...(usage ? { usage } : {}),
    ...(pieces.length > 1 ? { warnings: [`text of ${request.text.length} characters spoken in ${pieces.length} requests (limit ${maxChars})`] } : {}),
  }
}

function shifted(pieces: readonly SpokenPiece[], starts: readonly number[] | undefined): AlignmentUnit[] | undefined {
  if (!pieces.every((piece) => piece.alignment)) return undefined
  if (pieces.length > 1 && !starts) return undefined
  return pieces.flatMap((piece, i) => {
    const offset = starts?.[i] ?? 0
    return piece.alignment!.map((unit) => ({ text: unit.text, startS: round(unit.startS + offset), endS: round(unit.endS + offset) }))
  })
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000

function sum(values: readonly (number | undefined)[]): number | undefined {
  return values.every((value) => value !== undefined) ? values.reduce<number>((total, value) => total + value!, 0) : undefined
}
