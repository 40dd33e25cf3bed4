import { createHash } from 'node:crypto'
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DUCKING, TRUE_PEAK_MARGIN_DB, type LoudnessTarget } from '../audio/mix-graph.js'
import { buildAmbienceTrack } from '../audio/ambience-track.js'
import { DEFAULT_BED_LEVELS } from '../audio/mix-soundtrack.js'
import type { FileMemo } from '../media/file-memo.js'
import { digestFile } from '../util/digest-file.js'
import { measureLoudness } from '../audio/measure-loudness.js'
import { mixSoundtrack } from '../audio/mix-soundtrack.js'
import { CancelledError } from '../errors.js'
import type { Shot } from '../film.js'
import { muxAudio } from '../media/mux-audio.js'
import type { HeardLine } from '../media/subtitles.js'
import type { ArtifactRecord } from './artifacts.js'
import type { MusicBed } from './music-bed.js'
import type { RunContext } from './run-context.js'
import { LINE_PADS, type SpokenLine } from './voice-shot.js'

/** A spoken line placed in the film. */
export interface FilmLine extends HeardLine {
  /** The line's audio, absolute; absent for a line left as a subtitle. */
  readonly file?: string
  /** Where the line's audio file starts in the film. */
  readonly fileStartS: number
}

/** The soundtrack's account in manifest.json and the report. */
export interface SoundtrackFacts {
  readonly integrated_lufs: number
  readonly true_peak_db: number
  readonly range_lu: number
  readonly target: { readonly integrated_lufs: number; readonly true_peak_db: number }
  readonly normalization: 'linear' | 'dynamic' | 'none'
  readonly lines: number
  /** Lines that ran past the film's end and were cut there. */
  readonly cut_lines: number
  readonly stems: readonly string[]
}

/** A shot's clip as the video model made it (with its sound), for the ambience stem. */
export interface AmbienceSource {
  readonly path: string
  readonly sha256: string
  readonly seconds: number
}

type MixInput = {
  readonly lines: readonly FilmLine[]
  readonly music: MusicBed | undefined
  readonly film: string
  readonly durationS: number
  /** generate_audio: each clip's own sound at its shot's place is the ambience, not the joined picture's. */
  readonly ambience?: readonly AmbienceSource[] | undefined
}

export interface Soundtrack {
  /** The film with its soundtrack, in the run's scratch folder. */
  readonly film: string
  readonly facts: SoundtrackFacts
  readonly stems: readonly ArtifactRecord[]
}

/**
 * Every line at its place in the film: its shot's start plus its place in the shot, but never
 * over the line before (a shot too short for its lines lets them run on over the next one).
 */
export function placeLines(shots: readonly Pick<Shot, 'id' | 'seconds'>[], voiced: ReadonlyMap<string, readonly SpokenLine[]>, outDir: string): FilmLine[] {
  const placed: FilmLine[] = []
  let offset = 0
  let free = 0
  for (const shot of shots) {
    for (const line of voiced.get(shot.id) ?? []) {
      const at = Math.max(offset + line.startS, free)
      free = at + line.durationS + LINE_PADS.gapS
      placed.push({
        text: line.text,
        ...(line.file !== undefined && { file: path.join(outDir, line.file) }),
        fileStartS: at,
        startS: at + line.speech.startS,
        endS: at + line.speech.endS,
      })
    }
    offset += shot.seconds
  }
  return placed
}

/** What a mix leaves behind, kept in the memo beside its files so a warm rerun does no audio work. */
interface StoredMix {
  readonly integratedLufs: number
  readonly truePeakDb: number
  readonly rangeLu: number
  readonly normalization: SoundtrackFacts['normalization']
  readonly cutLines: number
  readonly stems: readonly StemName[]
}

type StemName = 'dialogue' | 'music' | 'ambience'

interface MadeMix extends StoredMix {
  readonly film: string
  readonly stemFiles: Readonly<Partial<Record<StemName, string>>>
}

/**
 * The mix and the mux: dialogue over the music bed and the clips' own sound (when a video model
 * made any), ducked and normalised to the spec's loudness, measured, and put under the joined
 * picture without encoding it again. The stems are kept in audio/ for editors. With a memo, the
 * mixed film, its stems and its measurements are kept by a key of every input, so an unchanged
 * rerun mixes nothing.
 */
export async function makeSoundtrack(
  ctx: RunContext,
  input: MixInput & { readonly memo?: FileMemo | undefined },
): Promise<Soundtrack> {
  const { sound } = ctx.spec
  const target = sound === false ? { integrated: -14, truePeak: -1 } : sound.loudness
  const musicLu = sound !== false && sound.music !== false ? sound.music.volumeLu : undefined
  const memo = input.memo ?? scratchMemo(path.join(ctx.workDir, 'soundtrack'))
  let mixing: Promise<MadeMix> | undefined
  const mix = () => (mixing ??= mixAndMux(ctx, input, target, musicLu))
  const key = await soundtrackKey(input, target, musicLu)
  const factsFile = await memo.file(`${key}:facts`, 'application/json', async (out) => {
    const { film: _film, stemFiles: _stems, ...stored } = await mix()
    await writeFile(out, JSON.stringify(stored))
  })
  const stored = JSON.parse(await readFile(factsFile.path, 'utf8')) as StoredMix
  const film = await memo.file(`${key}:film`, 'video/mp4', async (out) => copyFile((await mix()).film, out))
  const stems: ArtifactRecord[] = []
  for (const name of stored.stems) {
    const file = await memo.file(`${key}:${name}`, 'audio/wav', async (out) => copyFile((await mix()).stemFiles[name]!, out))
    const meta = name === 'music' && input.music ? input.music.meta : { kind: 'stem' as const, subject: name }
    stems.push(await ctx.artifacts.writeMedia(`audio/${name}.wav`, { kind: 'file', path: file.path, mediaType: 'audio/wav' }, meta))
  }
  return {
    film: film.path,
    stems,
    facts: {
      integrated_lufs: round(stored.integratedLufs),
      true_peak_db: round(stored.truePeakDb),
      range_lu: round(stored.rangeLu),
      target: { integrated_lufs: target.integrated, true_peak_db: target.truePeak },
      normalization: stored.normalization,
      lines: input.lines.filter((line) => line.file !== undefined).length,
      cut_lines: stored.cutLines,
      stems: stems.map((stem) => stem.path),
    },
  }
}

async function mixAndMux(ctx: RunContext, input: MixInput, target: LoudnessTarget, musicLu: number | undefined): Promise<MadeMix> {
  const media = { signal: ctx.stop }
  const dir = path.join(ctx.workDir, 'mix')
  const ambience = input.ambience ? await clipsAmbience(input.ambience, dir, media) : (await hasSound(input.film, media)) ? input.film : undefined
  const out = path.join(dir, 'soundtrack.wav')
  await mkdir(dir, { recursive: true })
  const mixed = await mixSoundtrack({
    ...media,
    lines: input.lines.flatMap((line) => (line.file === undefined ? [] : [{ file: line.file, startS: line.fileStartS }])),
    ...(input.music && { music: input.music.file }),
    ...(ambience && { ambience }),
    durationS: input.durationS,
    loudness: target,
    ...(musicLu !== undefined && { levels: { musicLu } }),
    out,
    stemsDir: path.join(dir, 'stems'),
  })
  const film = path.join(dir, 'film-with-sound.mp4')
  await muxAudio({ ...media, video: input.film, audio: out, output: film, durationS: input.durationS })
  const stemFiles: Partial<Record<StemName, string>> = {}
  for (const name of ['dialogue', 'music', 'ambience'] as const) if (mixed.stems[name]) stemFiles[name] = mixed.stems[name]
  return {
    film,
    stemFiles,
    stems: Object.keys(stemFiles) as StemName[],
    integratedLufs: mixed.integratedLufs,
    truePeakDb: mixed.truePeakDb,
    rangeLu: mixed.rangeLu,
    normalization: mixed.normalization,
    cutLines: mixed.cutLines.length,
  }
}

/** Everything the mix derives from, by content: the lines and where they sit, the bed, the picture's sound, the target and the mix's own settings. */
async function soundtrackKey(
  input: MixInput,
  target: LoudnessTarget,
  musicLu: number | undefined,
): Promise<string> {
  const lines = await Promise.all(
    input.lines.flatMap((line) => (line.file === undefined ? [] : [digestFile(line.file).then(({ sha256 }) => [sha256, line.fileStartS])])),
  )
  const what = {
    op: 'soundtrack',
    settings: { DUCKING, TRUE_PEAK_MARGIN_DB, DEFAULT_BED_LEVELS },
    lines,
    music: input.music ? (await digestFile(input.music.file)).sha256 : null,
    film: (await digestFile(input.film)).sha256,
    durationS: input.durationS,
    target,
    musicLu: musicLu ?? null,
    // Only with generate_audio, so every other film keeps the key it had.
    ...(input.ambience && { ambience: input.ambience.map((clip) => [clip.sha256, clip.seconds]) }),
  }
  return `v2:${createHash('sha256').update(JSON.stringify(what)).digest('hex')}`
}

/** Without a cache: each file is simply made in the run's scratch folder. */
function scratchMemo(dir: string): FileMemo {
  let made = 0
  return {
    async file(_key, _mediaType, make) {
      await mkdir(dir, { recursive: true })
      const out = path.join(dir, `part-${++made}`)
      await make(out)
      return { path: out, sha256: '' }
    },
  }
}

/** The clips' sound on the film's timeline; none when no clip came back with sound. */
async function clipsAmbience(clips: readonly AmbienceSource[], dir: string, media: { readonly signal: AbortSignal }): Promise<string | undefined> {
  const track = await buildAmbienceTrack({ ...media, clips, out: path.join(dir, 'clips-sound.wav'), workDir: path.join(dir, 'ambience') })
  return track.shotsWithSound > 0 ? track.file : undefined
}

/** Whether the joined clips carry sound of their own (a video model that makes audio), not silence. */
async function hasSound(film: string, media: { readonly signal: AbortSignal }): Promise<boolean> {
  try {
    return (await measureLoudness(film, media)).integratedLufs > -69
  } catch (error) {
    if (error instanceof CancelledError) throw error
    return false
  }
}

const round = (value: number) => (Number.isFinite(value) ? Math.round(value * 10) / 10 : value)
