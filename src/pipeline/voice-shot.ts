import path from 'node:path'
import { speechSpan } from '../audio/speech-span.js'
import { readWavInfo } from '../audio/wav.js'
import type { Shot } from '../film.js'
import { extensionFor } from '../media/media-type.js'
import { probeMedia } from '../media/probe.js'
import { cueText } from '../media/subtitles.js'
import type { VoiceBook } from './cast-voices.js'
import { madeBy, type RunContext } from './run-context.js'
import { fileSafe, shotSubject } from './shoot-shot.js'

/** One line of a shot as spoken: where it sits in the shot and where the voice is in its file. */
export interface SpokenLine {
  readonly shotId: string
  /** The cue's text, "Speaker: line". */
  readonly text: string
  readonly voice?: string
  /** The line's audio in the output folder (relative); absent for a line left as a subtitle. */
  readonly file?: string
  /** Start of the line's audio, seconds from the start of its shot. */
  readonly startS: number
  readonly durationS: number
  /** The voiced part, seconds from the start of the line's audio. */
  readonly speech: { readonly startS: number; readonly endS: number }
}

export interface VoicedShot {
  /** The shot with its seconds long enough for its lines and fitted to the video model. */
  readonly shot: Shot
  readonly lines: readonly SpokenLine[]
}

/** Silence before the first line, between lines, and after the last: room to breathe and to cut. */
export const LINE_PADS = { leadS: 0.3, gapS: 0.3, tailS: 0.5 } as const
/** How long a line left unspoken stays on screen, per character (a brisk reading pace). */
const READ_S_PER_CHAR = 0.065

/**
 * Speaks a shot's lines (concurrently; the speech lane bounds them) before its clip is asked
 * for, and lengthens the shot to hold them. The length is then fitted to what the video model
 * makes, so a clip is never paid for twice for being too short.
 */
export async function voiceShot(ctx: RunContext, shot: Shot, book: VoiceBook): Promise<VoicedShot> {
  const subject = shotSubject(shot)
  const spoken = await Promise.all(
    shot.dialogue.map(async (line, index) => {
      const text = cueText(line)
      const voice = book.voiceFor(line)
      const words = line.line.replace(/\s+/g, ' ').trim()
      if (voice === undefined || words === '') {
        const durationS = Math.max(1, [...words].length * READ_S_PER_CHAR)
        return { text, durationS, speech: { startS: 0, endS: durationS } }
      }
      const startedAt = ctx.now()
      const lineSubject = `${subject} line ${index + 1} (${line.speaker})`
      const result = await ctx.models.speech.generate(
        { text: words, voice, language: ctx.spec.language, seed: ctx.spec.seed },
        { signal: ctx.signal, subject: lineSubject },
      )
      const meta = madeBy(ctx, { kind: 'line', subject, model: ctx.modelRefs.speech, startedAt }, result)
      const relative = `audio/lines/${fileSafe(shot.id)}-${index + 1}.${extensionFor(result.audio.mediaType)}`
      const record = await ctx.artifacts.writeMedia(relative, result.audio, meta)
      const bytes = result.audio.kind === 'bytes' ? result.audio.bytes : undefined
      const durationS =
        result.durationS ??
        (bytes && readWavInfo(bytes)?.durationS) ??
        (await probeMedia(path.join(ctx.artifacts.outDir, record.path), { signal: ctx.signal })).durationSeconds
      return { text, voice, file: record.path, durationS, speech: speechSpan(bytes, durationS, result.alignment) }
    }),
  )
  let at = LINE_PADS.leadS
  const lines = spoken.map((line) => {
    const placed: SpokenLine = { shotId: shot.id, ...line, startS: at }
    at += line.durationS + LINE_PADS.gapS
    return placed
  })
  const needed = lines.length === 0 ? 0 : at - LINE_PADS.gapS + LINE_PADS.tailS
  return { shot: { ...shot, seconds: fitShotSeconds(ctx, shot, needed) }, lines }
}

/**
 * At least the planned length and the lines' length, rounded up to a length the video model
 * makes. Lines longer than its longest clip are reported: they run on over the next shot.
 */
function fitShotSeconds(ctx: RunContext, shot: Shot, neededS: number): number {
  if (neededS <= shot.seconds) return shot.seconds
  const { video } = ctx.models
  const supported = video.capabilities?.seconds
  if (!supported || supported.length === 0) return Math.ceil(neededS)
  const fits = [...supported].sort((a, b) => a - b).find((value) => value >= neededS - 1e-9)
  if (fits !== undefined) return fits
  const longest = Math.max(...supported)
  ctx.emit({
    type: 'warning',
    message:
      `${shotSubject(shot)}: its lines need ${neededS.toFixed(1)} s but ${video.provider}:${video.modelId} makes at most ${longest} s; ` +
      'the speech runs on over the next shot (split the lines across shots to keep them in their own)',
  })
  return Math.max(shot.seconds, longest)
}

/** A scene's shots, each voiced; their lines are kept by shot id for the edit. */
export async function voiceShots(
  ctx: RunContext,
  shots: readonly Shot[],
  book: VoiceBook,
  into: Map<string, readonly SpokenLine[]>,
): Promise<Shot[]> {
  return Promise.all(
    shots.map(async (planned) => {
      const { shot, lines } = await voiceShot(ctx, planned, book)
      into.set(shot.id, lines)
      return shot
    }),
  )
}
