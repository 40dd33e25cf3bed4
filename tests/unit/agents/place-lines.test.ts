import { describe, expect, it } from 'vitest'
import { placeLines } from '../../../src/agents/place-lines.js'

const source = [
  { speaker: 'June', line: 'That bike’s not going anywhere tonight.' },
  { speaker: 'Milo', line: 'It’s all I’ve got to get to my mom’s shift by six.' },
  { speaker: 'Rafael', line: 'The meter’s off. Get in, both of you and the bike.' },
  { speaker: 'June', line: 'Do you do this every night?' },
]

describe('placeLines', () => {
  it('puts every source line in exactly one group, in order, following reworded copies', () => {
    const groups = placeLines(source, [
      [{ speaker: 'June', line: 'Your bike is going nowhere tonight.' }],
      [
        { speaker: 'Milo', line: 'It is all I have to reach my mother’s shift by six.' },
        { speaker: 'Rafael', line: 'Meter is off — hop in, the two of you, bike too.' },
      ],
      [{ speaker: 'June', line: 'Every night, you do this?' }],
    ])
    expect(groups).toEqual([[source[0]], [source[1], source[2]], [source[3]]])
  })

  it('drops invented lines and gives a dropped line the group of the line before it', () => {
    const groups = placeLines(source, [
      [
        { speaker: 'June', line: 'That bike is not going anywhere tonight.' },
        { speaker: 'Narrator', line: 'Thunder rolls over the parking lot.' },
      ],
      [
        { speaker: 'Rafael', line: 'The meter is off, get in, both of you.' },
        { speaker: 'June', line: 'Do you do this every single night?' },
      ],
    ])
    expect(groups).toEqual([[source[0], source[1]], [source[2], source[3]]])
  })

  it('keeps the order when a model lists a line out of order', () => {
    const groups = placeLines(source, [
      [{ speaker: 'Milo', line: 'It’s all I’ve got to get to my mom’s shift by six.' }],
      [{ speaker: 'June', line: 'That bike’s not going anywhere tonight.' }],
      [{ speaker: 'June', line: 'Do you do this every night?' }],
    ])
    expect(groups.flat()).toEqual(source)
    for (let g = 1; g < groups.length; g++) {
      const before = groups.slice(0, g).flat().map((line) => source.indexOf(line))
      const here = groups[g]!.map((line) => source.indexOf(line))
      expect(Math.max(-1, ...before)).toBeLessThan(Math.min(Infinity, ...here))
    }
  })

  it('spreads the lines evenly when nothing can be recognised', () => {
    const groups = placeLines(source, [[], [{ speaker: 'X', line: 'zzz' }]])
    expect(groups).toEqual([[source[0], source[1]], [source[2], source[3]]])
  })
})
