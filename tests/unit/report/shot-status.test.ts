import { describe, expect, it } from 'vitest'
import { shotFacts } from '../../../src/report/shot-status.js'
import { call, reportInput, shot } from './report-fixture.js'

const frame = { path: 'frames/shot-1.1.png', kind: 'frame', subject: 'shot 1.1', cached: false }
const clip = { path: 'clips/shot-1.1.mp4', kind: 'clip', subject: 'shot 1.1', cached: false }

describe('shotFacts', () => {
  it('is new when its frame or clip was paid for', () => {
    const input = reportInput({ calls: [call({ subject: 'shot 1.1', cached: true, costUsd: undefined }), call({ subject: 'shot 1.1', kind: 'video' })] })
    expect(shotFacts(input, shot('1.1')).status).toBe('new')
  })

  it('is cached when every call for it was a cache hit', () => {
    const hits = [call({ subject: 'shot 1.1', cached: true, costUsd: undefined }), call({ subject: 'shot 1.1', kind: 'video', cached: true, costUsd: undefined })]
    expect(shotFacts(reportInput({ calls: hits }), shot('1.1')).status).toBe('cached')
  })

  it('is failed when a call for it failed, finished or not', () => {
    const input = reportInput({ calls: [call({ subject: 'shot 1.2', ok: false, errorCode: 'E_PROVIDER_HTTP' })], finishedShots: [] })
    expect(shotFacts(input, shot('1.2')).status).toBe('failed')
  })

  it('is pending until its clip is made', () => {
    const input = reportInput({ calls: [call({ subject: 'shot 1.1' })], finishedShots: [] })
    expect(shotFacts(input, shot('1.1')).status).toBe('pending')
  })

  it('reads new or cached from the artifacts when no calls were recorded', () => {
    const cachedArtifacts = [{ ...frame, cached: true }, { ...clip, cached: true }]
    expect(shotFacts(reportInput({ artifacts: cachedArtifacts, finishedShots: undefined }), shot('1.1')).status).toBe('cached')
    expect(shotFacts(reportInput({ artifacts: [frame, clip], finishedShots: undefined }), shot('1.1')).status).toBe('new')
    expect(shotFacts(reportInput({ artifacts: [frame], finishedShots: undefined }), shot('1.1')).status).toBe('pending')
  })

  it('sums the cost of its own calls only, and what its hits saved', () => {
    const input = reportInput({
      calls: [
        call({ subject: 'shot 1.1', costUsd: 0.04 }),
        call({ subject: 'shot 1.1', kind: 'video', costUsd: 0.5 }),
        call({ subject: 'shot 1.1', cached: true, costUsd: undefined, savedUsd: 0.25 }),
        call({ subject: 'shot 1.10', costUsd: 9 }),
        call({ subject: 'character mira (front)', costUsd: 9 }),
      ],
    })
    const facts = shotFacts(input, shot('1.1'))
    expect(facts.calls).toHaveLength(3)
    expect(facts.spent).toEqual({ usd: 0.54, known: 2, unknown: 0 })
    expect(facts.saved).toEqual({ usd: 0.25, known: 1, unknown: 0 })
    expect(facts.frame).toBe('frames/shot-1.1.png')
  })

  it('counts a paid call without a price as unknown, not as free', () => {
    const facts = shotFacts(reportInput({ calls: [call({ subject: 'shot 1.1', costUsd: undefined }), call({ subject: 'shot 1.1', costUsd: 0.1 })] }), shot('1.1'))
    expect(facts.spent).toEqual({ usd: 0.1, known: 1, unknown: 1 })
  })

  it('charges an abandoned job (it was billed), but neither a resumed job nor a failed call', () => {
    const calls = [
      call({ subject: 'shot 1.1', kind: 'video', ok: false, errorCode: 'E_ABANDONED', costUsd: 0.4 }),
      call({ subject: 'shot 1.1', kind: 'video', resumed: true, costUsd: undefined }),
      call({ subject: 'shot 1.1', ok: false, errorCode: 'E_PROVIDER_HTTP', costUsd: undefined }),
    ]
    expect(shotFacts(reportInput({ calls }), shot('1.1')).spent).toEqual({ usd: 0.4, known: 1, unknown: 0 })
  })
})
