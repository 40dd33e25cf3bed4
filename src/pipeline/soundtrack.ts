import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { LoudnessTarget } from '../audio/mix-graph.js'
import { buildAmbienceTrack } from '../audio/ambience-track.js'
import { encodeTrack } from '../audio/encode-track.js'
import type { FileMemo } from '../media/file-memo.js'
import { mixSoundtrack } from '../audio/mix-soundtrack.js'
import type { Shot } from '../film.js'
import { muxAudio } from '../media/mux-audio.js'
import type { HeardLine } from '../media/subtitles.js'
import type { ArtifactRecord } from './artifacts.js'
import type { MusicBed } from './music-bed.js'
import type { RunContext } from './run-context.js'
import { soundtrackKey } from './soundtrack-key.js'
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
  /** The joined picture; its own sound, if any, is never heard. */
  readonly film: string
  readonly durationS: number
  /** generate_audio only: each clip's own sound at its shot's place is the ambience. */
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
  /** The track as the film carries it: AAC in MP4. */
  readonly track: string
  readonly stemFiles: Readonly<Partial<Record<StemName, string>>>
}

/**
 * The mix and the mux: dialogue over the music bed and, with generate_audio, the clips' own
 * sound, ducked and normalised to the spec's loudness, encoded for the film and measured there,
 * then put under the joined picture by stream copy. The stems are kept in audio/ for editors.
 * With a memo, the encoded track, its stems and its measurements are kept by a key of the audio
 * inputs only (soundtrack-key.ts): a rerun whose sound did not change mixes nothing, whatever
 * happened to the picture, and only the mux runs.
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
  const mix = () => (mixing ??= mixAndEncode(ctx, input, target, musicLu))
  const known = new Map(ctx.artifacts.list().map((record) => [path.join(ctx.artifacts.outDir, record.path), record.sha256]))
  const key = await soundtrackKey({
    lines: input.lines.flatMap((line) => (line.file === undefined ? [] : [{ file: line.file, startS: line.fileStartS }])),
    music: input.music?.file,
    ambience: input.ambience,
    durationS: input.durationS,
    target,
    musicLu,
    knownDigest: (file) => known.get(file),
  })
  const factsFile = await memo.file(`${key}:facts`, 'application/json', async (out) => {
    const { track: _track, stemFiles: _stems, ...stored } = await mix()
    await writeFile(out, JSON.stringify(stored))
  })
  const stored = JSON.parse(await readFile(factsFile.path, 'utf8')) as StoredMix
  const track = await memo.file(`${key}:track`, 'audio/mp4', async (out) => copyFile((await mix()).track, out))
  const film = path.join(ctx.workDir, 'soundtrack', 'film-with-sound.mp4')
  await muxAudio({ signal: ctx.stop, video: input.film, audio: track.path, output: film, durationS: input.durationS })
  const stems: ArtifactRecord[] = []
  for (const name of stored.stems) {
    const file = await memo.file(`${key}:${name}`, 'audio/wav', async (out) => copyFile((await mix()).stemFiles[name]!, out))
    const meta = name === 'music' && input.music ? input.music.meta : { kind: 'stem' as const, subject: name }
    // A stem is the film's length in 32-bit float: the memo has just verified its digest, so the copy is not read again.
    const known = file.sha256 === '' ? undefined : { sha256: file.sha256, bytes: (await stat(file.path)).size }
    stems.push(await ctx.artifacts.writeMedia(`audio/${name}.wav`, { kind: 'file', path: file.path, mediaType: 'audio/wav' }, meta, known))
  }
  return {
    film,
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

async function mixAndEncode(ctx: RunContext, input: MixInput, target: LoudnessTarget, musicLu: number | undefined): Promise<MadeMix> {
  const media = { signal: ctx.stop }
  const dir = path.join(ctx.workDir, 'mix')
  // The clips' sound is heard only when the profile asked for it (generate_audio), never because a
  // video model made some anyway: the joined picture's own sound is not an input.
  const ambience = input.ambience ? await clipsAmbience(input.ambience, dir, media) : undefined
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
  const track = path.join(dir, 'soundtrack.m4a')
  // The film carries the encoded track, so it is the one measured and reported.
  const measured = await encodeTrack({ ...media, wav: out, out: track, durationS: input.durationS, target })
  const stemFiles: Partial<Record<StemName, string>> = {}
  for (const name of ['dialogue', 'music', 'ambience'] as const) if (mixed.stems[name]) stemFiles[name] = mixed.stems[name]
  return {
    track,
    stemFiles,
    stems: Object.keys(stemFiles) as StemName[],
    integratedLufs: measured.integratedLufs,
    truePeakDb: measured.truePeakDb,
    rangeLu: measured.rangeLu,
    normalization: mixed.normalization,
    cutLines: mixed.cutLines.length,
  }
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

const round = (value: number) => (Number.isFinite(value) ? Math.round(value * 10) / 10 : value)
