import { describe, expect, it } from 'vitest'
import { carryLine, lineBreaks } from '../../../src/pipeline/carry-line.js'

describe('carrying a line too long for its shot', () => {
  it('cuts at sentence ends, keeping the text whole when joined back', () => {
    const text = 'The lamp is out. The boat is lost! Will you climb the tower with me?'
    expect(lineBreaks(text, 100)).toEqual(['The lamp is out. ', 'The boat is lost! ', 'Will you climb the tower with me?'])
    expect(lineBreaks(text, 100).join('')).toBe(text)
    expect(lineBreaks('灯台の火が消えた。船が迷っている！', 100)).toEqual(['灯台の火が消えた。', '船が迷っている！'])
  })

  it('cuts a sentence that is long on its own at its clauses', () => {
    expect(lineBreaks('When the lamp fails, I climb the tower; I light the old lantern.', 20)).toEqual([
      'When the lamp fails, ',
      'I climb the tower; ',
      'I light the old lantern.',
    ])
  })

  it('fills each shot with as many sentences as its room holds, the last taking the rest', () => {
    // 1 s per 10 characters: each sentence below takes about 2 s.
    const text = 'One two three four. Five six seven. Eight nine ten. Eleven twelve.'
    const spokenS = [...text].length / 10
    expect(carryLine(text, spokenS, [4, 4])).toEqual(['One two three four. Five six seven.', 'Eight nine ten. Eleven twelve.'])
    expect(carryLine(text, spokenS, [2.5, 2.5, 2.5])).toEqual(['One two three four.', 'Five six seven.', 'Eight nine ten. Eleven twelve.'])
  })

  it('gives up when there is no shot to carry to or no place to cut', () => {
    expect(carryLine('One. Two.', 5, [1])).toBeUndefined()
    expect(carryLine('one long breath without any stop at all', 5, [1, 3])).toBeUndefined()
  })
})
