import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { CallEnd, PipelineEvent } from '../../../src/pipeline/events.js'
import { createPlainReporter } from '../../../src/cli/reporters/plain-reporter.js'
import { createStageCounts, elapsed } from '../../../src/cli/reporters/stage-line.js'
import { createTtyReporter } from '../../../src/cli/reporters/tty-reporter.js'
import type { CliIo } from '../../../src/cli/io.js'

function fakeIo(): CliIo & { err: () => string } {
  let text = ''
  const stderr = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk)
        done()
      },
    }),
    { isTTY: false },
  )
  return { stdout: { write: () => true }, stderr, env: {}, cwd: '/', err: () => text }
}

const start = (callId: number, kind: 'chat' | 'image' | 'video' = 'image'): PipelineEvent => ({
  type: 'call:start',
  callId,
  kind,
  provider: 'acme',
  model: 'm',
  subject: undefined,
})
const end = (callId: number, fields: Partial<CallEnd> = {}): CallEnd => ({
  type: 'call:end',
  callId,
  kind: 'image',
  provider: 'acme',
  model: 'm',
  subject: undefined,
  cached: false,
  resumed: false,
  ms: 1,
  queuedMs: 0,
  attempts: 1,
  requestId: undefined,
  costUsd: undefined,
  savedUsd: undefined,
  endedAt: 0,
  bytes: 1,
  cacheKey: undefined,
  error: undefined,
  ...fields,
})
const progress = (stage: 'portraits' | 'frames' | 'script', done: number, total: number, subject: string): PipelineEvent => ({
  type: 'stage:progress',
  stage,
  done,
  total,
  subject,
})

describe('the live line', () => {
  it('shows the time since the start, the calls in flight and the money paid so far', () => {
    let now = 1_000
    const line = createStageCounts({ now: () => now })
    line.update(start(1))
    line.update(start(2))
    line.update(start(3))
    line.update(end(1, { costUsd: 0.04 }))
    line.update(end(2, { cached: true, savedUsd: 0.04 }))
    line.update(progress('frames', 2, 12, 'shot 1.2'))
    now += 65_000
    expect(line.line()).toBe('frames 2/12 · 1m 05s · 1 in flight · $0.04 spent')
  })

  it('counts a dry run’s placeholders as planned, neither spent nor made', () => {
    const line = createStageCounts({ planned: true, now: () => 0 })
    line.update(start(1, 'chat'))
    line.update(end(1, { kind: 'chat', costUsd: 0.001 }))
    line.update(start(2))
    line.update(end(2, { planned: true, costUsd: 0.04 }))
    line.update(progress('script', 1, 1, 'script'))
    line.update(progress('portraits', 9, 9, 'character ada (back)'))
    expect(line.line()).toBe('script 1/1 · portraits 9/9 planned · 0s · 0 in flight · $0.0010 spent')
  })

  it('reads elapsed time at a glance', () => {
    expect(elapsed(9_400)).toBe('9s')
    expect(elapsed(65_000)).toBe('1m 05s')
    expect(elapsed(3_720_000)).toBe('1h 02m')
  })

  it('ends each plain progress line with the time, calls in flight and money', () => {
    const io = fakeIo()
    let now = 0
    const reporter = createPlainReporter(io, { progress: true, now: () => now })
    reporter.event(start(1))
    reporter.event(start(2))
    reporter.event(end(1, { costUsd: 0.25 }))
    now = 12_000
    reporter.event(progress('frames', 1, 2, 'shot 1.1'))
    expect(io.err()).toBe('frames 1/2  shot 1.1  (12s · 1 in flight · $0.25 spent)\n')
  })

  it('says "planned" in a dry run’s plain lines for the stages it does not make', () => {
    const io = fakeIo()
    const reporter = createPlainReporter(io, { progress: true, planned: true, now: () => 0 })
    reporter.event(progress('script', 1, 1, 'script'))
    reporter.event(progress('portraits', 1, 1, 'character ada (front)'))
    expect(io.err().split('\n')).toEqual([
      'script 1/1  script  (0s · 0 in flight · $0.00 spent)',
      'portraits 1/1 planned  character ada (front)  (0s · 0 in flight · $0.00 spent)',
      '',
    ])
  })

  it('leaves the spinner’s last line with the counts, planned in a dry run, and the money', () => {
    const io = fakeIo()
    const reporter = createTtyReporter(io, { planned: true, now: () => 0 })
    reporter.event(progress('frames', 3, 3, 'shot 1.3'))
    reporter.close()
    expect(io.err()).toContain('frames 3/3 planned · 0s · 0 in flight · $0.00 spent')
  })
})
