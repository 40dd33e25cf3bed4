import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { MediaError } from '../errors.js'
import { runFfmpeg, type MediaOptions } from '../media/run-ffmpeg.js'
import { writeAtomically } from '../media/temp-file.js'
import { INFO_LOG, measureLoudness, parseLoudnormJson, type Loudness, type LoudnormMeasurement } from './measure-loudness.js'
import { measureGraph, renderGraph, TRUE_PEAK_MARGIN_DB, type LoudnessTarget, type MixGraphInput } from './mix-graph.js'
import { buildDialogueStem, MIX_SAMPLE_RATE, type PlacedLine } from './place-lines.js'

export const DEFAULT_LOUDNESS: LoudnessTarget = { integrated: -14, truePeak: -1 }
/** Where the stems sit before the final gain: dialogue at -20 LUFS, beds this far below it. */
const DIALOGUE_LUFS = -20
export const DEFAULT_BED_LEVELS = { musicLu: -12, ambienceLu: -18 } as const
/** The meter's floor: anything quieter is silence. */
const SILENT_LUFS = -69
/** alimiter holds sample peaks; true peaks between samples, and the last small gain, need room above. */
const PEAK_HEADROOM_DB = 1

export interface MixRequest extends MediaOptions {
  readonly lines: readonly PlacedLine[]
  /** A music bed; looped or cut to the film's length. */
  readonly music?: string
  /** Sound from the clips themselves; padded with silence or cut to the film's length. */
  readonly ambience?: string
  readonly durationS: number
  readonly loudness?: LoudnessTarget
  /** Bed levels relative to dialogue, LU (negative is quieter). */
  readonly levels?: { readonly musicLu?: number; readonly ambienceLu?: number }
  /** The final track: 48 kHz stereo 16-bit WAV. */
  readonly out: string
  /** Receives dialogue.wav, music.wav, ambience.wav (48 kHz stereo 32-bit float). */
  readonly stemsDir: string
}

export interface MixResult {
  /** Measured on the final track with ebur128 after the mix. */
  readonly integratedLufs: number
  readonly truePeakDb: number
  readonly rangeLu: number
  /** 'linear' when loudnorm applied one gain (the stems then sum to the track), else 'dynamic'. */
  readonly normalization: 'linear' | 'dynamic' | 'none'
  readonly stems: { readonly dialogue: string; readonly music?: string; readonly ambience?: string }
  /** Lines cut at the film's end (indexes into `lines`). */
  readonly cutLines: readonly number[]
}

/**
 * Dialogue over music and ambience, ducked by a sidechain and normalised to a loudness target by
 * two-pass loudnorm, then measured. Every ffmpeg call has a fixed number of inputs and its graph
 * in a file, so a film of thousands of lines never hits the argument limit.
 */
export async function mixSoundtrack(request: MixRequest): Promise<MixResult> {
  const { durationS, stemsDir } = request
  const target = request.loudness ?? DEFAULT_LOUDNESS
  if (!(Number.isFinite(durationS) && durationS > 0)) {
    throw new MediaError(`a soundtrack needs a positive length, not ${durationS} s`, { code: 'E_AUDIO_INPUT', hint: 'give the film a duration above zero' })
  }
  const media = { ...(request.signal && { signal: request.signal }), ...(request.env && { env: request.env }) }
  const work = await mkdtemp(path.join(os.tmpdir(), 'vimax-mix-'))
  try {
    const dialogue = path.join(work, 'dialogue.wav')
    const { cut } = await buildDialogueStem({ ...media, lines: request.lines, durationS, out: dialogue, workDir: work })
    const music = request.music && (await fitBed(request.music, path.join(work, 'music.wav'), durationS, true, media))
    const ambience = request.ambience && (await fitBed(request.ambience, path.join(work, 'ambience.wav'), durationS, false, media))
    const [d, m, a] = await Promise.all([dialogue, music, ambience].map((file) => (file ? measureLoudness(file, media) : undefined)))
    let input = gains(d!, m, a, request.levels)
    const inputs = [dialogue, ...(music ? [music] : []), ...(ambience ? [ambience] : [])].flatMap((file) => ['-i', file])
    const script = path.join(work, 'graph.txt')

    const measure = async (graph: MixGraphInput) => {
      await writeFile(script, measureGraph(graph, target))
      const { stderr } = await runFfmpeg([...INFO_LOG, ...inputs, '-filter_complex_script', script, '-map', '[out]', '-f', 'null', '-'], {
        ...media,
        task: 'measuring the mix',
      })
      return parseLoudnormJson(stderr, 'the mix')
    }
    let first = await measure(input)
    // The limiter takes some loudness, so the gain is raised again until one small linear step is
    // left; four rounds is plenty for speech (each costs one decode of the mix).
    for (let round = 0; round < 4 && needsLimiting(first, target); round++) {
      const preGainDb = (input.preGainDb ?? 0) + target.integrated - Number(first.input_i)
      input = { ...input, preGainDb, ceilingDb: target.truePeak - TRUE_PEAK_MARGIN_DB - PEAK_HEADROOM_DB }
      first = await measure(input)
    }
    const measured = Number(first.input_i) > SILENT_LUFS ? first : undefined

    await writeFile(script, renderGraph(input, target, measured))
    const stems = {
      dialogue: path.join(stemsDir, 'dialogue.wav'),
      ...(music && { music: path.join(stemsDir, 'music.wav') }),
      ...(ambience && { ambience: path.join(stemsDir, 'ambience.wav') }),
    }
    const length = ['-t', durationS.toFixed(6)]
    const stemOutputs = (['d', 'm', 'a'] as const).flatMap((tag, i) => {
      const file = [stems.dialogue, stems.music, stems.ambience][i]
      return file ? ['-map', `[s${tag}]`, '-c:a', 'pcm_f32le', ...length, file] : []
    })
    await mkdir(stemsDir, { recursive: true })
    const second = await writeAtomically(request.out, (temp) =>
      runFfmpeg(
        [...INFO_LOG, ...inputs, '-filter_complex_script', script, '-map', '[out]', '-c:a', 'pcm_s16le', '-ar', String(MIX_SAMPLE_RATE), ...length, '-f', 'wav', temp, ...stemOutputs],
        { ...media, task: 'mixing the soundtrack' },
      ),
    )
    const normalization = measured === undefined ? 'none' : normalizationType(second.stderr)
    const final = await measureLoudness(request.out, media)
    return { ...final, normalization, stems, cutLines: cut }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** Music loops to fill the film; ambience (sound of the clips) is padded with silence instead. */
async function fitBed(file: string, out: string, durationS: number, loop: boolean, media: MediaOptions): Promise<string> {
  await runFfmpeg(
    [...(loop ? ['-stream_loop', '-1'] : []), '-i', file, '-map', '0:a:0', ...(loop ? [] : ['-af', 'apad']), '-t', durationS.toFixed(6), '-ac', '2', '-ar', String(MIX_SAMPLE_RATE), '-c:a', 'pcm_f32le', '-f', 'wav', out],
    { ...media, task: `fitting ${file} to the film` },
  )
  return out
}

/** Dialogue to a fixed reference, beds relative to it; silence gets no gain. */
function gains(dialogue: Loudness, music: Loudness | undefined, ambience: Loudness | undefined, levels: MixRequest['levels']): MixGraphInput {
  const toward = (measured: Loudness, wanted: number) => (measured.integratedLufs > SILENT_LUFS ? wanted - measured.integratedLufs : 0)
  return {
    dialogueGainDb: toward(dialogue, DIALOGUE_LUFS),
    ...(music && { musicGainDb: toward(music, DIALOGUE_LUFS + (levels?.musicLu ?? DEFAULT_BED_LEVELS.musicLu)) }),
    ...(ambience && { ambienceGainDb: toward(ambience, DIALOGUE_LUFS + (levels?.ambienceLu ?? DEFAULT_BED_LEVELS.ambienceLu)) }),
  }
}

/** Whether one linear gain to the target would push the true peak over its limit. */
function needsLimiting(measured: LoudnormMeasurement, target: LoudnessTarget): boolean {
  const level = Number(measured.input_i)
  const peak = Number(measured.input_tp)
  if (!(level > SILENT_LUFS) || !Number.isFinite(peak)) return false
  return peak + (target.integrated - level) > target.truePeak - TRUE_PEAK_MARGIN_DB
}

function normalizationType(stderr: string): 'linear' | 'dynamic' {
  try {
    return parseLoudnormJson(stderr).normalization_type === 'dynamic' ? 'dynamic' : 'linear'
  } catch {
    return 'linear'
  }
}

