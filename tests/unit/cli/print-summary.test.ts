import { describe, expect, it } from 'vitest'
import { printSummary } from '../../../src/cli/print-summary.js'
import type { GenerateResult } from '../../../src/pipeline/generate.js'
import { plural } from '../../../src/util/plural.js'

function summaryOf(scenes: number, shots: number): string {
  let text = ''
  const io = { stdout: { write: (chunk: string) => (text += chunk) }, stderr: { write: () => true }, env: {}, cwd: '/films' }
  const result = {
    title: 'One Take',
    film: '/films/out/film.mp4',
    outDir: '/films/out',
    durationSeconds: 4,
    scenes,
    shots,
    wallMs: 1500,
    calls: { chat: 1, image: 1, video: 1 },
    cached: { chat: 0, image: 0, video: 0 },
    money: { spentUsd: 0, savedUsd: 0, unpriced: 0 },
  } as unknown as GenerateResult
  printSummary(io, result, { quiet: false, color: false })
  return text
}

describe('counts in what a person reads', () => {
  it('says "1 scene · 1 shot", not "1 scenes · 1 shots"', () => {
    expect(summaryOf(1, 1)).toContain('4.0 s · 1 scene · 1 shot · made in 1.5 s')
    expect(summaryOf(2, 5)).toContain('4.0 s · 2 scenes · 5 shots · made in 1.5 s')
  })

  it('plural: one noun for one, the plural for every other count', () => {
    expect([plural(0, 'call'), plural(1, 'call'), plural(2, 'call'), plural(1, 'entry', 'entries'), plural(3, 'entry', 'entries')]).toEqual([
      '0 calls',
      '1 call',
      '2 calls',
      '1 entry',
      '3 entries',
    ])
  })
})
