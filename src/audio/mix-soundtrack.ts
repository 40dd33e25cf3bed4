import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { MediaError } from '../errors.js'
import { runFfmpeg, type MediaOptions } from '../media/run-ffmpeg.js'
import { writeAtomically } from '../media/temp-file.js'
import { INFO_LOG, measureLoudness, parseEbur128, type Loudness } from './measure-loudness.js'
import { measureGraph, METER, renderGraph, TRUE_PEAK_MARGIN_DB, type LoudnessTarget, type MixGain, type MixGraphInput } from './mix-graph.js'
import { buildDialogueStem, MIX_SAMPLE_RATE, type PlacedLine } from './place-lines.js'
import { findLimitedGain } from './limited-gain.js'

export const DEFAULT_LOUDNESS: LoudnessTarget = { integrated: -14, truePeak: -1 }
/** Where the stems sit before the final gain: dialogue at -20 LUFS, beds this far below it. */
const DIALOGUE_LUFS = -20
export const DEFAULT_BED_LEVELS = { musicLu: -12, ambienceLu: -18 } as const
/** The meter's floor: anything quieter is silence. */
const SILENT_LUFS = -69
/** alimiter holds sample peaks; true peaks between samples need room above them. */
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
  /** Measured on the final track with ebur128 as it is written. */
  readonly integratedLufs: number
  readonly truePeakDb: number
  readonly rangeLu: number
  /**
   * 'linear' when one gain met the target within the true-peak limit (the stems then sum to the
   * track); 'dynamic' when a limiter also held the peaks; 'none' for silence.
   */
  readonly normalization: 'linear' | 'dynamic' | 'none'
  readonly stems: { readonly dialogue: string; readonly music?: string; readonly ambience?: string }
  /** Lines cut at the film's end (indexes into `lines`). */
  readonly cutLines: readonly number[]
}

/** Off by more than this after the render (LU), the limited mix is rendered once more. */
const RENDER_TOLERANCE_LU = 0.2

/**
 * Dialogue over music and ambience, ducked by a sidechain and normalised to a loudness target: the
 * sum is metered (EBU R128), given one gain, and limited only when that gain would break the
 * true-peak limit, the limiter's loss measured and made up in the gain. Every pass streams (flat
 * memory at any length); every ffmpeg call has a fixed number of inputs and its graph in a file,
 * so a film of thousands of lines never hits the argument limit.
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
    const [d, music, ambience] = await Promise.all([
      measureLoudness(dialogue, media),
      request.music ? fitBed(request.music, path.join(work, 'music.wav'), durationS, true, media) : undefined,
      request.ambience ? fitBed(request.ambience, path.join(work, 'ambience.wav'), durationS, false, media) : undefined,
    ])
    const input = gains(d, music?.loudness, ambience?.loudness, request.levels)
    const inputs = [dialogue, ...(music ? [music.file] : []), ...(ambience ? [ambience.file] : [])].flatMap((file) => ['-i', file])
    const script = path.join(work, 'graph.txt')
    const run = async (graph: string, task: string) => {
      await writeFile(script, graph)
      const { stderr } = await runFfmpeg([...INFO_LOG, ...inputs, '-filter_complex_script', script, '-map', '[out]', '-f', 'null', '-'], { ...media, task })
      return stderr
    }

    const sum = parseEbur128(await run(measureGraph(input), 'measuring the mix'), 'the mix')
    const silent = !(sum.integratedLufs > SILENT_LUFS)
    const linearGainDb = silent ? 0 : target.integrated - sum.integratedLufs
    const limited = !silent && sum.truePeakDb + linearGainDb > target.truePeak - TRUE_PEAK_MARGIN_DB
    const ceilingDb = target.truePeak - TRUE_PEAK_MARGIN_DB - PEAK_HEADROOM_DB
    let gain: MixGain = limited ? { gainDb: await findLimitedGain(run, input, linearGainDb, ceilingDb, target.integrated), ceilingDb } : { gainDb: linearGainDb }

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
    const render = async () => {
      await writeFile(script, renderGraph(input, gain))
      const { stderr } = await writeAtomically(request.out, (temp) =>
        runFfmpeg(
          [...INFO_LOG, ...inputs, '-filter_complex_script', script, '-map', '[out]', '-c:a', 'pcm_s16le', '-ar', String(MIX_SAMPLE_RATE), ...length, '-f', 'wav', temp, ...stemOutputs],
          { ...media, task: 'mixing the soundtrack' },
        ),
      )
      return parseEbur128(stderr, 'the soundtrack')
    }
    let final = await render()
    // The trials predict the limiter within a few hundredths; a miss past the tolerance (a mix the
    // limiter squeezes hard) gets one corrected render.
    const miss = target.integrated - final.integratedLufs
    if (limited && Math.abs(miss) > RENDER_TOLERANCE_LU) {
      gain = { ...gain, gainDb: gain.gainDb + miss }
      final = await render()
    }
    return { ...final, normalization: silent ? 'none' : limited ? 'dynamic' : 'linear', stems, cutLines: cut }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

interface FittedBed {
  readonly file: string
  readonly loudness: Loudness
}

/**
 * Music loops to fill the film; ambience (sound of the clips) is padded with silence instead. The
 * bed is metered as it is written, in the stereo 48 kHz form the mix reads.
 */
async function fitBed(file: string, out: string, durationS: number, loop: boolean, media: MediaOptions): Promise<FittedBed> {
  const filters = [...(loop ? [] : ['apad']), `aformat=sample_rates=${MIX_SAMPLE_RATE}:channel_layouts=stereo`, `atrim=duration=${durationS.toFixed(6)}`, METER]
  const { stderr } = await runFfmpeg(
    [...INFO_LOG, ...(loop ? ['-stream_loop', '-1'] : []), '-i', file, '-map', '0:a:0', '-af', filters.join(','), '-t', durationS.toFixed(6), '-c:a', 'pcm_f32le', '-f', 'wav', out],
    { ...media, task: `fitting ${file} to the film` },
  )
  return { file: out, loudness: parseEbur128(stderr, file) }
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
