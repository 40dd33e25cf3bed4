import { randomBytes } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { renderScore, SCORE_VERSION } from '../../audio/procedural-score.js'
import { SCORE_MOODS } from '../../audio/score-plan.js'
import { CancelledError } from '../../errors.js'
import type { CallOptions, MusicModel, MusicRequest, MusicResult } from '../types.js'

export interface OfflineMusicOptions {
  /** Where the score is rendered before its bytes are returned. @default os.tmpdir() */
  readonly workDir?: string
}

/**
 * The offline music bed (`offline:score`): a seeded procedural score rendered by ffmpeg. The
 * prompt's words choose the mood, so the same request gives the same bytes and caches like a vendor.
 */
export function createOfflineMusic(modelId: string, options: OfflineMusicOptions = {}): MusicModel {
  return {
    kind: 'music',
    provider: 'offline',
    modelId,
    fingerprint: { score: SCORE_VERSION },
    async generate(request: MusicRequest, call: CallOptions = {}): Promise<MusicResult> {
      if (call.signal?.aborted) throw new CancelledError()
      const out = path.join(options.workDir ?? os.tmpdir(), `score-${process.pid}-${randomBytes(6).toString('hex')}.wav`)
      try {
        await renderScore({ seconds: request.seconds, seed: request.seed ?? 0, mood: moodOf(request.prompt), out, ...(call.signal && { signal: call.signal }) })
        const bytes = new Uint8Array(await readFile(out))
        return { audio: { kind: 'bytes', bytes, mediaType: 'audio/wav' }, durationS: request.seconds }
      } finally {
        await rm(out, { force: true })
      }
    },
  }
}

/** A prompt ("slow strings, tense") names its mood among other words; one that names none still picks one, by its words. */
export function moodOf(prompt: string): string {
  const words = prompt.toLowerCase().split(/[^a-z]+/)
  return words.find((word) => SCORE_MOODS.includes(word)) ?? prompt
}
