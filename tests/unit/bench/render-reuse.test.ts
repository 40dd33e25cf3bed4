import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createRenderReuse } from '../../../src/bench/render-reuse.js'
import { createOfflineImageModel } from '../../../src/providers/offline/image.js'
import { createOffline } from '../../../src/providers/offline/index.js'
import type { ChatModel, ImageRequest, MusicModel, SpeechModel, VideoModel } from '../../../src/providers/types.js'
import { countingImage } from '../../support/counting-models.js'
import { offlineAudio } from '../../support/offline-audio.js'
import { tempDir } from '../../support/run-cli.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const audio = offlineAudio(createOffline())
const chat: ChatModel = { kind: 'chat', provider: 'offline', modelId: 'writer', generate: async () => ({ text: '{}' }) }
const request = (prompt: string): ImageRequest => ({ prompt, aspectRatio: '1:1', width: 64, height: 64, references: [] })

/** A video model whose job is done at once, with a file in the run's folder, as the offline animatic leaves it. */
function videoIn(workDir: string, name: string): VideoModel {
  return {
    kind: 'video',
    provider: 'offline',
    modelId: 'animatic',
    start: async () => ({ id: 'job' }),
    status: async () => {
      const file = path.join(workDir, name)
      if (!existsSync(file)) writeFileSync(file, 'rendered clip')
      return { state: 'done', video: { kind: 'file', path: file, mediaType: 'video/mp4' } }
    },
  }
}

describe('createRenderReuse', () => {
  it('draws an image once and serves it again after the simulated latency; a new request is drawn', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const slept: number[] = []
    const reuse = createRenderReuse({ dir: path.join(dir, 'renders'), imageLatencyMs: 160, sleep: async (ms) => void slept.push(ms) })
    const image = countingImage(createOfflineImageModel('cards'))
    const open = (run: string) => reuse.wrap({ chat, ...audio, image: image.model, video: videoIn(path.join(dir, run), 'clip.mp4') }, path.join(dir, run))

    const first = await (await open('run-1')).image.generate(request('a lighthouse'))
    const again = await (await open('run-2')).image.generate(request('a lighthouse'))
    expect(image.count.calls).toBe(1)
    expect(slept).toEqual([160])
    expect(again.images).toEqual(first.images)
    await (await open('run-3')).image.generate(request('a boat'))
    expect(image.count.calls).toBe(2)
  })

  it('keeps each finished clip and puts it in the next run’s render folder, where the offline model reuses it', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const reuse = createRenderReuse({ dir: path.join(dir, 'renders'), imageLatencyMs: 0 })
    const image = createOfflineImageModel('cards')
    const first = await reuse.wrap({ chat, ...audio, image, video: videoIn(path.join(dir, 'run-1'), 'animatic-abc.mp4') }, path.join(dir, 'run-1'))
    const done = await first.video.status({ id: 'job' })
    expect(done.state).toBe('done')
    // The run moves its clip into the cache; the kept one survives.
    rmSync(path.join(dir, 'run-1', 'animatic-abc.mp4'))
    await reuse.wrap({ chat, ...audio, image, video: videoIn(path.join(dir, 'run-2'), 'unused.mp4') }, path.join(dir, 'run-2'))
    expect(readFileSync(path.join(dir, 'run-2', 'animatic-abc.mp4'), 'utf8')).toBe('rendered clip')
  })

  it('speaks each line and renders each music bed once, then serves them after their own simulated latencies', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const slept: number[] = []
    const reuse = createRenderReuse({ dir: path.join(dir, 'renders'), imageLatencyMs: 160, speechLatencyMs: 40, musicLatencyMs: 600, sleep: async (ms) => void slept.push(ms) })
    const made = { speech: 0, music: 0 }
    const wav = (n: number) => ({ kind: 'bytes' as const, bytes: new Uint8Array([n]), mediaType: 'audio/wav' })
    // Scripted models (the real ones are an eSpeak process and an ffmpeg score): they count what they make.
    const speech: SpeechModel = { kind: 'speech', provider: 'offline', modelId: 'voice', generate: async (request) => ({ audio: wav(++made.speech), durationS: request.text.length / 10 }) }
    const music: MusicModel = { kind: 'music', provider: 'offline', modelId: 'score', generate: async (request) => ({ audio: wav(++made.music), durationS: request.seconds }) }
    const open = (run: string) => reuse.wrap({ chat, image: createOfflineImageModel('cards'), video: videoIn(path.join(dir, run), 'clip.mp4'), speech, music }, path.join(dir, run))

    const line = { text: 'It ticks again.', voice: 'greta', language: 'en' }
    const first = await (await open('run-1')).speech.generate(line)
    const bed = await (await open('run-1')).music.generate({ prompt: 'slow strings', seconds: 12 })
    const second = await open('run-2')
    expect(await second.speech.generate(line)).toEqual(first)
    expect(await second.music.generate({ prompt: 'slow strings', seconds: 12 })).toEqual(bed)
    expect(made).toEqual({ speech: 1, music: 1 })
    expect(slept).toEqual([40, 600])
    // Another line is spoken for real.
    await second.speech.generate({ ...line, text: 'Fly, little wren.' })
    expect(made.speech).toBe(2)
  })
})
