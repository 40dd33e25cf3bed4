import { describe, expect, it } from 'vitest'
import type { CallEnd, PipelineEvent } from '../../../src/pipeline/events.js'
import { collectReport, emptyReport } from '../../../src/report/collect-report.js'
import { shotFacts } from '../../../src/report/shot-status.js'
import { shot, T0 } from './report-fixture.js'

const start = { title: 'keeper', runId: 'run-1', specPath: '/films/keeper.yaml', models: { chat: 'offline:writer', image: 'offline:cards', video: 'offline:animatic' }, startedAt: T0 }

function callEnd(callId: number, subject: string, extra: Partial<CallEnd> = {}): CallEnd {
  return {
    type: 'call:end', callId, kind: 'image', provider: 'fal', model: 'flux', subject, cached: false, resumed: false, ms: 400, queuedMs: 100,
    attempts: 1, requestId: undefined, costUsd: 0.04, savedUsd: undefined, endedAt: T0 + 1000, bytes: 10, cacheKey: 'k', error: undefined, ...extra,
  }
}

const artifact = (path: string, kind: 'portrait' | 'frame' | 'clip', subject: string, cached = false): PipelineEvent => ({
  type: 'artifact',
  artifact: { path, kind, subject, cached, sha256: 'x', bytes: 1 },
})

/** A two-scene run whose scene 2 storyboard arrives first, as parallel scenes allow. */
const RUN: PipelineEvent[] = [
  { type: 'stage:total', stage: 'script', total: 2, done: 0 },
  { type: 'call:start', callId: 1, kind: 'chat', provider: 'openai', model: 'gpt', subject: 'script' },
  callEnd(1, 'script', { kind: 'chat', provider: 'openai', model: 'gpt', costUsd: 0.01 }),
  {
    type: 'plan:script',
    script: {
      title: 'The Last Keeper',
      logline: 'A keeper waits.',
      scenes: [
        { id: '1', slugline: 'EXT. LIGHTHOUSE', action: 'Rain.', dialogue: [], characters: ['Mira'] },
        { id: '2', slugline: 'INT. LAMP ROOM', action: 'Light.', dialogue: [], characters: ['Mira'] },
      ],
    },
    cast: [{ id: 'mira', name: 'Mira', appearance: 'grey braid', outfit: '' }],
  },
  callEnd(2, 'character mira (front)', { cached: true, costUsd: undefined, savedUsd: 0.04 }),
  artifact('portraits/mira-front.png', 'portrait', 'character mira (front)', true),
  { type: 'plan:shots', sceneId: '2', shots: [shot('2.1', '2')] },
  { type: 'plan:shots', sceneId: '1', shots: [shot('1.1'), shot('1.2')] },
  callEnd(3, 'shot 1.1'),
  artifact('frames/shot-1.1.png', 'frame', 'shot 1.1'),
  callEnd(4, 'shot 1.1', { kind: 'video', costUsd: 0.5 }),
  artifact('clips/shot-1.1.mp4', 'clip', 'shot 1.1'),
  { type: 'shot:done', shotId: '1.1', sceneId: '1' },
  callEnd(5, 'shot 2.1', { error: { code: 'E_PROVIDER_HTTP', message: 'HTTP 500' }, costUsd: undefined }),
  { type: 'warning', message: 'fal:flux: seed ignored' },
]

describe('collectReport', () => {
  it('folds a run, event by event, into what the page shows', () => {
    const report = RUN.reduce(collectReport, emptyReport(start))
    expect(report.title).toBe('The Last Keeper')
    expect(report.logline).toBe('A keeper waits.')
    expect(report.status).toBe('running')
    expect(report.characters.map((c) => c.id)).toEqual(['mira'])
    expect(report.scenes.map((s) => s.id)).toEqual(['1', '2'])
    expect(report.shots.map((s) => s.id)).toEqual(['1.1', '1.2', '2.1'])
    expect(report.artifacts.map((a) => a.path)).toEqual(['portraits/mira-front.png', 'frames/shot-1.1.png', 'clips/shot-1.1.mp4'])
    expect(report.calls.map((c) => c.callId)).toEqual([1, 2, 3, 4, 5])
    expect(report.finishedShots).toEqual(['1.1'])
    expect(report.warnings).toEqual(['fal:flux: seed ignored'])
    expect(['1.1', '1.2', '2.1'].map((id) => shotFacts(report, report.shots.find((s) => s.id === id)!).status)).toEqual(['new', 'pending', 'failed'])
  })

  it('takes a call as the ledger does: started its wait and its work before it ended', () => {
    const report = collectReport(emptyReport(start), callEnd(7, 'shot 1.1', { endedAt: T0 + 5000, ms: 1500, queuedMs: 500 }))
    expect(report.calls[0]).toMatchObject({ callId: 7, startedAt: T0 + 3000, queuedMs: 500, ms: 1500, ok: true, costUsd: 0.04, savedUsd: undefined })
  })

  it('keeps a hit\'s saving and never a price for it', () => {
    const report = collectReport(emptyReport(start), callEnd(8, 'cast', { cached: true, costUsd: 0.3, savedUsd: 0.3 }))
    expect(report.calls[0]).toMatchObject({ cached: true, costUsd: undefined, savedUsd: 0.3 })
  })

  it('replaces a rewritten artifact and a replanned scene instead of listing them twice', () => {
    const events: PipelineEvent[] = [
      { type: 'plan:shots', sceneId: '1', shots: [shot('1.1')] },
      { type: 'plan:shots', sceneId: '1', shots: [shot('1.1', '1', { take: 1 })] },
      artifact('frames/shot-1.1.png', 'frame', 'shot 1.1', true),
      artifact('frames/shot-1.1.png', 'frame', 'shot 1.1', false),
    ]
    const report = events.reduce(collectReport, emptyReport(start))
    expect(report.shots).toEqual([shot('1.1', '1', { take: 1 })])
    expect(report.artifacts).toEqual([{ path: 'frames/shot-1.1.png', kind: 'frame', subject: 'shot 1.1', cached: false }])
  })

  it('does not change for events the page has no use for', () => {
    const before = emptyReport(start)
    expect(collectReport(before, { type: 'stage:progress', stage: 'frames', total: 2, done: 1, subject: 'shot 1.1' })).toBe(before)
  })
})
