import { describe, expect, it } from 'vitest'
import { shootClip } from '../../../src/agents/camera-operator.js'
import { ProviderError } from '../../../src/errors.js'
import { builtinProviders } from '../../../src/providers/builtin.js'
import { createRegistry } from '../../../src/providers/registry.js'
import type { VideoRequest } from '../../../src/providers/types.js'
import { fakeClock, scriptedVideo } from './scripted.js'

const request: VideoRequest = { prompt: 'p', aspectRatio: '16:9', width: 1280, height: 720, seconds: 5 }
const pending = { state: 'pending' as const }

describe('video job limits and hints', () => {
  it('providers.<id>.timeouts.video_job reaches every video model of the provider', async () => {
    const registry = createRegistry(builtinProviders({ providers: { offline: { type: 'offline', timeouts: { video_job: '45m' } } } }))
    expect((await registry.model('video', 'offline:animatic')).jobTimeoutMs).toBe(45 * 60_000)
  })

  it('the polling loop stops at the model’s job timeout and the hint names the setting', async () => {
    const { model } = scriptedVideo([pending], 60_000)
    const clock = fakeClock()
    const error = await shootClip({ ...model, jobTimeoutMs: 3 * 60_000 }, request, { subject: 'shot 1.1', sleep: clock.sleep, now: clock.now }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).message).toContain('did not finish within 3 min')
    expect((error as ProviderError).hint).toBe(
      'rerun to resume polling the same job (it is not started again), or raise providers.scripted.timeouts.video_job in vimax.config.yaml',
    )
    expect(clock.now()).toBe(3 * 60_000)
  })

  it('a job state is not shown as a failure code, and a vendor-side failure is not "reword the prompt"', async () => {
    const { model } = scriptedVideo([{ state: 'failed', message: 'runner crashed', code: 'COMPLETED' }])
    const error = (await shootClip(model, request, { subject: 'shot 1.1', sleep: fakeClock().sleep, now: fakeClock().now }).catch((e: unknown) => e)) as ProviderError
    expect(error.details).toEqual([])
    expect(error.hint).toMatch(/failed on its side: rerun/)
    expect(error.hint).not.toMatch(/reword/)
  })

  it('a refusal still says to reword the prompt', async () => {
    const { model } = scriptedVideo([{ state: 'failed', message: 'blocked', code: 'RAI_FILTERED' }])
    const error = (await shootClip(model, request, { subject: 'shot 1.1', sleep: fakeClock().sleep, now: fakeClock().now }).catch((e: unknown) => e)) as ProviderError
    expect(error.details).toEqual(['code: RAI_FILTERED'])
    expect(error.hint).toMatch(/refused this clip: reword the shot’s video prompt/)
  })
})
