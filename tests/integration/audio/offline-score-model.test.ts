import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readWavInfo } from '../../../src/audio/wav.js'
import { createOffline } from '../../../src/providers/offline/index.js'
import { moodOf } from '../../../src/providers/offline/music.js'
import type { Media } from '../../../src/providers/types.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const bytesOf = (media: Media) => (media.kind === 'bytes' ? media.bytes : new Uint8Array(fs.readFileSync(media.path)))

describe('offline:score, the offline music model', () => {
  const score = createOffline({ workDir: dir }).music!('score')

  it('renders the bed asked for as WAV bytes: the same request gives the same bytes, another seed others', async () => {
    const first = await score.generate({ prompt: 'slow strings, tense, no vocals', seconds: 3, seed: 7 })
    const again = await score.generate({ prompt: 'slow strings, tense, no vocals', seconds: 3, seed: 7 })
    const other = await score.generate({ prompt: 'slow strings, tense, no vocals', seconds: 3, seed: 8 })
    expect(first.audio.mediaType).toBe('audio/wav')
    expect(first.durationS).toBe(3)
    expect(readWavInfo(bytesOf(first.audio))?.durationS).toBeCloseTo(3, 2)
    expect(Buffer.from(bytesOf(again.audio)).equals(Buffer.from(bytesOf(first.audio)))).toBe(true)
    expect(Buffer.from(bytesOf(other.audio)).equals(Buffer.from(bytesOf(first.audio)))).toBe(false)
    // Nothing is left behind in the work folder: the caller owns the bytes.
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('waits the simulated latency a benchmark asks for before answering', async () => {
    const slept: number[] = []
    const slow = createOffline({ workDir: dir, latencyMs: { music: 30 }, sleep: async (ms) => void slept.push(ms) }).music!('score')
    await slow.generate({ prompt: 'calm', seconds: 1, seed: 1 })
    expect(slept).toEqual([30])
  })

  it('reads its mood from the prompt', () => {
    expect(moodOf('Slow strings, TENSE, no vocals')).toBe('tense')
    expect(moodOf('a lighthouse keeper alone')).toBe('a lighthouse keeper alone')
  })
})
