import { afterAll, describe, expect, it } from 'vitest'
import { detailFor, specDir, specError } from './spec-fixtures.js'

const fixtures = specDir()
afterAll(() => fixtures.cleanup())

const SHOT = 'first_frame: a door\n        video_prompt: slow push in'

describe('loadSpec: files that cannot be read', () => {
  it('reports a missing file with a hint to check the path', async () => {
    const error = await specError(`${fixtures.dir}/nope.yaml`, 'E_SPEC_NOT_FOUND')
    expect(error.hint).toMatch(/path/)
  })

  it('reports a directory as not a file', async () => {
    const error = await specError(fixtures.dir, 'E_SPEC_NOT_FOUND')
    expect(error.message).toMatch(/is a directory/)
  })

  it('reports an empty file, and one with only comments', async () => {
    await specError(fixtures.write('empty.yaml', ''), 'E_SPEC_EMPTY')
    await specError(fixtures.write('comments.yaml', '# just a note\n\n   \n'), 'E_SPEC_EMPTY')
  })

  it('reports a YAML syntax error with its line and column', async () => {
    const file = fixtures.write('syntax.yaml', 'title: ok\nidea: a: b\n')
    const error = await specError(file, 'E_SPEC_SYNTAX')
    expect(error.message).toMatch(/line 2, column \d+/)
    expect(error.details[0]).toMatch(new RegExp(`^${file}:2:\\d+ `))
  })

  it('reports a duplicate key as a syntax error', async () => {
    const error = await specError(fixtures.write('dupkey.yaml', 'idea: a\nidea: b\n'), 'E_SPEC_SYNTAX')
    expect(error.details[0]).toMatch(/:2:1 .*unique/)
  })

  it('refuses a second YAML document', async () => {
    const error = await specError(fixtures.write('two-docs.yaml', 'idea: a\n---\nidea: b\n'), 'E_SPEC_SYNTAX')
    expect(error.details[0]).toMatch(/:2:1 a spec is one YAML document/)
  })

  it('reports a JSON syntax error with its line and column', async () => {
    const file = fixtures.write('bad.json', '{\n  "idea": "x",\n}\n')
    const error = await specError(file, 'E_SPEC_SYNTAX')
    expect(error.details[0]).toMatch(new RegExp(`^${file}:3:1 `))
  })

  it('reports a top level that is not a mapping', async () => {
    const error = await specError(fixtures.write('list.yaml', '- idea: x\n'), 'E_SPEC_INVALID')
    expect(error.message).toMatch(/top level must be a mapping.*got a list of 1 item/)
  })
})

describe('loadSpec: invalid specs', () => {
  it('reports wrong types with "expected …, got …" at the value', async () => {
    const file = fixtures.write('types.yaml', 'idea: a storm\nseed: lots\ntitle: [a, b]\nshot_seconds: "4"\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'seed')).toBe(`${file}:2:7 seed: expected an integer, got "lots"`)
    expect(detailFor(error, 'title')).toBe(`${file}:3:8 title: expected a string, got a list of 2 items`)
    expect(detailFor(error, 'shot_seconds')).toBe(`${file}:4:15 shot_seconds: expected a number, got "4"`)
  })

  it('reports an unknown field at its key, with a did-you-mean', async () => {
    const file = fixtures.write('unknown.yaml', 'idea: x\nmodels:\n  chta: openai\n  image: offline\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'models.chta')).toBe(`${file}:3:3 models.chta: unknown field; did you mean "chat"?`)
  })

  it('reports unknown fields at every level', async () => {
    const file = fixtures.write(
      'unknown-deep.yaml',
      `scenes:\n  - shots:\n      - shot_id: 1\n        ${SHOT}\n        secnds: 3\n        dialogue:\n          - speakr: Ada\n            line: hi\n`,
    )
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'scenes.0.shots.0.secnds')).toMatch(/:6:9 .*did you mean "seconds"\?$/)
    expect(detailFor(error, 'scenes.0.shots.0.dialogue.0.speakr')).toMatch(/:8:13 .*did you mean "speaker"\?$/)
  })

  it('requires one of idea, script or scenes', async () => {
    const file = fixtures.write('none.yaml', 'title: Nothing to film\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(error.details).toEqual([
      `${file}:1:1 (top level): expected exactly one of idea, script or scenes, got none of them`,
    ])
  })

  it('refuses two entry points, pointing at the second', async () => {
    const file = fixtures.write('two.yaml', 'idea: a storm\nscript: |\n  INT. ROOM - DAY\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'script')).toBe(
      `${file}:2:1 script: expected exactly one of idea, script or scenes, got idea and script`,
    )
  })

  it('refuses zero scenes', async () => {
    const file = fixtures.write('zero-scenes.yaml', 'scenes: []\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'scenes')).toBe(`${file}:1:9 scenes: expected at least one scene, got an empty list`)
  })

  it('refuses a scene with zero shots', async () => {
    const file = fixtures.write(
      'zero-shots.yaml',
      `scenes:\n  - shots:\n      - shot_id: 1\n        ${SHOT}\n  - slugline: EXT. ROOF - DAY\n    shots: []\n`,
    )
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'scenes.1.shots')).toBe(
      `${file}:7:12 scenes.1.shots: expected at least one shot, got an empty list`,
    )
  })

  it('reports a missing required field at the enclosing shot', async () => {
    const file = fixtures.write('missing.yaml', 'scenes:\n  - shots:\n      - shot_id: 1\n        first_frame: a door\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'scenes.0.shots.0.video_prompt')).toBe(
      `${file}:3:9 scenes.0.shots.0.video_prompt: expected a string, got nothing`,
    )
  })

  it('finds duplicate shot ids across scenes, "3" and 3 alike', async () => {
    const file = fixtures.write(
      'dup-ids.yaml',
      [
        'scenes:',
        '  - shots:',
        '      - shot_id: 3',
        `        ${SHOT}`,
        '  - shots:',
        '      - shot_id: "3"',
        `        ${SHOT}`,
        '',
      ].join('\n'),
    )
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'scenes.1.shots.0.shot_id')).toBe(
      `${file}:7:18 scenes.1.shots.0.shot_id: duplicate shot id "3" (first at line 3)`,
    )
  })

  it('lists the supported aspect ratios', async () => {
    const file = fixtures.write('ratio.yaml', 'idea: x\naspect_ratio: "4:3"\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'aspect_ratio')).toBe(
      `${file}:2:15 aspect_ratio: expected one of 16:9, 9:16, 1:1, got "4:3"`,
    )
  })

  it('refuses shot_seconds ≤ 0', async () => {
    const file = fixtures.write('seconds.yaml', 'idea: x\n\nshot_seconds: 0\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'shot_seconds')).toBe(`${file}:3:15 shot_seconds: expected a number > 0, got 0`)
  })

  it('refuses duplicate character names, whatever their case', async () => {
    const file = fixtures.write('chars.yaml', 'idea: x\ncharacters:\n  - name: Mara\n  - name: mara\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'characters.1.name')).toMatch(/:4:11 .*duplicate character name "mara" \(first at line 3\)$/)
  })

  it('reports every problem at once, in file order', async () => {
    const file = fixtures.write(
      'many.yaml',
      [
        'title: Many',
        'idea: a storm',
        'script: INT. ROOM - DAY',
        'aspect_ratio: "4:3"',
        'shot_seconds: -2',
        'models:',
        '  chta: openai',
        'language: english please',
        '',
      ].join('\n'),
    )
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(error.message).toBe(`invalid spec ${file}: 5 problems`)
    expect(error.details.map((d) => d.slice(file.length + 1))).toEqual([
      '3:1 script: expected exactly one of idea, script or scenes, got idea and script',
      '4:15 aspect_ratio: expected one of 16:9, 9:16, 1:1, got "4:3"',
      '5:15 shot_seconds: expected a number > 0, got -2',
      '7:3 models.chta: unknown field; did you mean "chat"?',
      '8:11 language: expected a language tag such as "en" or "pt-BR", got "english please"',
    ])
  })

  it('gives positions in .json files too', async () => {
    const file = fixtures.write('bad-field.json', '{\n  "idea": "x",\n  "shot_seconds": -1\n}\n')
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'shot_seconds')).toBe(`${file}:3:19 shot_seconds: expected a number > 0, got -1`)
  })

  it('shows long values briefly', async () => {
    const file = fixtures.write('long.yaml', `idea: x\nseed: "${'word '.repeat(40)}"\n`)
    const error = await specError(file, 'E_SPEC_INVALID')
    expect(detailFor(error, 'seed').length).toBeLessThan(file.length + 80)
  })
})
