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

export interface SpanVolume {
  readonly meanDb: number
  readonly maxDb: number
}

/** The meter prints its summary at info level; the base arguments say warning. */
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

/**
 * Every meter's summary in one log, in the order of the meters in the graph (ffmpeg names them
 * Parsed_ebur128_<position>), so one pass can meter several branches. ffmpeg may build a graph
 * once to probe it and tear it down unfed; only each meter's last summary counts.
 */
export function parseEbur128Summaries(stderr: string, subject = 'the audio'): Loudness[] {
  const heads = [...stderr.matchAll(/\[Parsed_ebur128_(\d+) @ [^\]]*\] Summary:/g)]
  const last = new Map<number, string>()
  heads.forEach((head, i) => last.set(Number(head[1]), stderr.slice(head.index, heads[i + 1]?.index ?? stderr.length)))
  return [...last.entries()].sort(([a], [b]) => a - b).map(([, text]) => parseEbur128(text, subject))
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
