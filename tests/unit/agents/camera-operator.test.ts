import { describe, expect, it } from 'vitest'
import { shootClip } from '../../../src/agents/camera-operator.js'
import { CancelledError, ProviderError } from '../../../src/errors.js'
import type { Media, VideoRequest } from '../../../src/providers/types.js'
import { fakeClock, scriptedVideo } from './scripted.js'

const video: Media = { kind: 'bytes', bytes: new Uint8Array([0]), mediaType: 'video/mp4' }
const request: VideoRequest = { prompt: 'p', aspectRatio: '16:9', width: 1280, height: 720, seconds: 5 }
const pending = { state: 'pending' as const }
const done = { state: 'done' as const, video, costUsd: 0.5 }

describe('shootClip', () => {
  it('starts once and polls until done, sleeping the model’s interval', async () => {
    const { model, calls } = scriptedVideo([pending, pending, pending, done], 2000)
    const clock = fakeClock()
    const jobs: string[] = []
    const result = await shootClip(model, request, { subject: 'shot 1.1', sleep: clock.sleep, now: clock.now, onJob: (job) => void jobs.push(job.id) })
    expect(result.video).toBe(video)
    expect(result.job.id).toBe('job-1')
    expect(result.polls).toBe(4)
    expect(result.meta.costUsd).toBe(0.5)
    expect(calls.start).toBe(1)
    expect(calls.requests[0]).toBe(request)
    expect(clock.sleeps).toEqual([2000, 2000, 2000])
    expect(jobs).toEqual(['job-1'])
  })

  it('resumes a recorded job without starting another', async () => {
    const { model, calls } = scriptedVideo([pending, done])
    const clock = fakeClock()
    const result = await shootClip(model, request, { subject: 'shot 1.1', sleep: clock.sleep, now: clock.now, job: { id: 'old-job' } })
    expect(calls.start).toBe(0)
    expect(result.job.id).toBe('old-job')
  })

  it('turns a failed job into E_PROVIDER_FAILED naming provider, model and subject', async () => {
    const { model } = scriptedVideo([pending, { state: 'failed', message: 'content policy', code: 'SAFETY' }])
    const clock = fakeClock()
    const error = await shootClip(model, request, { subject: 'shot 2.3', sleep: clock.sleep, now: clock.now }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    const providerError = error as ProviderError
    expect(providerError.code).toBe('E_PROVIDER_FAILED')
    expect(providerError.provider).toBe('scripted')
    expect(providerError.model).toBe('clipper')
    expect(providerError.subject).toBe('shot 2.3')
    expect(providerError.message).toContain('scripted:clipper')
    expect(providerError.message).toContain('shot 2.3')
    expect(providerError.message).toContain('content policy')
  })

  it('retries a failing status call with backoff and never starts the job again', async () => {
    const { model, calls } = scriptedVideo([new Error('socket hang up'), pending, done], 1000)
    const clock = fakeClock()
    const result = await shootClip(model, request, { subject: 'shot 1.1', sleep: clock.sleep, now: clock.now })
    expect(calls.start).toBe(1)
    expect(calls.status).toBe(3)
    expect(result.polls).toBe(3)
    expect(clock.sleeps).toEqual([1000, 1000])
  })

  it('gives up after repeated status failures, still with a single start', async () => {
    const { model, calls } = scriptedVideo([new Error('socket hang up')], 1000)
    const clock = fakeClock()
    const error = await shootClip(model, request, { subject: 'shot 1.1', sleep: clock.sleep, now: clock.now }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).code).toBe('E_PROVIDER_POLL')
    expect((error as ProviderError).hint).toContain('job-1')
    expect(calls.start).toBe(1)
    expect(calls.status).toBe(4)
    expect(clock.sleeps).toEqual([1000, 2000, 4000])
  })

  it('times out at the deadline with E_PROVIDER_TIMEOUT', async () => {
    const { model, calls } = scriptedVideo([pending], 5000)
    const clock = fakeClock(1_000_000)
    const error = await shootClip(model, request, { subject: 'shot 1.1', sleep: clock.sleep, now: clock.now, timeoutMs: 60_000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).code).toBe('E_PROVIDER_TIMEOUT')
    expect((error as ProviderError).message).toContain('shot 1.1')
    expect(calls.start).toBe(1)
    expect(calls.status).toBe(13)
    expect(clock.now()).toBe(1_060_000)
  })

  it('defaults to a 20 minute deadline', async () => {
    const { model } = scriptedVideo([pending], 60_000)
    const clock = fakeClock()
    await expect(shootClip(model, request, { subject: 'shot 1.1', sleep: clock.sleep, now: clock.now })).rejects.toMatchObject({ code: 'E_PROVIDER_TIMEOUT' })
    expect(clock.now()).toBe(20 * 60_000)
  })

  it('stops with CancelledError when aborted while polling', async () => {
    const { model, calls } = scriptedVideo([pending], 1000)
    const controller = new AbortController()
    const clock = fakeClock()
    let sleeps = 0
    const sleep = async (ms: number, signal?: AbortSignal) => {
      if (++sleeps === 2) controller.abort()
      return clock.sleep(ms, signal)
    }
    await expect(shootClip(model, request, { subject: 'shot 1.1', signal: controller.signal, sleep, now: clock.now })).rejects.toBeInstanceOf(CancelledError)
    expect(calls.start).toBe(1)
  })

  it('does not start a job when already aborted', async () => {
    const { model, calls } = scriptedVideo([done])
    const controller = new AbortController()
    controller.abort()
    await expect(shootClip(model, request, { subject: 'shot 1.1', signal: controller.signal })).rejects.toBeInstanceOf(CancelledError)
    expect(calls.start).toBe(0)
  })
})
