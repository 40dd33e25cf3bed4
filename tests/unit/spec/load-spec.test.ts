import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadSpec } from '../../../src/spec/load-spec.js'
import { sha256 } from '../../../src/util/digest.js'
import { specDir } from './spec-fixtures.js'

const fixtures = specDir()
afterAll(() => fixtures.cleanup())

const examples = path.resolve(import.meta.dirname, '../../../examples')
const example = (name: string) => path.join(examples, name)

describe('loadSpec: the examples', () => {
  it.each(['lighthouse-idea.yaml', 'night-shift-script.yaml', 'clockwork-storyboard.yaml', 'benchmark-story.json'])(
    'loads %s',
    async (name) => {
      const spec = await loadSpec(example(name))
      expect(spec.path).toBe(example(name))
      expect(spec.name).toBe(name.replace(/\.(yaml|json)$/, ''))
    },
  )

  it('reads the idea example with its pinned characters', async () => {
    const spec = await loadSpec(example('lighthouse-idea.yaml'))
    expect(spec.source.kind).toBe('idea')
    expect(spec.requirement).toBe('three scenes, about a minute')
    expect(spec.aspectRatio).toBe('16:9')
    expect(spec.characters.map((c) => c.name)).toEqual(['Elsie Marrow', 'Tomas'])
  })

  it('reads the script example as portrait', async () => {
    const spec = await loadSpec(example('night-shift-script.yaml'))
    expect(spec.source.kind).toBe('script')
    expect(spec.aspectRatio).toBe('9:16')
    if (spec.source.kind !== 'script') return
    expect(spec.source.script.match(/^(INT|EXT)\. /gm)).toHaveLength(3)
  })

  it('reads the storyboard example: 3 scenes, 12 shots, dialogue normalised', async () => {
    const spec = await loadSpec(example('clockwork-storyboard.yaml'))
    expect(spec.source.kind).toBe('storyboard')
    if (spec.source.kind !== 'storyboard') return
    expect(spec.source.scenes.map((s) => s.shots.length)).toEqual([4, 4, 4])
    const shots = spec.source.scenes.flatMap((s) => s.shots)
    expect(shots.map((s) => s.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'])
    expect(shots[1]?.dialogue).toEqual([{ speaker: 'Ada', line: 'Oh no. What happened to you?' }])
    expect(shots[2]?.dialogue[0]?.speaker).toBe('Orrin')
    expect(shots.filter((s) => s.seconds !== undefined).length).toBeGreaterThanOrEqual(2)
  })

  it('accepts a ViMax benchmark story as is, with string shot ids', async () => {
    const spec = await loadSpec(example('benchmark-story.json'))
    expect(spec.source.kind).toBe('storyboard')
    if (spec.source.kind !== 'storyboard') return
    expect(spec.source.storyOverview).toMatch(/violin/)
    expect(spec.source.scenes.map((s) => s.number)).toEqual([1, 2])
    const shots = spec.source.scenes.flatMap((s) => s.shots)
    expect(shots.map((s) => s.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'])
    expect(shots[0]).toEqual({
      id: '1',
      firstFrame: expect.stringMatching(/^A wet stone quay/),
      videoPrompt: expect.stringMatching(/^Wide establishing shot/),
      dialogue: [],
    })
  })
})

describe('loadSpec: resolution', () => {
  it('fills the defaults', async () => {
    const file = fixtures.write('minimal.yaml', 'idea: "  a fox learns to fly  "\n')
    const spec = await loadSpec(file)
    expect(spec).toEqual({
      path: file,
      name: 'minimal',
      digest: sha256(readFileSync(file)),
      source: { kind: 'idea', idea: 'a fox learns to fly' },
      aspectRatio: '16:9',
      shotSeconds: 4,
      seed: 0,
      characters: [],
      models: {},
      language: 'en',
      sound: { narrator: {}, music: {}, loudness: { integrated: -14, truePeak: -1 } },
    })
  })

  it('keeps what the spec sets', async () => {
    const file = fixtures.write(
      'full.yaml',
      [
        'title: Fox',
        'script: |',
        '  EXT. HILL - DAY',
        '  FOX: I can fly.',
        'style: ink wash',
        'requirement: one scene',
        'aspect_ratio: "1:1"',
        'shot_seconds: 2.5',
        'seed: 42',
        'language: pt-BR',
        'models: { chat: "ollama:llama3.1:8b", video: offline }',
        'characters:',
        '  - { name: Fox, appearance: red fur }',
        '',
      ].join('\n'),
    )
    const spec = await loadSpec(file)
    expect(spec).toMatchObject({
      title: 'Fox',
      source: { kind: 'script', script: 'EXT. HILL - DAY\nFOX: I can fly.' },
      style: 'ink wash',
      requirement: 'one scene',
      aspectRatio: '1:1',
      shotSeconds: 2.5,
      seed: 42,
      language: 'pt-BR',
      models: { chat: 'ollama:llama3.1:8b', video: 'offline' },
      characters: [{ name: 'Fox', appearance: 'red fur' }],
    })
  })

  it('numbers scenes by position unless scene_num says otherwise, and keeps string ids', async () => {
    const shot = (id: string) => `      - { shot_id: ${id}, first_frame: f, video_prompt: v, dialogue: ["A: hi: there"] }`
    const file = fixtures.write(
      'numbers.yaml',
      ['scenes:', '  - shots:', shot('"1a"'), '  - scene_num: 5', '    slugline: INT. X - DAY', '    shots:', shot('2'), ''].join('\n'),
    )
    const spec = await loadSpec(file)
    if (spec.source.kind !== 'storyboard') throw new Error('expected a storyboard')
    expect(spec.source.scenes.map((s) => [s.number, s.slugline, s.shots[0]?.id])).toEqual([
      [1, undefined, '1a'],
      [5, 'INT. X - DAY', '2'],
    ])
    expect(spec.source.scenes[0]?.shots[0]?.dialogue).toEqual([{ speaker: 'A', line: 'hi: there' }])
  })

  it('gives the same digest for the same bytes, a different one after an edit', async () => {
    const a = await loadSpec(fixtures.write('a.yaml', 'idea: x\n'))
    const b = await loadSpec(fixtures.write('b.yaml', 'idea: x\n'))
    const c = await loadSpec(fixtures.write('c.yaml', 'idea: x \n'))
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(b.digest).toBe(a.digest)
    expect(c.digest).not.toBe(a.digest)
  })

  it('returns a frozen spec', async () => {
    const spec = await loadSpec(example('clockwork-storyboard.yaml'))
    expect(Object.isFrozen(spec)).toBe(true)
    expect(Object.isFrozen(spec.characters[0])).toBe(true)
  })

  it('reads through an injected readFile, resolving the path it was given', async () => {
    const reads: string[] = []
    const readFile = async (file: string) => {
      reads.push(file)
      return new TextEncoder().encode('idea: injected\n')
    }
    const spec = await loadSpec('specs/virtual.yaml', { readFile })
    expect(reads).toEqual(['specs/virtual.yaml'])
    expect(spec.path).toBe(path.resolve('specs/virtual.yaml'))
    expect(spec.source).toEqual({ kind: 'idea', idea: 'injected' })
  })
})
