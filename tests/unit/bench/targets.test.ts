import { describe, expect, it } from 'vitest'
import { checkTargets } from '../../../src/bench/targets.js'
import { scenario, specResult } from './bench-fixture.js'

const zero = { chat: 0, image: 0, video: 0, speech: 0, music: 0 }

describe('checkTargets', () => {
  it('a warm run that speaks a line again misses "zero warm calls": speech and music count like the other kinds', () => {
    const spec = specResult('board', [scenario('cold', 9000), scenario('warm', 90, { calls: { ...zero, speech: 2, music: 1 } }), scenario('edit', 6500)])
    expect(checkTargets([spec]).find((target) => target.name.startsWith('warm provider calls'))).toMatchObject({ value: 3, met: false })
  })

  it('efficiency is judged against the lane-aware bound at any lane width, with and without assembly', () => {
    // 4 lanes for 4 shots used to be the only case judged; now a narrow headline is judged too.
    const narrow = { ...specResult('board', [scenario('cold', 9000), scenario('concurrent-2', 9000, { lanes: 2, bound: { ms: 8500, by: 'video lane', busiest_lane: null } })]), headline: 'concurrent-2' as const }
    const targets = checkTargets([narrow])
    expect(targets.find((target) => target.name.startsWith('efficiency (concurrent-2'))).toMatchObject({ name: 'efficiency (concurrent-2, pipeline ÷ video lane bound)', value: 1.05, met: true })
    expect(targets.find((target) => target.name.startsWith('efficiency with assembly'))).toMatchObject({ value: 1.15, met: false })
  })

  it('the warm share is given for the wall and for the pipeline alone, so a slow warm run points at calls or at assembly', () => {
    const spec = { ...specResult('board', [scenario('cold', 10_000), scenario('warm', 1000), scenario('edit', 6500)]), warm_vs_cold: 0.1 }
    const targets = checkTargets([spec])
    expect(targets.find((target) => target.name === 'warm wall ÷ cold wall')).toMatchObject({ value: 0.1, target: '≤ 0.05', met: false })
    // The fixture's pipeline is 90 % of the wall in both runs: 900 ÷ 9000.
    expect(targets.find((target) => target.name === 'warm pipeline ÷ cold pipeline')).toMatchObject({ value: 0.1, met: false })
  })
})
