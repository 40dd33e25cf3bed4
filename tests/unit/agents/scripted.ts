import type { ChatModel, ChatRequest, ChatResult, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../../../src/providers/types.js'

/** A chat model that answers with queued texts (or whole results) and records every request. */
export function scriptedChat(answers: (string | ChatResult)[]): ChatModel & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = []
  return {
    provider: 'scripted',
    modelId: 'test',
    kind: 'chat',
    requests,
    async generate(request) {
      requests.push(request)
      const answer = answers.shift()
      if (answer === undefined) throw new Error('scripted chat: no answer left')
      return typeof answer === 'string' ? { text: answer } : answer
    },
  }
}

export type StatusStep = VideoStatus | Error

/** A video model whose status calls follow a script; counts starts and polls. */
export function scriptedVideo(steps: StatusStep[], pollIntervalMs = 1000) {
  const calls = { start: 0, status: 0, requests: [] as VideoRequest[] }
  const model: VideoModel = {
    provider: 'scripted',
    modelId: 'clipper',
    kind: 'video',
    pollIntervalMs,
    async start(request) {
      calls.start++
      calls.requests.push(request)
      return { id: 'job-1' }
    },
    async status(_job: VideoJob) {
      calls.status++
      const step = steps.length > 1 ? steps.shift()! : steps[0]!
      if (step instanceof Error) throw step
      return step
    },
  }
  return { model, calls }
}

/** A fake clock: sleep advances time instantly and records what it was asked. */
export function fakeClock(start = 0) {
  let time = start
  const sleeps: number[] = []
  return {
    now: () => time,
    sleeps,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) {
        const { CancelledError } = await import('../../../src/errors.js')
        throw new CancelledError()
      }
      sleeps.push(ms)
      time += ms
    },
  }
}
