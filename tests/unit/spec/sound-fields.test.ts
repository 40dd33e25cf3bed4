import { afterAll, describe, expect, it } from 'vitest'
import { loadSpec } from '../../../src/spec/load-spec.js'
import { detailFor, specDir, specError } from './spec-fixtures.js'

const fixtures = specDir()
afterAll(() => fixtures.cleanup())

describe('spec sound fields', () => {
  it('defaults to a speaking film with a music bed at -14 LUFS / -1 dBTP', async () => {
    const spec = await loadSpec(fixtures.write('plain.yaml', 'idea: a lighthouse\n'))
    expect(spec.sound).toEqual({ narrator: {}, music: {}, loudness: { integrated: -14, truePeak: -1 } })
  })

  it('reads characters[].voice, narrator, music and audio.loudness', async () => {
    const spec = await loadSpec(
      fixtures.write(
        'full.yaml',
        [
          'idea: a lighthouse',
          'characters:',
          '  - { name: Elsie, voice: kay }',
          'narrator: { voice: felix }',
          'music: { prompt: slow strings, volume: -16 }',
          'audio: { loudness: { integrated: -16, true_peak: -2 } }',
          '',
        ].join('\n'),
      ),
    )
    expect(spec.characters[0]).toEqual({ name: 'Elsie', voice: 'kay' })
    expect(spec.sound).toEqual({ narrator: { voice: 'felix' }, music: { prompt: 'slow strings', volumeLu: -16 }, loudness: { integrated: -16, truePeak: -2 } })
  })

  it('audio: false keeps the film silent; music: false and narrator: false switch those off', async () => {
    expect((await loadSpec(fixtures.write('silent.yaml', 'idea: x\naudio: false\n'))).sound).toBe(false)
    const spec = await loadSpec(fixtures.write('nomusic.yaml', 'idea: x\nmusic: false\nnarrator: false\n'))
    expect(spec.sound).toMatchObject({ music: false, narrator: false })
  })

  it('reports bad sound values by field, all at once', async () => {
    const file = fixtures.write('bad.yaml', 'idea: x\nmusic: loud\naudio: { loudness: { integrated: 3 } }\nnarrator: { voice: "" }\ncharacters:\n  - { name: A, voice: 7 }\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'music')).toMatch(/music: expected false or a \{prompt, volume\} mapping, got "loud"$/)
    expect(detailFor(error, 'audio.loudness.integrated')).toMatch(/a loudness in LUFS between -70 and -5, got 3$/)
    expect(detailFor(error, 'narrator.voice')).toBeDefined()
    expect(detailFor(error, 'characters.0.voice')).toBeDefined()
  })
})
