import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ChatModel, ImageModel, Media, VideoJob, VideoModel, VideoStatus } from '../../../src/providers/types.js'

/** Models whose behaviour a test scripts, counting every call that reaches them. */
export interface ChatScript {
  calls: number
  /** What the next answers are: text, or an Error to throw. Default: "answer N". */
  answers: Array<string | Error>
  /** Holds every call until released, to put calls in flight together. */
  gate?: Promise<void>
}

export function scriptedChat(script: ChatScript = { calls: 0, answers: [] }): { model: ChatModel; script: ChatScript } {
  const model: ChatModel = {
    kind: 'chat',
    provider: 'scripted',
    modelId: 'chat-1',
    async generate() {
      script.calls++
      const n = script.calls
      if (script.gate) await script.gate
      const answer = script.answers.shift() ?? `answer ${n}`
      if (answer instanceof Error) throw answer
      return { text: answer, costUsd: 0.01, attempts: 1 }
    },
  }
  return { model, script }
}

export interface ImageScript {
  calls: number
  /** Write results as files in this folder (like the offline provider) instead of bytes. */
  fileDir?: string
  empty?: boolean
  fail?: Error
  gate?: Promise<void>
}

export const pngBytes = (text: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(text)])

export function scriptedImage(script: ImageScript = { calls: 0 }): { model: ImageModel; script: ImageScript } {
  const model: ImageModel = {
    kind: 'image',
    provider: 'scripted',
    modelId: 'image-1',
    async generate(request) {
      script.calls++
      const n = script.calls
      if (script.gate) await script.gate
      if (script.fail) throw script.fail
      if (script.empty) return { images: [] }
      const bytes = pngBytes(`${request.prompt} #${n}`)
      let media: Media = { kind: 'bytes', bytes, mediaType: 'image/png' }
      if (script.fileDir) {
        const file = path.join(script.fileDir, `image-${n}-${Math.random().toString(36).slice(2)}.png`)
        writeFileSync(file, bytes)
        media = { kind: 'file', path: file, mediaType: 'image/png' }
      }
      return { images: [media], costUsd: 0.04 }
    },
  }
  return { model, script }
}

export interface VideoScript {
  starts: number
  polls: number
  /** Polls answered pending before the job finishes. */
  pendingPolls: number
  /** Where finished clips are written (providers hand back files). */
  fileDir: string
  fail?: string
}

export const mp4Bytes = (text: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from(text)])

/** Jobs carry all they need in `state`, so a second instance (a "new process") can finish one. */
export function scriptedVideo(script: VideoScript): { model: VideoModel; script: VideoScript } {
  const model: VideoModel = {
    kind: 'video',
    provider: 'scripted',
    modelId: 'video-1',
    pollIntervalMs: 0,
    async start(request) {
      script.starts++
      return { id: `job-${script.starts}-${Math.random().toString(36).slice(2, 8)}`, state: { prompt: request.prompt }, costUsd: 0.5 }
    },
    async status(job: VideoJob): Promise<VideoStatus> {
      script.polls++
      if (script.polls <= script.pendingPolls) return { state: 'pending', progress: 0.5 }
      if (script.fail) return { state: 'failed', message: script.fail, code: 'E_SCRIPTED' }
      const file = path.join(script.fileDir, `${job.id}.mp4`)
      writeFileSync(file, mp4Bytes(String((job.state as { prompt: string }).prompt)))
      return { state: 'done', video: { kind: 'file', path: file, mediaType: 'video/mp4' } }
    },
  }
  return { model, script }
}

/** Polls a job to the end, as the camera operator does (without sleeping). */
export async function pollToEnd(model: VideoModel, job: VideoJob): Promise<VideoStatus> {
  for (let i = 0; i < 100; i++) {
    const status = await model.status(job)
    if (status.state !== 'pending') return status
  }
  throw new Error('job never finished')
}
