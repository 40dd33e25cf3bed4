import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import { findApiKey, isPlaceholderKey, loadApiKey } from '../../../src/providers/http/index.js'

describe('loadApiKey', () => {
  it('prefers the explicit value, then the environment', () => {
    expect(loadApiKey({ provider: 'openai', envVar: 'OPENAI_API_KEY', value: 'sk-explicit-123456', env: { OPENAI_API_KEY: 'sk-env-123456' } })).toBe('sk-explicit-123456')
    expect(loadApiKey({ provider: 'openai', envVar: 'OPENAI_API_KEY', env: { OPENAI_API_KEY: ' sk-env-123456 ' } })).toBe('sk-env-123456')
  })

  it('tries several variables in order', () => {
    expect(loadApiKey({ provider: 'gemini', envVar: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'], env: { GOOGLE_API_KEY: 'AIza-real-key-0001' } })).toBe('AIza-real-key-0001')
  })

  it('names the variable when the key is missing', () => {
    try {
      loadApiKey({ provider: 'openai', envVar: 'OPENAI_API_KEY', env: {} })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).code).toBe('E_API_KEY_MISSING')
      expect((error as ConfigError).message).toBe('openai: API key missing: OPENAI_API_KEY is not set')
      expect((error as ConfigError).hint).toContain('export OPENAI_API_KEY=')
    }
  })

  it.each(['', '   ', '<YOUR_KEY>', 'sk-...', 'your-api-key', 'YOUR_OPENAI_API_KEY', '${OPENAI_API_KEY}', 'xxxxxxxx', 'changeme', 'sk-…'])(
    'treats %j as missing',
    (value) => {
      expect(isPlaceholderKey(value)).toBe(true)
      expect(() => loadApiKey({ provider: 'openai', envVar: 'OPENAI_API_KEY', env: { OPENAI_API_KEY: value } })).toThrow(/OPENAI_API_KEY (is a placeholder|is not set)/)
    },
  )

  it('finds nothing, without throwing, for optional keys', () => {
    expect(findApiKey({ provider: 'ollama', envVar: 'OLLAMA_API_KEY', env: {} })).toBeUndefined()
  })
})
