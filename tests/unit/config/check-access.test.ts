import { describe, expect, it } from 'vitest'
import { accessProblems } from '../../../src/providers/check-access.js'
import type { ConfigData } from '../../../src/config/config-schema.js'

const providers: ConfigData['providers'] = {
  offline: { type: 'offline' },
  openai: { type: 'openai', api_key_env: 'OPENAI_API_KEY' },
  gemini: { type: 'gemini', api_key_env: 'GEMINI_API_KEY' },
  ollama: { type: 'compatible', preset: 'ollama', base_url: 'http://localhost:11434/v1' },
  mine: { type: 'compatible', api_key_env: 'MINE_KEY' },
  work: { type: 'openai', api_key_env: 'WORK_OPENAI_KEY' },
  elevenlabs: { type: 'elevenlabs', api_key_env: 'ELEVENLABS_API_KEY' },
  kokoro: { type: 'compatible', preset: 'kokoro', base_url: 'http://localhost:8880/v1' },
}

describe('accessProblems: what a run needs, before the first call', () => {
  it('an offline run, and a local server with an optional key, ask for nothing', async () => {
    expect(await accessProblems({ chat: 'offline', image: 'offline', video: 'offline' }, providers, {})).toEqual([])
    expect(await accessProblems({ chat: 'ollama:llama3.2', image: 'offline', video: 'offline' }, providers, {})).toEqual([])
  })

  it('reads the same variables, in the same order, as the provider does (GOOGLE_API_KEY for gemini)', async () => {
    expect(await accessProblems({ image: 'gemini', video: 'gemini' }, providers, { GOOGLE_API_KEY: 'AIza-real-key-0001' })).toEqual([])
  })

  it('names the variable the config chose, groups kinds per provider, and lists every problem', async () => {
    const problems = await accessProblems({ chat: 'work:gpt-4.1-mini', image: 'gemini', video: 'gemini', speech: 'mine:tts' }, providers, {
      GEMINI_API_KEY: 'YOUR_GEMINI_API_KEY',
    })
    expect(problems).toEqual([
      'chat (work): WORK_OPENAI_KEY is not set; export WORK_OPENAI_KEY=<your work key>',
      'image, video (gemini): GEMINI_API_KEY is a placeholder, not a key; export GEMINI_API_KEY=<your gemini key>',
      'speech (mine): providers.mine (type compatible) needs a base_url, e.g. http://localhost:8000/v1',
      'speech (mine): MINE_KEY is not set; export MINE_KEY=<your mine key>',
    ])
  })

  it('checks the speech and music providers too: ElevenLabs reads XI_API_KEY as well, a Kokoro server needs no key', async () => {
    const refs = { chat: 'offline', image: 'offline', video: 'offline', speech: 'elevenlabs', music: 'elevenlabs:music_v1' }
    expect(await accessProblems(refs, providers, {})).toEqual(['speech, music (elevenlabs): ELEVENLABS_API_KEY is not set; export ELEVENLABS_API_KEY=<your elevenlabs key>'])
    expect(await accessProblems(refs, providers, { XI_API_KEY: 'sk_0123456789abcdef0123' })).toEqual([])
    expect(await accessProblems({ ...refs, speech: 'kokoro', music: 'offline' }, providers, {})).toEqual([])
  })
})
