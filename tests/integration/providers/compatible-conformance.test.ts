import { PRESETS, type PresetName } from '../../../src/providers/openai-compatible/presets.js'
import { createCompatible } from '../../../src/providers/openai-compatible/provider.js'
import type { Dialect } from '../../support/fake-api/index.js'
import { describeProvider } from '../../support/provider-conformance.js'

const CASES: Record<PresetName, { dialect: Dialect; model: string; path: string }> = {
  openrouter: { dialect: 'openrouter', model: 'openai/gpt-4.1-mini', path: '/api/v1' },
  ollama: { dialect: 'openai', model: 'llama3.2', path: '/v1' },
  vllm: { dialect: 'vllm', model: 'Qwen/Qwen2.5-7B-Instruct', path: '/v1' },
  deepseek: { dialect: 'openai', model: 'deepseek-chat', path: '/v1' },
  'gemini-openai': { dialect: 'gemini-openai', model: 'gemini-2.5-flash', path: '/v1beta/openai' },
}

for (const [preset, { dialect, model, path }] of Object.entries(CASES) as [PresetName, (typeof CASES)[PresetName]][]) {
  const { envVar, keyOptional } = PRESETS[preset]
  describeProvider({
    name: preset,
    kinds: { chat: model },
    envVar: typeof envVar === 'string' ? envVar : envVar[0]!,
    keyOptional,
    dialect,
    make: (url, env, inject) => createCompatible({ preset, baseURL: `${url}${path}`, env, ...inject }),
  })
}
