import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSrt, type Cue } from '../../../src/media/subtitles.js'
import { runCli, tempDir } from '../../support/run-cli.js'

// A French idea naming two people; short 1:1 shots keep the film quick to make.
const SPEC = `title: La Baleine
idea: Hélène et Karim, deux vieux amis, découvrent une baleine échouée près de Montréal.
requirement: deux scènes, très courtes
language: fr
aspect_ratio: "1:1"
shot_seconds: 1
`

type Storyboard = {
  language: string
  characters: { name: string }[]
  scenes: { shots: { first_frame: string; characters?: string[]; dialogue: { speaker: string; line: string }[] }[] }[]
}
type Manifest = { artifacts: { path: string; kind: string }[] }

const dir = tempDir()
const out = path.join(dir, 'film')
let storyboard: Storyboard
let cues: Cue[]
let script: string
let stderr: string

beforeAll(async () => {
  writeFileSync(path.join(dir, 'spec.yaml'), SPEC)
  const result = await runCli(['generate', path.join(dir, 'spec.yaml'), '-o', out, '--cache-dir', path.join(dir, 'cache')], { timeoutMs: 240_000 })
  stderr = result.stderr
  expect(result.stderr).not.toMatch(/Error:|at .*\.js:\d+/)
  expect(result.code).toBe(0)
  storyboard = JSON.parse(readFileSync(path.join(out, 'storyboard.json'), 'utf8')) as Storyboard
  cues = parseSrt(readFileSync(path.join(out, 'film.srt'), 'utf8'))
  script = readFileSync(path.join(out, 'script.md'), 'utf8')
}, 300_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('an offline film of a French idea naming two characters', () => {
  it('tells the two scenes asked for, with exactly the two named characters on screen and speaking', () => {
    expect(storyboard.scenes).toHaveLength(2)
    expect(storyboard.characters.map((c) => c.name).sort()).toEqual(['Hélène', 'Karim'])
    const shots = storyboard.scenes.flatMap((s) => s.shots)
    expect([...new Set(shots.flatMap((s) => s.characters ?? []))].sort()).toEqual(['Hélène', 'Karim'])
    expect([...new Set(shots.flatMap((s) => s.dialogue.map((d) => d.speaker)))].sort()).toEqual(['Hélène', 'Karim'])
    expect(shots.some((s) => s.first_frame.includes('Hélène') && s.first_frame.includes('Karim'))).toBe(true)
  })

  it('writes its script and subtitles in French, quoting the idea whole', () => {
    expect(cues.length).toBeGreaterThan(0)
    const subtitles = cues.map((c) => c.text).join('\n')
    expect(subtitles).toMatch(/^(Hélène|Karim): /m)
    expect(subtitles).toMatch(/\b(ça|je|tu|pas|nous)\b/i)
    expect(subtitles).not.toMatch(/\b(you|the|it's)\b/i)
    expect(`${script}\n${subtitles}`).toContain('« découvrent une baleine échouée près de Montréal »')
    expect(script).toMatch(/\*\*HÉLÈNE\*\*: /)
    expect(stderr).not.toMatch(/wrote the dialogue in English|spoke English instead/)
  })

  it('draws portraits of those two and no one else', () => {
    const people = (files: readonly string[]) => [...new Set(files.map((f) => path.basename(f).replace(/-(front|side|back)\.png$/, '')))].sort()
    expect(people(readdirSync(path.join(out, 'portraits')))).toEqual(['helene', 'karim'])
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest
    expect(people(manifest.artifacts.filter((a) => a.path.startsWith('portraits/')).map((a) => a.path))).toEqual(['helene', 'karim'])
  })
})

describe('an offline film of an idea that names nobody, with characters pinned in the spec', () => {
  it('is written for the pinned characters only: the spec’s characters reach the screenwriter', async () => {
    const folder = tempDir()
    try {
      const spec = path.join(folder, 'spec.yaml')
      writeFileSync(
        spec,
        'idea: On a storm-battered island, the last keeper of a lighthouse refuses to leave.\n' +
          'characters:\n  - { name: Elsie Marrow, appearance: a wiry woman in her seventies }\n  - { name: Tomas, appearance: a broad-shouldered man }\n',
      )
      const result = await runCli(['generate', spec, '-o', path.join(folder, 'out'), '--cache-dir', path.join(folder, 'cache'), '--stop-after', 'script'])
      expect(result.code).toBe(0)
      const text = readFileSync(path.join(folder, 'out', 'script.md'), 'utf8')
      const speakersInScript = [...new Set([...text.matchAll(/^\*\*(.+?)\*\*: /gm)].map((m) => m[1]))].sort()
      expect(speakersInScript).toEqual(['ELSIE MARROW', 'TOMAS'])
      expect(text).toContain('“the last keeper of a lighthouse refuses to leave”')
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
