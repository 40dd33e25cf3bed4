import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openCache } from '../../../src/cache/open-cache.js'
import { recordBlobs } from '../../../src/cache/cache-records.js'
import type { Media, MusicModel, SpeechModel, SpeechRequest } from '../../../src/providers/types.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const bytesOf = (media: Media) => (media.kind === 'bytes' ? media.bytes : new Uint8Array(readFileSync(media.path)))

/** A voice whose every answer differs (its call number is in the bytes), so a hit is told from a new call. */
function countingVoice() {
  const state = { calls: 0, requests: [] as SpeechRequest[] }
  const model: SpeechModel = {
    kind: 'speech',
    provider: 'acme',
    modelId: 'voice-1',
    async generate(request) {
      state.calls++
      state.requests.push(request)
      return {
        audio: { kind: 'bytes', bytes: new TextEncoder().encode(`RIFF line ${state.calls}`), mediaType: 'audio/wav' },
        durationS: 1.5,
        alignment: [{ text: 'Hi', startS: 0.1, endS: 0.4 }],
        characters: [...request.text].length,
        costUsd: 0.01,
      }
    },
  }
  return { model, state }
}

const line = (fields: Partial<SpeechRequest> = {}): SpeechRequest => ({ text: 'Hi, Ada.', voice: 'greta', language: 'en', seed: 1, ...fields })

describe('cache layer: speech and music', () => {
  it('a spoken line is one call: a rerun (a new process, the same cache) gets the same audio, timing and alignment for nothing', async () => {
    const cacheDir = path.join(root, `cache-${++n}`)
    const { model, state } = countingVoice()
    const first = await openCache({ cacheDir, warn: () => undefined })
    const made = await first.layer.speech!(model).generate(line())
    await first.close()
    const second = await openCache({ cacheDir, warn: () => undefined })
    const hit = await second.layer.speech!(model).generate(line())
    expect(state.calls).toBe(1)
    expect(made).toMatchObject({ cached: false, durationS: 1.5 })
    expect(hit).toMatchObject({ cached: true, cacheKey: made.cacheKey, durationS: 1.5, characters: 8, alignment: [{ text: 'Hi', startS: 0.1, endS: 0.4 }], savedUsd: 0.01 })
    expect(hit.costUsd).toBeUndefined()
    expect(Buffer.from(bytesOf(hit.audio)).toString()).toBe('RIFF line 1')
    // The record names its blob, so prune and stats count the audio as in use.
    const stored = await second.records.get('speech', made.cacheKey!)
    expect(stored && recordBlobs(stored).map((ref) => ref.mediaType)).toEqual(['audio/wav'])
    await second.close()
  })

  it('every field of the request is in the key: text, voice, language, instructions, speed and seed each make a new call', async () => {
    const cache = await openCache({ cacheDir: path.join(root, `cache-${++n}`), warn: () => undefined })
    const { model, state } = countingVoice()
    const speech = cache.layer.speech!(model)
    await speech.generate(line())
    for (const change of [{ text: 'Hi, Orrin.' }, { voice: 'bruno' }, { language: 'fr' }, { instructions: 'whisper' }, { speed: 1.2 }, { seed: 2 }]) {
      expect((await speech.generate(line(change))).cached).toBe(false)
    }
    expect(state.calls).toBe(7)
    expect((await speech.generate(line({ voice: 'bruno' }))).cached).toBe(true)
    await cache.close()
  })

  it('two identical lines in flight at once make one call; a stand-in (dry run) or an empty answer is never stored', async () => {
    const cache = await openCache({ cacheDir: path.join(root, `cache-${++n}`), warn: () => undefined })
    const { model, state } = countingVoice()
    const [a, b] = await Promise.all([cache.layer.speech!(model).generate(line()), cache.layer.speech!(model).generate(line())])
    expect(state.calls).toBe(1)
    expect([a.cached, b.cached].sort()).toEqual([false, true])
    let planned = 0
    const standIn: SpeechModel = { ...model, generate: async () => (planned++, { audio: { kind: 'bytes', bytes: Uint8Array.of(1), mediaType: 'audio/wav' }, planned: true }) }
    await cache.layer.speech!(standIn).generate(line({ text: 'planned' }))
    await cache.layer.speech!(standIn).generate(line({ text: 'planned' }))
    expect(planned).toBe(2)
    await cache.close()
  })

  it('a music bed is cached by prompt, length and seed', async () => {
    const cache = await openCache({ cacheDir: path.join(root, `cache-${++n}`), warn: () => undefined })
    let calls = 0
    const model: MusicModel = {
      kind: 'music',
      provider: 'acme',
      modelId: 'score-1',
      generate: async (request) => (calls++, { audio: { kind: 'bytes', bytes: new TextEncoder().encode(`bed ${calls}`), mediaType: 'audio/mpeg' }, durationS: request.seconds }),
    }
    const music = cache.layer.music!(model)
    const made = await music.generate({ prompt: 'calm', seconds: 40, seed: 3 })
    const hit = await music.generate({ prompt: 'calm', seconds: 40, seed: 3 })
    await music.generate({ prompt: 'calm', seconds: 41, seed: 3 })
    expect(calls).toBe(2)
    expect(hit).toMatchObject({ cached: true, durationS: 40, cacheKey: made.cacheKey })
    expect(Buffer.from(bytesOf(hit.audio)).toString()).toBe('bed 1')
    await cache.close()
  })
})
