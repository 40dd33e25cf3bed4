import { describe, expect, it } from 'vitest'
import type { Character, Script, Shot } from '../../../src/film.js'
import type { CallEnd, PipelineEvent } from '../../../src/pipeline/events.js'
import { collectPlan, type PlanRow } from '../../../src/pipeline/run-plan.js'
import type { ModelKind } from '../../../src/providers/types.js'

let ids = 0
const model = { chat: 'talker', image: 'painter', video: 'camera', speech: 'voice', music: 'score' } as const

/** A successful call's end, as with-events emits it; fields a test cares about are overridden. */
function end(kind: ModelKind, fields: Partial<CallEnd> = {}): CallEnd {
  const callId = ++ids
  return {
    type: 'call:end',
    callId,
    kind,
    provider: 'acme',
    model: model[kind],
    subject: undefined,
    cached: false,
    resumed: false,
    ms: 10,
    queuedMs: 0,
    attempts: 1,
    requestId: undefined,
    costUsd: undefined,
    savedUsd: undefined,
    endedAt: 0,
    bytes: 1,
    // A distinct request per call unless a test says otherwise.
    cacheKey: `v1:${callId}`,
    error: undefined,
    ...fields,
  }
}
const planned = (kind: ModelKind, costUsd: number | undefined, fields: Partial<CallEnd> = {}) => end(kind, { planned: true, costUsd, ...fields })
const hit = (kind: ModelKind, savedUsd?: number) => end(kind, { cached: true, savedUsd })

function run(events: readonly PipelineEvent[]) {
  const collector = collectPlan('idea')
  for (const event of events) collector.observe(event)
  return collector.plan()
}

const row = (rows: readonly PlanRow[], kind: ModelKind, provider = 'acme') => {
  const found = rows.find((r) => r.kind === kind && r.provider === provider)
  if (!found) throw new Error(`no ${provider} ${kind} row`)
  return found
}

describe('collectPlan: a request repeated within the run', () => {
  it('counts a planned call whose key was already planned as cached, not to pay, whatever order the ends arrive in', () => {
    const plan = run([
      planned('image', 0.04, { cacheKey: 'v1:frame' }),
      planned('image', 0.04, { cacheKey: 'v1:frame' }),
      planned('image', 0.04, { cacheKey: 'v1:other' }),
    ])
    expect(row(plan.rows, 'image')).toMatchObject({ calls: 3, cached: 1, toPay: 2, unpriced: 0 })
    expect(plan.costUsd).toBeCloseTo(0.08, 9)
    expect(plan.madeNow.calls).toBe(0)
  })

  it('counts a follower of a planned call in flight (cached, no cost) as cached, not as unpriced', () => {
    // The follower may end before the call it waited on.
    const plan = run([planned('image', undefined, { cacheKey: 'v1:frame', cached: true }), planned('image', 0.04, { cacheKey: 'v1:frame' })])
    expect(row(plan.rows, 'image')).toMatchObject({ calls: 2, cached: 1, toPay: 1, unpriced: 0 })
    expect(plan.unpriced).toBe(0)
    expect(plan.costUsd).toBeCloseTo(0.04, 9)
  })
})

describe('collectPlan: money', () => {
  it('counts a placeholder (planned) call as one to pay, at its cost', () => {
    const plan = run([planned('video', 1.25), planned('video', 0.5), planned('image', 0.25)])
    expect(row(plan.rows, 'video')).toEqual({ provider: 'acme', model: 'camera', kind: 'video', calls: 2, cached: 0, toPay: 2, costUsd: 1.75, unpriced: 0 })
    expect(row(plan.rows, 'image')).toMatchObject({ calls: 1, toPay: 1, costUsd: 0.25 })
    expect(plan.costUsd).toBe(2)
    expect(plan.unpriced).toBe(0)
    expect(plan.madeNow).toEqual({ calls: 0, costUsd: 0 })
  })

  it('counts hits and resumed jobs as cached, paying nothing for them', () => {
    // A resumed job answered by a dry-run placeholder ends planned *and* resumed: it is paid for already.
    const plan = run([hit('image', 0.25), end('video', { resumed: true }), planned('video', 1.25, { resumed: true }), planned('video', 1)])
    expect(row(plan.rows, 'image')).toMatchObject({ calls: 1, cached: 1, toPay: 0, costUsd: 0 })
    expect(row(plan.rows, 'video')).toMatchObject({ calls: 3, cached: 2, toPay: 1, costUsd: 1 })
    expect(plan.costUsd).toBe(1)
    expect(plan.madeNow).toEqual({ calls: 0, costUsd: 0 })
  })

  it('a real call the dry run made counts as cached (it is now) and in madeNow, with its cost', () => {
    const plan = run([end('chat', { costUsd: 0.01 }), end('chat', { costUsd: 0.02 }), hit('chat', 0.5)])
    expect(row(plan.rows, 'chat')).toMatchObject({ calls: 3, cached: 3, toPay: 0, costUsd: 0 })
    expect(plan.madeNow.calls).toBe(2)
    expect(plan.madeNow.costUsd).toBeCloseTo(0.03, 12)
    // What the dry run spent is not part of what the real run would pay.
    expect(plan.costUsd).toBe(0)
  })

  it('counts a planned call of unknown price as unpriced, not as free', () => {
    const plan = run([planned('image', undefined), planned('image', 0.25), planned('image', undefined)])
    expect(row(plan.rows, 'image')).toMatchObject({ calls: 3, toPay: 3, costUsd: 0.25, unpriced: 2 })
    expect(plan.unpriced).toBe(2)
    expect(plan.costUsd).toBe(0.25)
  })

  it('ignores calls that failed', () => {
    const error = { code: 'E_PROVIDER', message: 'boom' }
    const plan = run([end('chat', { error, costUsd: 0.01 }), planned('video', 1, { error }), planned('video', 2)])
    expect(plan.rows.map((r) => r.kind)).toEqual(['video'])
    expect(row(plan.rows, 'video')).toMatchObject({ calls: 1, toPay: 1, costUsd: 2 })
    expect(plan.madeNow).toEqual({ calls: 0, costUsd: 0 })
  })

  it('keeps one row per provider, model and kind, ordered chat, image, video', () => {
    const plan = run([
      planned('video', 1),
      planned('image', 0.25, { provider: 'zeta' }),
      planned('image', 0.25, { provider: 'alpha' }),
      end('chat', { costUsd: 0.01 }),
      planned('image', 0.5, { provider: 'alpha', model: 'painter-hd' }),
      planned('image', 0.25, { provider: 'alpha' }),
    ])
    expect(plan.rows.map((r) => `${r.kind} ${r.provider}:${r.model} ×${r.calls}`)).toEqual(
      expect.arrayContaining(['chat acme:talker ×1', 'image alpha:painter ×2', 'image alpha:painter-hd ×1', 'image zeta:painter ×1', 'video acme:camera ×1']),
    )
    expect(plan.rows).toHaveLength(5)
    expect(plan.rows.map((r) => r.kind)).toEqual(['chat', 'image', 'image', 'image', 'video'])
    // Within a kind, by provider.
    expect(plan.rows.filter((r) => r.kind === 'image').map((r) => r.provider)).toEqual(['alpha', 'alpha', 'zeta'])
    expect(plan.costUsd).toBeCloseTo(2.25, 12)
  })
})

describe('collectPlan: structure', () => {
  const character = (id: string): Character => ({ id, name: id, appearance: '', outfit: '' })
  const scene = (id: string) => ({ id, slugline: `INT. ${id}`, action: '', dialogue: [], characters: [] })
  const shot = (sceneId: string, n: number, characters: string[]): Shot => ({
    id: `${sceneId}.${n}`,
    sceneId,
    firstFrame: '',
    videoPrompt: '',
    characters,
    dialogue: [],
    seconds: 4,
    take: 0,
  })
  const script: Script = { title: 'T', logline: 'L', scenes: [scene('1'), scene('2'), scene('3')] }
  const start = (kind: ModelKind, subject: string | undefined): PipelineEvent => ({ type: 'call:start', callId: ++ids, kind, provider: 'acme', model: model[kind], subject })

  it('lists scenes in script order whatever order their storyboards arrive in, with each shot\'s characters', () => {
    const collector = collectPlan('script')
    collector.observe({ type: 'plan:script', script, cast: [character('ada'), character('orrin')] })
    collector.observe({ type: 'plan:shots', sceneId: '3', shots: [shot('3', 1, [])] })
    collector.observe({ type: 'plan:shots', sceneId: '1', shots: [shot('1', 1, ['ada']), shot('1', 2, ['ada', 'orrin'])] })
    // Scene 2 was never storyboarded (the run stopped): it is left out rather than invented.
    const { structure } = collector.plan()
    expect(structure).toEqual({
      entry: 'script',
      castCall: false,
      characters: ['ada', 'orrin'],
      scenes: [
        { id: '1', shots: [{ id: '1.1', characters: ['ada'], lines: 0 }, { id: '1.2', characters: ['ada', 'orrin'], lines: 0 }] },
        { id: '3', shots: [{ id: '3.1', characters: [], lines: 0 }] },
      ],
      music: false,
    })
  })

  it('counts the lines each shot speaks and whether the film has a music bed, for the critical path', () => {
    const spoken = { ...shot('1', 1, ['ada']), dialogue: [{ speaker: 'ada', line: 'Hello.' }, { speaker: 'ada', line: 'Again.' }] }
    const voiced = collectPlan('storyboard')
    voiced.observe({ type: 'plan:script', script, cast: [character('ada')] })
    voiced.observe({ type: 'plan:shots', sceneId: '1', shots: [spoken] })
    voiced.observe(start('speech', 'shot 1.1 line 1 (ada)'))
    voiced.observe(start('music', 'music'))
    expect(voiced.plan().structure).toMatchObject({ scenes: [{ id: '1', shots: [{ id: '1.1', lines: 2 }] }], music: true })
    // A silent film speaks none of its lines, whatever its storyboard says.
    const silent = collectPlan('storyboard')
    silent.observe({ type: 'plan:script', script, cast: [character('ada')] })
    silent.observe({ type: 'plan:shots', sceneId: '1', shots: [spoken] })
    expect(silent.plan().structure).toMatchObject({ scenes: [{ id: '1', shots: [{ id: '1.1', lines: 0 }] }], music: false })
  })

  it('castCall comes from a chat call:start whose subject is "cast", and nothing else', () => {
    const noCast = collectPlan('storyboard')
    noCast.observe(start('chat', 'scene 1'))
    noCast.observe(start('image', 'cast'))
    noCast.observe(start('chat', undefined))
    expect(noCast.plan().structure.castCall).toBe(false)

    const cast = collectPlan('storyboard')
    cast.observe(start('chat', 'cast'))
    expect(cast.plan().structure.castCall).toBe(true)
    expect(cast.plan().structure.entry).toBe('storyboard')
  })
})
