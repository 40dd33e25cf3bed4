import { MediaError } from '../errors.js'
import { runFfmpeg, type MediaOptions } from '../media/run-ffmpeg.js'

/** EBU R128 figures of a whole file, as ffmpeg's ebur128 meter prints them. */
export interface Loudness {
  /** Integrated loudness, LUFS; -70 for silence (the meter's gate floor). */
  readonly integratedLufs: number
  /** True peak over all channels, dBTP. */
  readonly truePeakDb: number
  readonly rangeLu: number
}

/** loudnorm's first-pass measurement, fed back to its second pass. */
export interface LoudnormMeasurement {
  readonly input_i: string
  readonly input_tp: string
  readonly input_lra: string
  readonly input_thresh: string
  readonly target_offset: string
  readonly normalization_type?: string
  readonly output_i?: string
  readonly output_tp?: string
}

export interface SpanVolume {
  readonly meanDb: number
  readonly maxDb: number
}

/** The meter and loudnorm print their summaries at info level; the base arguments say warning. */
export const INFO_LOG: readonly string[] = ['-loglevel', 'info']

export async function measureLoudness(file: string, options: MediaOptions = {}): Promise<Loudness> {
  const { stderr } = await runFfmpeg(
    [...INFO_LOG, '-i', file, '-map', '0:a:0', '-af', 'ebur128=peak=true:framelog=verbose', '-f', 'null', '-'],
    { ...options, task: `measuring the loudness of ${file}` },
  )
  return parseEbur128(stderr, file)
}

/** Reads the meter's closing summary (the last one, if several filters printed). */
export function parseEbur128(stderr: string, subject = 'the audio'): Loudness {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'))
  const figure = (pattern: RegExp) => {
    const match = pattern.exec(summary)
    return match ? toDb(match[1]!) : NaN
  }
  const integratedLufs = figure(/\bI:\s+(-?[\d.]+|-inf)\s+LUFS/)
  const truePeakDb = figure(/\bPeak:\s+(-?[\d.]+|-inf)\s+dBFS/)
  const rangeLu = figure(/\bLRA:\s+(-?[\d.]+)\s+LU/)
  if (!stderr.includes('Summary:') || Number.isNaN(integratedLufs)) {
    throw new MediaError(`ffmpeg's loudness meter printed no summary for ${subject}`, {
      code: 'E_LOUDNESS_UNREADABLE',
      hint: 'use an ffmpeg build with the ebur128 filter (set VIMAX_FFMPEG)',
    })
  }
  return { integratedLufs, truePeakDb: Number.isNaN(truePeakDb) ? -Infinity : truePeakDb, rangeLu: Number.isNaN(rangeLu) ? 0 : rangeLu }
}

/** The JSON block loudnorm prints with print_format=json: the last `{…}` in the log. */
export function parseLoudnormJson(stderr: string, subject = 'the audio'): LoudnormMeasurement {
  const end = stderr.lastIndexOf('}')
  const start = stderr.lastIndexOf('{', end)
  try {
    const parsed = JSON.parse(stderr.slice(start, end + 1)) as LoudnormMeasurement
    if (typeof parsed.input_i !== 'string') throw new TypeError('no input_i')
    return parsed
  } catch (cause) {
    throw new MediaError(`ffmpeg's loudnorm printed no measurement for ${subject}`, {
      code: 'E_LOUDNESS_UNREADABLE',
      hint: 'use an ffmpeg build with the loudnorm filter (set VIMAX_FFMPEG)',
      cause,
    })
  }
}

/** Mean and peak level (dBFS) of one span of a file: how loud a stem is during a line. */
export async function measureSpan(file: string, span: { readonly startS: number; readonly endS: number }, options: MediaOptions = {}): Promise<SpanVolume> {
  const { stderr } = await runFfmpeg(
    [...INFO_LOG, '-i', file, '-map', '0:a:0', '-af', `atrim=start=${span.startS.toFixed(3)}:end=${span.endS.toFixed(3)},volumedetect`, '-f', 'null', '-'],
    { ...options, task: `measuring ${file} from ${span.startS.toFixed(2)} s to ${span.endS.toFixed(2)} s` },
  )
  return parseVolumedetect(stderr)
}

export function parseVolumedetect(stderr: string): SpanVolume {
  const read = (name: string) => {
    const match = new RegExp(`${name}:\\s+(-?[\\d.]+|-inf) dB`).exec(stderr)
    return match ? toDb(match[1]!) : -Infinity
  }
  return { meanDb: read('mean_volume'), maxDb: read('max_volume') }
}

function toDb(text: string): number {
  return text === '-inf' ? -Infinity : Number(text)
}
