import { createHash } from 'node:crypto'
import { ENCODE_TOLERANCE_LU } from '../audio/encode-track.js'
import { DUCKING, TRUE_PEAK_MARGIN_DB, type LoudnessTarget } from '../audio/mix-graph.js'
import { DEFAULT_BED_LEVELS } from '../audio/mix-soundtrack.js'
import { AUDIO_ENCODE_ARGS } from '../media/clip-format.js'
import { digestFile } from '../util/digest-file.js'

/** Bumped whenever what a mix makes changes for the same inputs (v3: no picture; the track is AAC, metered after the encode). */
const VERSION = 'v3'

export interface SoundtrackKeyInput {
  /** Each line's audio (absolute) and where it starts in the film. */
  readonly lines: readonly { readonly file: string; readonly startS: number }[]
  readonly music?: string | undefined
  /** With generate_audio only: each clip as made, by digest, and its shot's length. */
  readonly ambience?: readonly { readonly sha256: string; readonly seconds: number }[] | undefined
  readonly durationS: number
  readonly target: LoudnessTarget
  readonly musicLu: number | undefined
  /** A file's sha256 when the run already knows it (its artifacts), so it is not read again. */
  readonly knownDigest?: (file: string) => string | undefined
}

/**
 * Names a mix by its audio inputs only — the lines and where they sit, the bed, the clips' sound
 * when generate_audio keeps it, the length, the target and the mix's own settings — never the
 * picture: a shot whose picture changed but not its timing finds the same mix.
 */
export async function soundtrackKey(input: SoundtrackKeyInput): Promise<string> {
  const digest = async (file: string) => input.knownDigest?.(file) ?? (await digestFile(file)).sha256
  const what = {
    op: 'soundtrack',
    settings: { DUCKING, TRUE_PEAK_MARGIN_DB, DEFAULT_BED_LEVELS, AUDIO_ENCODE_ARGS, ENCODE_TOLERANCE_LU },
    lines: await Promise.all(input.lines.map(async (line) => [await digest(line.file), line.startS])),
    music: input.music === undefined ? null : await digest(input.music),
    ambience: input.ambience?.map((clip) => [clip.sha256, clip.seconds]) ?? null,
    durationS: input.durationS,
    target: input.target,
    musicLu: input.musicLu ?? null,
  }
  return `${VERSION}:${createHash('sha256').update(JSON.stringify(what)).digest('hex')}`
}
