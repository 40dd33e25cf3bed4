import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load-config.js'
import { resolveRunSettings } from '../../../src/config/run-settings.js'
import { builtinProviders } from '../../../src/providers/builtin.js'
import { createRegistry } from '../../../src/providers/registry.js'
import type { ResolvedSpec } from '../../../src/spec/types.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const config = loadConfig({ cwd: dir, env: { HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'xdg') } })
// No key is read until a first call: building every model here needs none.
const registry = createRegistry(builtinProviders({ providers: config.providers, env: {} }))
const NO_SPEC = { models: {} } as unknown as ResolvedSpec

describe('speech and music models through the registry', () => {
  it('resolves each shipped provider to its default speech and music models', async () => {
    const refs = async (kind: 'speech' | 'music', ref: string) => {
      const model = await registry.model(kind, ref)
      return [model.kind, `${model.provider}:${model.modelId}`]
    }
    expect(await refs('speech', 'offline')).toEqual(['speech', 'offline:voice'])
    expect(await refs('music', 'offline')).toEqual(['music', 'offline:score'])
    expect(await refs('speech', 'openai')).toEqual(['speech', 'openai:gpt-4o-mini-tts'])
    expect(await refs('speech', 'gemini')).toEqual(['speech', 'gemini:gemini-2.5-flash-preview-tts'])
    expect(await refs('speech', 'elevenlabs')).toEqual(['speech', 'elevenlabs:eleven_multilingual_v2'])
    expect(await refs('music', 'elevenlabs')).toEqual(['music', 'elevenlabs:music_v1'])
    expect(await refs('speech', 'kokoro')).toEqual(['speech', 'kokoro:kokoro'])
    expect(await refs('speech', 'piper:tts-1-hd')).toEqual(['speech', 'piper:tts-1-hd'])
    // The same provider keeps its chat and image models beside its voices.
    expect((await registry.model('chat', 'openai')).modelId).toBe('gpt-4.1-mini')
  })

  it('names the providers that have the kind when one has none', async () => {
    await expect(registry.model('music', 'openai')).rejects.toMatchObject({ code: 'E_MODEL_UNKNOWN', message: expect.stringMatching(/openai has no music models; music providers: offline, elevenlabs/) })
    // A chat-only compatible preset (Ollama) has no /audio/speech.
    await expect(registry.model('speech', 'ollama')).rejects.toMatchObject({ code: 'E_MODEL_UNKNOWN' })
  })

  it('every kind has a model: the shipped profiles choose voices and music, and nothing chosen falls back offline', () => {
    const openai = resolveRunSettings({ spec: NO_SPEC, config, env: {}, profile: 'openai' })
    expect(openai.modelRefs).toMatchObject({ speech: 'openai:gpt-4o-mini-tts', music: 'offline:score' })
    expect(openai.offlineFallback).toEqual([])
    const google = resolveRunSettings({ spec: NO_SPEC, config, env: {}, profile: 'google' })
    expect(google.modelRefs.speech).toBe('gemini:gemini-2.5-flash-preview-tts')
    const none = resolveRunSettings({ spec: { models: { speech: 'elevenlabs' } } as unknown as ResolvedSpec, config, env: {} })
    expect(none.modelRefs).toMatchObject({ speech: 'elevenlabs:eleven_multilingual_v2', music: 'offline:score' })
    expect(none.laneLimits('elevenlabs', 'speech')).toEqual({ concurrency: 2 })
    expect(none.laneLimits('offline', 'music')).toEqual({ concurrency: 2 })
  })
})
