import { describe, expect, it, vi } from 'vitest'
import { CancelledError } from '../../../src/errors.js'
import type { Character } from '../../../src/film.js'
import { createFailureGuard } from '../../../src/pipeline/failure-guard.js'
import { createLanes } from '../../../src/pipeline/lanes.js'
import type { Manifest } from '../../../src/pipeline/manifest.js'
import { visibleCharacters } from '../../../src/pipeline/plan-shots.js'
import { fileSafe } from '../../../src/pipeline/shoot-shot.js'
import { takesFor } from '../../../src/pipeline/takes.js'

const cast: Character[] = [
  { id: 'ada', name: 'Ada', appearance: '', outfit: '' },
  { id: 'orrin-vale', name: 'Orrin Vale', appearance: '', outfit: '' },
]

describe('visibleCharacters', () => {
  it('takes listed names, case-insensitively, dropping unknown ones', () => {
    expect(visibleCharacters({ characters: ['ORRIN VALE', 'Nobody'], firstFrame: 'Ada laughs.' }, cast)).toEqual(['orrin-vale'])
  })
  it('otherwise finds full or first names as whole words in the frame description', () => {
    expect(visibleCharacters({ firstFrame: 'Orrin watches Ada.' }, cast)).toEqual(['ada', 'orrin-vale'])
    expect(visibleCharacters({ firstFrame: 'A nomadic adaptation.' }, cast)).toEqual([])
  })
})

describe('takesFor', () => {
  const previous = { shots: [{ id: '3', scene: '1', take: 2, seconds: 4 }, { id: '4', scene: '1', take: 0, seconds: 4 }] } as unknown as Manifest
  it('keeps earlier takes and bumps each rerolled shot once', () => {
    expect([...takesFor(previous, ['4', '4', '9'])]).toEqual([['3', 2], ['4', 1], ['9', 1]])
    expect([...takesFor(undefined, [])]).toEqual([])
  })
})

describe('fileSafe', () => {
  it('keeps shot ids from escaping their folder', () => {
    expect(fileSafe('../x/y')).toBe('__x_y')
    expect(fileSafe('1.2')).toBe('1.2')
  })
})

describe('failure guard', () => {
  it('keeps the first failure and raises the stop', async () => {
    const guard = createFailureGuard()
    const first = new Error('first')
    await expect(guard.watch(Promise.reject(first))).rejects.toBe(first)
    await expect(guard.watch(Promise.reject(new CancelledError('echo')))).rejects.toBeInstanceOf(CancelledError)
    expect(guard.signal.aborted).toBe(true)
    expect(guard.firstFailure()).toBe(first)
    expect(() => guard.throwIfFailed()).toThrow('first')
  })
  it('turns the caller stop into an interruption', () => {
    const stop = new AbortController()
    const guard = createFailureGuard(stop.signal)
    stop.abort()
    expect(guard.firstFailure()).toBeInstanceOf(CancelledError)
  })
})

describe('lanes', () => {
  it('one lane per provider and kind; queued work is refused once the run stops', async () => {
    const stop = new AbortController()
    const lanes = createLanes({ limitsFor: () => ({ concurrency: 1 }), stop: stop.signal })
    expect(lanes.get('a', 'chat')).toBe(lanes.get('a', 'chat'))
    expect(lanes.get('a', 'chat')).not.toBe(lanes.get('a', 'image'))
    const lane = lanes.get('a', 'chat')
    let release!: () => void
    const first = lane.run(() => new Promise<string>((resolve) => (release = () => resolve('done'))))
    const queued = lane.run(async () => 'never')
    await vi.waitFor(() => expect(release).toBeTypeOf('function'))
    stop.abort()
    release()
    await expect(first).resolves.toBe('done')
    await expect(queued).rejects.toBeInstanceOf(CancelledError)
  })
  it('pauses the whole lane when a vendor asks to slow down', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      const lanes = createLanes({ limitsFor: () => ({ concurrency: 4 }), stop: new AbortController().signal })
      const lane = lanes.get('a', 'image')
      lane.pauseFor(1000)
      let started = 0
      const runs = [1, 2, 3].map(() => lane.run(async () => (started += 1)))
      await vi.advanceTimersByTimeAsync(999)
      expect(started).toBe(0)
      await vi.advanceTimersByTimeAsync(1)
      vi.useRealTimers()
      await Promise.all(runs)
      expect(started).toBe(3)
    } finally {
      vi.useRealTimers()
    }
  })
})
