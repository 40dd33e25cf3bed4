import { describe, expect, it } from 'vitest'
import { formatDoctor } from '../../../src/cli/doctor/format-doctor.js'
import { keyCheck } from '../../../src/cli/doctor/provider-checks.js'
import type { ConfigData } from '../../../src/config/config-schema.js'
import { accessProblems } from '../../../src/providers/check-access.js'

// Two providers reading one variable, as gemini and gemini-openai both read GEMINI_API_KEY.
const providers: ConfigData['providers'] = {
  'gemini-openai': { type: 'openai', api_key_env: 'GEMINI_API_KEY' },
  gemini: { type: 'gemini', api_key_env: 'GEMINI_API_KEY' },
  fal: { type: 'fal', api_key_env: 'FAL_KEY' },
}

describe('one hint per missing key', () => {
  it('a run names a variable two providers share once, with every kind that needs it', async () => {
    const problems = await accessProblems({ chat: 'gemini-openai:gemini-2.5-flash', image: 'gemini', video: 'fal' }, providers, {})
    expect(problems).toEqual([
      'chat (gemini-openai), image (gemini): GEMINI_API_KEY is not set; export GEMINI_API_KEY=<your API key>',
      'video (fal): FAL_KEY is not set; export FAL_KEY=<your fal key>',
    ])
  })

  it('vimax doctor prints one hint for the checks a single key would fix', async () => {
    const checks = [
      (await keyCheck('gemini-openai', providers['gemini-openai']!, {}))!,
      (await keyCheck('gemini', providers.gemini!, {}))!,
      (await keyCheck('fal', providers.fal!, {}))!,
    ]
    const text = formatDoctor(checks, { profile: 'google', color: false })
    const hints = text.split('\n').filter((line) => line.startsWith('hint: '))
    expect(hints).toEqual([
      'hint: gemini-openai key, gemini key: export GEMINI_API_KEY=<your API key> (or put it in .env in this folder), or use the offline provider',
      'hint: fal key: export FAL_KEY=<your API key> (or put it in .env in this folder), or use the offline provider',
    ])
    expect(text).toContain('this profile cannot run: 3 problems')
  })
})
