import { describe, expect, it } from 'vitest'
import type { ConfigData } from '../../../src/config/config-schema.js'
import { accessProblems } from '../../../src/providers/check-access.js'

const providers: ConfigData['providers'] = {
  kling: { type: 'kling' },
  minimax: { type: 'minimax', api_key_env: 'MINIMAX_API_KEY' },
}

describe('accessProblems for Kling and MiniMax', () => {
  it('Kling needs both its access key and its secret key, each named on its own', async () => {
    expect(await accessProblems({ video: 'kling' }, providers, {})).toEqual([
      'video (kling): KLING_SECRET_KEY is not set; export KLING_SECRET_KEY=<your kling key>',
      'video (kling): KLING_ACCESS_KEY is not set; export KLING_ACCESS_KEY=<your kling key>',
    ])
    expect(await accessProblems({ video: 'kling:kling-v2-1' }, providers, { KLING_ACCESS_KEY: 'ak-real-0001' })).toEqual([
      'video (kling): KLING_SECRET_KEY is not set; export KLING_SECRET_KEY=<your kling key>',
    ])
    expect(await accessProblems({ video: 'kling' }, providers, { KLING_ACCESS_KEY: 'ak-real-0001', KLING_SECRET_KEY: 'secret-real-0001' })).toEqual([])
  })

  it('MiniMax needs MINIMAX_API_KEY', async () => {
    expect(await accessProblems({ video: 'minimax' }, providers, {})).toEqual(['video (minimax): MINIMAX_API_KEY is not set; export MINIMAX_API_KEY=<your minimax key>'])
    expect(await accessProblems({ video: 'minimax' }, providers, { MINIMAX_API_KEY: 'mm-real-key-0001' })).toEqual([])
  })
})
