import { open, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { MediaError } from '../errors.js'
import { runFfmpeg, type MediaOptions } from '../media/run-ffmpeg.js'
import { writeAtomically } from '../media/temp-file.js'
import { floatWavHeader } from './wav.js'

export const MIX_SAMPLE_RATE = 48000

export interface PlacedLine {
  /** Any audio ffmpeg reads (WAV, MP3, …). */
  readonly file: string
  /** Where the line starts in the film, seconds. */
  readonly startS: number
}

export interface DialogueStemRequest extends MediaOptions {
  readonly lines: readonly PlacedLine[]
  readonly durationS: number
  /** A 48 kHz mono 32-bit float WAV. */
  readonly out: string
  /** For the decoded lines; emptied as it goes. */
  readonly workDir: string
}

export interface DialogueStem {
  /** Lines that run past the end of the film, cut there (index into `lines`). */
  readonly cut: readonly number[]
}

/** Lines per ffmpeg call: keeps every command line short however many lines a film has. */
const DECODE_BATCH = 16
const BLOCK_FRAMES = MIX_SAMPLE_RATE

/**
 * Lays every line at its start time on a silent track. ffmpeg decodes the lines (a few at a time,
 * so arguments never grow with the film); the samples are summed here, block by block, so overlapping
 * lines simply add and memory holds only the lines under the current second.
 */
export async function buildDialogueStem(request: DialogueStemRequest): Promise<DialogueStem> {
  const { lines, durationS, workDir } = request
  request.lines.forEach((line, index) => {
    if (!(Number.isFinite(line.startS) && line.startS >= 0)) {
      throw new MediaError(`line ${index + 1} (${line.file}) starts at ${line.startS} s`, {
        code: 'E_AUDIO_INPUT',
        hint: 'a line must start at zero seconds or later',
      })
    }
  })
  const frames = Math.round(durationS * MIX_SAMPLE_RATE)
  const raws = lines.map((_, index) => path.join(workDir, `line-${index}.f32`))
  for (let from = 0; from < lines.length; from += DECODE_BATCH) {
    const batch = lines.slice(from, from + DECODE_BATCH)
    const args = [
      ...batch.flatMap((line) => ['-i', line.file]),
      ...batch.flatMap((_, i) => ['-map', `${i}:a:0`, '-ac', '1', '-ar', String(MIX_SAMPLE_RATE), '-c:a', 'pcm_f32le', '-f', 'f32le', raws[from + i]!]),
    ]
    await runFfmpeg(args, { ...mediaOptions(request), task: `decoding dialogue lines ${from + 1}–${from + batch.length}` })
  }
  const order = lines.map((line, index) => ({ index, offset: Math.round(line.startS * MIX_SAMPLE_RATE) })).sort((a, b) => a.offset - b.offset || a.index - b.index)
  const cut: number[] = []
  await writeAtomically(request.out, async (temp) => {
    const handle = await open(temp, 'w')
    try {
      await handle.write(floatWavHeader(MIX_SAMPLE_RATE, 1, frames))
      let next = 0
      let active: { index: number; offset: number; samples: Float32Array }[] = []
      for (let block = 0; block < frames; block += BLOCK_FRAMES) {
        const length = Math.min(BLOCK_FRAMES, frames - block)
        while (next < order.length && order[next]!.offset < block + length) {
          const { index, offset } = order[next++]!
          const bytes = await readFile(raws[index]!)
          // A copy: a Float32Array view needs its start aligned to four bytes.
          const samples = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength - (bytes.byteLength % 4)))
          if (offset + samples.length > frames) cut.push(index)
          active.push({ index, offset, samples })
          await rm(raws[index]!, { force: true })
        }
        const out = new Float32Array(length)
        for (const line of active) {
          const first = Math.max(block, line.offset)
          const last = Math.min(block + length, line.offset + line.samples.length)
          for (let frame = first; frame < last; frame++) out[frame - block]! += line.samples[frame - line.offset]!
        }
        active = active.filter((line) => line.offset + line.samples.length > block + length)
        await handle.write(Buffer.from(out.buffer))
      }
    } finally {
      await handle.close()
    }
  })
  await Promise.all(raws.map((raw) => rm(raw, { force: true })))
  return { cut: cut.sort((a, b) => a - b) }
}

function mediaOptions(request: MediaOptions): MediaOptions {
  return { ...(request.signal && { signal: request.signal }), ...(request.env && { env: request.env }) }
}
