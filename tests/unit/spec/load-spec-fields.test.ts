import { afterAll, describe, expect, it } from 'vitest'
import { validateSpecData } from '../../../src/spec/validate-spec.js'
import { detailFor, specDir, specError } from './spec-fixtures.js'

const fixtures = specDir()
afterAll(() => fixtures.cleanup())

/** A one-scene storyboard whose single shot has these extra YAML lines. */
function shotSpec(extra: string): string {
  return `scenes:\n  - shots:\n      - shot_id: 1\n        first_frame: f\n        video_prompt: v\n${extra}`
}

describe('loadSpec: field rules', () => {
  it('says what an empty value is', async () => {
    const file = fixtures.write('null.yaml', 'idea:\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'idea')).toBe(`${file}:1:6 idea: expected a string, got null (an empty value)`)
  })

  it('refuses blank strings', async () => {
    const error = await specError(fixtures.write('blank.yaml', 'idea: "   "\n'), 'E_SPEC_INVALID')
    expect(detailFor(error, 'idea')).toMatch(/expected a non-empty string, got a blank string$/)
  })

  it.each([
    ['0', 'expected an integer ≥ 1, got 0'],
    ['1.5', 'expected an integer ≥ 1 or an id of letters, digits, ".", "_" or "-", got 1.5'],
    ['"a/b"', 'expected an id of letters, digits, ".", "_" or "-", got "a/b"'],
    ['true', 'expected an integer ≥ 1 or an id of letters, digits, ".", "_" or "-", got true'],
  ])('refuses shot_id %s', async (id, text) => {
    const file = fixtures.write('shot-id.yaml', shotSpec('').replace('shot_id: 1', `shot_id: ${id}`))
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'scenes.0.shots.0.shot_id')).toBe(`${file}:3:18 scenes.0.shots.0.shot_id: ${text}`)
  })

  it('checks dialogue lines in both forms', async () => {
    const file = fixtures.write(
      'dialogue.yaml',
      shotSpec('        dialogue:\n          - no colon here\n          - 42\n          - { speaker: Ada }\n'),
    )
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'scenes.0.shots.0.dialogue.0')).toMatch(/:7:13 .*expected a "Speaker: line" string, got "no colon here"$/)
    expect(detailFor(error, 'scenes.0.shots.0.dialogue.1')).toMatch(/:8:13 .*or a \{speaker, line\} mapping, got 42$/)
    expect(detailFor(error, 'scenes.0.shots.0.dialogue.2.line')).toMatch(/:9:13 .*expected a string, got nothing$/)
  })

  it('refuses a shot longer than a minute and a bad model name', async () => {
    const file = fixtures.write('limits.yaml', `${shotSpec('        seconds: 90\n')}models:\n  image: "not a model"\n`)
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'scenes.0.shots.0.seconds')).toMatch(/expected a number of seconds ≤ 60, got 90$/)
    expect(detailFor(error, 'models.image')).toMatch(/:8:10 .*expected "provider" or "provider:model", got "not a model"$/)
  })

  it('lists the allowed fields when there are few and none is close', async () => {
    const error = await specError(fixtures.write('models.yaml', 'idea: x\nmodels:\n  audio: x\n'), 'E_SPEC_INVALID')
    expect(detailFor(error, 'models.audio')).toMatch(/unknown field \(allowed: chat, image, video, speech, music\)$/)
  })

  it('refuses storyboard-only fields without scenes', async () => {
    const error = await specError(fixtures.write('overview.yaml', 'idea: x\nstory_overview: y\n'), 'E_SPEC_INVALID')
    expect(detailFor(error, 'story_overview')).toMatch(/:2:1 .*only allowed with scenes \(a storyboard\), got it with idea$/)
  })

  it('refuses two scenes with the same number', async () => {
    const file = fixtures.write('scene-num.yaml', `${shotSpec('')}  - scene_num: 1\n    shots:\n      - { shot_id: 2, first_frame: f, video_prompt: v }\n`)
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'scenes.1.scene_num')).toMatch(/:6:16 .*duplicate scene number 1 \(first at line 2\)$/)
  })
})

describe('validateSpecData', () => {
  it('runs the cross-field rules even when fields are already wrong', () => {
    const result = validateSpecData({ seed: 1.5, characters: [{ name: 'A' }, { name: 'a' }] })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map((p) => p.path.join('.'))).toEqual(['seed', '', 'characters.1.name'])
  })
})
