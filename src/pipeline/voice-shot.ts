import path from 'node:path'
import { audioDurationS } from '../audio/audio-duration.js'
import { speechSpan } from '../audio/speech-span.js'
import { readWavInfo } from '../audio/wav.js'
import type { DialogueLine, Shot } from '../film.js'
import { extensionFor } from '../media/media-type.js'
import { cueText } from '../media/subtitles.js'
import type { VoiceBook } from './cast-voices.js'
import { carryLine } from './carry-line.js'
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
/** Compressed speech formats kept as the vendor sent them (ffmpeg decodes them in the mix). */
const AUDIO_EXTENSIONS: { readonly [mediaType: string]: string } = { 'audio/ogg': 'ogg', 'audio/aac': 'aac', 'audio/flac': 'flac' }
/** How long a line left unspoken stays on screen, per character (a brisk reading pace). */
const READ_S_PER_CHAR = 0.065

type Spoken = Omit<SpokenLine, 'shotId' | 'startS'>

/** Speaks one line (the speech lane bounds how many at once) and keeps its audio in the output folder. */
async function speakLine(ctx: RunContext, shot: Shot, index: number, line: DialogueLine, book: VoiceBook): Promise<Spoken> {
  const subject = shotSubject(shot)
  const text = cueText(line)
  const voice = book.voiceFor(line)
  const words = line.line.replace(/\s+/g, ' ').trim()
  if (voice === undefined || words === '') {
    const durationS = Math.max(1, [...words].length * READ_S_PER_CHAR)
    return { text, durationS, speech: { startS: 0, endS: durationS } }
  }
  const startedAt = ctx.now()
  const lineSubject = `${subject} line ${index + 1} (${line.speaker})`
  const style = styleOf(ctx, line.speaker)
  const result = await ctx.models.speech.generate(
    { text: words, voice, language: ctx.spec.language, seed: ctx.spec.seed, ...(style && { instructions: style }) },
    { signal: ctx.signal, subject: lineSubject },
  )
  const meta = madeBy(ctx, { kind: 'line', subject, model: ctx.modelRefs.speech, startedAt }, result)
  const relative = `audio/lines/${fileSafe(shot.id)}-${index + 1}.${AUDIO_EXTENSIONS[result.audio.mediaType] ?? extensionFor(result.audio.mediaType)}`
  const record = await ctx.artifacts.writeMedia(relative, result.audio, meta)
  const bytes = result.audio.kind === 'bytes' ? result.audio.bytes : undefined
  const durationS =
    result.durationS ??
    (bytes && readWavInfo(bytes)?.durationS) ??
    (await audioDurationS(path.join(ctx.artifacts.outDir, record.path), { signal: ctx.signal }))
  return { text, voice, file: record.path, durationS, speech: speechSpan(bytes, durationS, result.alignment) }
}

/** The speaker's `voice_style` from the spec, matched by full or first name as casting matches. */
function styleOf(ctx: RunContext, speaker: string): string | undefined {
  const key = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ')
  const wanted = key(speaker)
  const character = ctx.spec.characters.find((c) => key(c.name) === wanted || key(c.name.split(/\s+/)[0] ?? '') === wanted)
  return character?.voiceStyle?.trim() || undefined
}

/** Seconds a shot needs to hold these lines with their pads. */
function neededFor(lines: readonly Pick<Spoken, 'durationS'>[]): number {
  if (lines.length === 0) return 0
  return LINE_PADS.leadS + lines.reduce((sum, line) => sum + line.durationS, 0) + LINE_PADS.gapS * (lines.length - 1) + LINE_PADS.tailS
}

/** The longest clip the video model makes, when it says. */
function longestClip(ctx: RunContext): number | undefined {
  const supported = ctx.models.video.capabilities?.seconds
  return supported && supported.length > 0 ? Math.max(...supported) : undefined
}

/**
 * A scene's shots, each voiced before its clip is asked for and lengthened to hold its lines,
 * rounded to a length the video model makes, so a clip is never paid for twice for being too
 * short. A line longer than the longest clip is cut at its sentences (or clauses) and carried over
 * the following shots of the scene that have no line of their own; their lines are kept by shot
 * id for the edit.
 */
export async function voiceShots(
  ctx: RunContext,
  shots: readonly Shot[],
  book: VoiceBook,
  into: Map<string, readonly SpokenLine[]>,
): Promise<Shot[]> {
  const planned = [...shots]
  const spoken = await Promise.all(planned.map((shot) => Promise.all(shot.dialogue.map((line, i) => speakLine(ctx, shot, i, line, book)))))
  const longest = longestClip(ctx)
  if (longest !== undefined) await carryLongLines(ctx, planned, spoken, book, longest)
  return planned.map((shot, i) => {
    let at = LINE_PADS.leadS
    const lines = spoken[i]!.map((line) => {
      const placed: SpokenLine = { shotId: shot.id, ...line, startS: at }
      at += line.durationS + LINE_PADS.gapS
      return placed
    })
    into.set(shot.id, lines)
    return { ...shot, seconds: fitShotSeconds(ctx, shot, lines) }
  })
}

/** Cuts each overlong last line of a shot across the line-less shots after it, and speaks the parts. */
async function carryLongLines(ctx: RunContext, shots: Shot[], spoken: Spoken[][], book: VoiceBook, longest: number): Promise<void> {
  const video = `${ctx.models.video.provider}:${ctx.models.video.modelId}`
  for (let i = 0; i < shots.length; i++) {
    const shot = shots[i]!
    const lines = spoken[i]!
    const last = lines.at(-1)
    const line = shot.dialogue.at(-1)
    if (!last?.file || !line || neededFor(lines) <= longest + 1e-9) continue
    const free: number[] = []
    for (let j = i + 1; j < shots.length && shots[j]!.dialogue.length === 0; j++) free.push(j)
    const ownRoom = longest - neededFor(lines.slice(0, -1)) - (lines.length > 1 ? LINE_PADS.gapS : LINE_PADS.leadS + LINE_PADS.tailS)
    const freeRoom = longest - LINE_PADS.leadS - LINE_PADS.tailS
    const parts = carryLine(line.line.replace(/\s+/g, ' ').trim(), last.durationS, [ownRoom, ...free.map(() => freeRoom)])
    if (!parts) continue
    const into = free.slice(0, parts.length - 1)
    shots[i] = { ...shot, dialogue: [...shot.dialogue.slice(0, -1), { speaker: line.speaker, line: parts[0]! }] }
    into.forEach((j, k) => (shots[j] = { ...shots[j]!, dialogue: [{ speaker: line.speaker, line: parts[k + 1]! }] }))
    ctx.emit({
      type: 'warning',
      message:
        `${shotSubject(shot)}: ${line.speaker}'s line ${shot.dialogue.length} lasts ${last.durationS.toFixed(1)} s spoken, longer than ` +
        `the longest clip ${video} makes (${longest} s); it was cut at its sentences and carried over ${into.map((j) => shotSubject(shots[j]!)).join(', ')}`,
    })
    const [own, ...carried] = await Promise.all([
      speakLine(ctx, shots[i]!, shot.dialogue.length - 1, shots[i]!.dialogue.at(-1)!, book),
      ...into.map((j) => speakLine(ctx, shots[j]!, 0, shots[j]!.dialogue[0]!, book)),
    ])
    spoken[i] = [...lines.slice(0, -1), own!]
    into.forEach((j, k) => (spoken[j] = [carried[k]!]))
  }
}

/**
 * At least the planned length and the lines' length, rounded up to a length the video model
 * makes. Lines longer than its longest clip are reported: they run on over the next shot.
 */
function fitShotSeconds(ctx: RunContext, shot: Shot, lines: readonly SpokenLine[]): number {
  const neededS = neededFor(lines)
  if (neededS <= shot.seconds) return shot.seconds
  const { video } = ctx.models
  const supported = video.capabilities?.seconds
  if (!supported || supported.length === 0) return Math.ceil(neededS)
  const fits = [...supported].sort((a, b) => a - b).find((value) => value >= neededS - 1e-9)
  if (fits !== undefined) return fits
  const longest = Math.max(...supported)
  ctx.emit({ type: 'warning', message: tooLong(shot, lines, neededS, `${video.provider}:${video.modelId}`, longest) })
  return Math.max(shot.seconds, longest)
}

/** Names the shot, the character, the line's spoken length, the longest clip, and the fix. */
function tooLong(shot: Shot, lines: readonly SpokenLine[], neededS: number, video: string, longest: number): string {
  const subject = shotSubject(shot)
  const worst = lines.map((line, index) => ({ line, index })).sort((a, b) => b.line.durationS - a.line.durationS)[0]!
  const speaker = shot.dialogue[worst.index]?.speaker ?? 'the narrator'
  if (worst.line.durationS + LINE_PADS.leadS + LINE_PADS.tailS > longest) {
    return (
      `${subject}: ${speaker}'s line ${worst.index + 1} lasts ${worst.line.durationS.toFixed(1)} s spoken, longer than the longest clip ` +
      `${video} makes (${longest} s); its speech runs on over the next shot. Fix: cut the line into shorter lines at its sentences, ` +
      'or leave the shot after it without lines of its own so vimax can carry the rest there, or choose a video model with longer clips'
    )
  }
  return (
    `${subject}: its ${lines.length} lines last ${neededS.toFixed(1)} s with pauses, longer than the longest clip ${video} makes ` +
    `(${longest} s); the speech runs on over the next shot. Fix: move a line to a shot of its own, or choose a video model with longer clips`
  )
}
