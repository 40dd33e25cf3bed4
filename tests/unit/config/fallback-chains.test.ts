import { describe, expect, it } from 'vitest'
import { configSchema, type ConfigData } from '../../../src/config/config-schema.js'
import { resolveRunSettings } from '../../../src/config/run-settings.js'
import { ConfigError } from '../../../src/errors.js'
import type { ResolvedSpec } from '../../../src/spec/types.js'

const NO_SPEC = { models: {} } as unknown as ResolvedSpec
const providers = { offline: {}, fal: { models: { video: 'fal-ai/kling' } }, gemini: { models: { video: 'veo-3' } } }
const config = (video: unknown): ConfigData => configSchema.parse({ providers, profiles: { chain: { video } } })

describe('a profile may list models per kind, in order', () => {
  it('the first is the run’s model; the rest, defaults filled in, are its fallbacks', () => {
    const settings = resolveRunSettings({ spec: NO_SPEC, config: config(['fal', 'gemini:veo-2']), env: {}, profile: 'chain' })
    expect(settings.modelRefs.video).toBe('fal:fal-ai/kling')
    expect(settings.fallbackRefs.video).toEqual(['gemini:veo-2'])
    expect(settings.fallbackRefs.image).toEqual([])
  })

  it('a single model is as before: no fallbacks', () => {
    const settings = resolveRunSettings({ spec: NO_SPEC, config: config('gemini'), env: {}, profile: 'chain' })
    expect(settings.modelRefs.video).toBe('gemini:veo-3')
    expect(settings.fallbackRefs.video).toEqual([])
  })

  it('the spec’s models: and --offline still choose one model, without the profile’s fallbacks', () => {
    const spec = { models: { video: 'gemini' } } as unknown as ResolvedSpec
    expect(resolveRunSettings({ spec, config: config(['fal', 'gemini']), env: {}, profile: 'chain' }).fallbackRefs.video).toEqual([])
    expect(resolveRunSettings({ spec: NO_SPEC, config: config(['fal', 'gemini']), env: {}, profile: 'chain', offline: true }).fallbackRefs.video).toEqual([])
  })

  it('an unknown provider in the list is E_MODEL_UNKNOWN naming the profile and the index', () => {
    let caught: unknown
    try {
      resolveRunSettings({ spec: NO_SPEC, config: config(['fal', 'nope:veo']), env: {}, profile: 'chain' })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ConfigError)
    expect((caught as ConfigError).code).toBe('E_MODEL_UNKNOWN')
    expect((caught as ConfigError).message).toContain('unknown provider "nope" in the video model "nope:veo" (profiles.chain.video[1])')
  })

  it('an empty list is a config error', () => {
    expect(configSchema.safeParse({ providers, profiles: { chain: { video: [] } } }).success).toBe(false)
  })
})
