import { describe, expect, it } from 'vitest'
import { shotFacts } from '../../../src/report/shot-status.js'
import { call, reportInput, shot } from './report-fixture.js'

describe('a shot whose call a fallback chain moved to another model', () => {
  it('is new, not failed, when the next model made what the first refused', () => {
    const refused = call({ subject: 'shot 1.1', kind: 'video', provider: 'kling', model: 'v2', ok: false, errorCode: 'E_PROVIDER_REFUSED', costUsd: undefined })
    const made = call({ subject: 'shot 1.1', kind: 'video', provider: 'fal', model: 'veo', fallbackFrom: 'kling:v2 E_PROVIDER_REFUSED' })
    expect(shotFacts(reportInput({ calls: [call({ subject: 'shot 1.1' }), refused, made] }), shot('1.1')).status).toBe('new')
  })

  it('is still failed when a failed call was not moved past (another model or another kind)', () => {
    const refused = call({ subject: 'shot 1.1', kind: 'video', provider: 'kling', model: 'v2', ok: false, errorCode: 'E_PROVIDER_REFUSED' })
    const other = call({ subject: 'shot 1.1', kind: 'video', provider: 'fal', model: 'veo', fallbackFrom: 'minimax:hailuo E_PROVIDER_REFUSED' })
    expect(shotFacts(reportInput({ calls: [refused, other] }), shot('1.1')).status).toBe('failed')
  })
})
