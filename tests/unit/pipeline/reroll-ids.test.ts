import { describe, expect, it } from 'vitest'
import { exitCodeFor } from '../../../src/cli/exit-code.js'
import { ConfigError } from '../../../src/errors.js'
import { checkRerolls, rerollGate } from '../../../src/pipeline/takes.js'

const thrown = (fn: () => void) => {
  try {
    fn()
  } catch (error) {
    return error as ConfigError
  }
  throw new Error('expected a throw')
}
const ids = (...list: string[]) => list.map((id) => ({ id }))

describe('--reroll of a shot the film does not have', () => {
  it('is a usage error (exit 2) naming the id, listing the ids, with a did-you-mean', () => {
    const error = thrown(() => checkRerolls(['1.2', '2.l'], ['1.1', '1.2', '2.1']))
    expect(error).toBeInstanceOf(ConfigError)
    expect(exitCodeFor(error)).toBe(2)
    expect(error.code).toBe('E_UNKNOWN_SHOT')
    expect(error.message).toBe('--reroll: the film has no shot "2.l"')
    expect(error.details).toEqual(['shot ids: 1.1, 1.2, 2.1'])
    expect(error.hint).toBe('did you mean --reroll 2.1?')
    expect(error.data).toEqual({ unknown_shots: ['2.l'], shot_ids: ['1.1', '1.2', '2.1'] })
  })

  it('without a close id, points at the list instead of guessing', () => {
    const error = thrown(() => checkRerolls(['9.9', '9.9'], ['1', '2', '3']))
    expect(error.message).toBe('--reroll: the film has no shot "9.9"')
    expect(error.hint).toMatch(/^pass one of the shot ids above/)
  })

  it('known ids pass', () => {
    expect(() => checkRerolls(['1.1'], ['1.1'])).not.toThrow()
    expect(() => checkRerolls([], [])).not.toThrow()
  })
})

describe('rerollGate', () => {
  it('without rerolls, lets each scene shoot as soon as it is planned', async () => {
    const gate = rerollGate([], 3, new AbortController().signal)
    await expect(gate.planned(ids('1.1'))).resolves.toBeUndefined()
  })

  it('with rerolls, holds every scene until the whole storyboard is planned, then checks the ids', async () => {
    const gate = rerollGate(['2.1'], 2, new AbortController().signal)
    let first = false
    const scene1 = gate.planned(ids('1.1', '1.2')).then(() => (first = true))
    await Promise.resolve()
    expect(first).toBe(false)
    await gate.planned(ids('2.1'))
    await scene1
    expect(first).toBe(true)
  })

  it('rejects every waiting scene with E_UNKNOWN_SHOT, listing the ids in film order', async () => {
    const gate = rerollGate(['9.9'], 2, new AbortController().signal)
    const scene2 = gate.planned(ids('2.1', '10.1'))
    const scene1 = gate.planned(ids('1.1'))
    for (const waiting of [scene1, scene2]) {
      await expect(waiting).rejects.toMatchObject({ code: 'E_UNKNOWN_SHOT', details: ['shot ids: 1.1, 2.1, 10.1'] })
    }
  })

  it('releases waiting scenes when the run stops (a failure elsewhere must not hang it)', async () => {
    const stop = new AbortController()
    const gate = rerollGate(['1.1'], 2, stop.signal)
    const waiting = gate.planned(ids('1.1'))
    stop.abort()
    await expect(waiting).rejects.toMatchObject({ code: 'E_CANCELLED' })
  })
})
