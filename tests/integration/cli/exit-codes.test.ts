import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const write = (name: string, text: string) => {
  const file = path.join(dir, name)
  writeFileSync(file, text)
  return file
}

const STORYBOARD = `scenes:
  - shots:
      - { shot_id: 1, first_frame: A red door., video_prompt: Slow push in. }
`

/** No stack trace ever reaches a person for a usage, spec, provider or media error. */
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)

describe('exit codes and messages', () => {
  it.each([
    ['a missing spec', () => path.join(dir, 'missing.yaml'), /spec file not found: .*missing\.yaml/],
    ['an empty spec', () => write('empty.yaml', '# nothing\n'), /empty\.yaml/],
    ['a YAML syntax error', () => write('syntax.yaml', 'idea: [unclosed\n'), /syntax\.yaml:\d+:\d+/],
    ['an unknown field', () => write('unknown.yaml', 'idea: x\nstyel: noir\n'), /unknown\.yaml:2:1 styel: unknown field; did you mean "style"\?/],
    ['two entry points', () => write('two.yaml', 'idea: x\nscript: y\n'), /exactly one of idea, script or scenes/],
    ['zero shots', () => write('zero.yaml', 'scenes:\n  - shots: []\n'), /zero\.yaml:\d+:\d+ scenes\.0\.shots/],
    ['a bad aspect ratio', () => write('ratio.yaml', 'idea: x\naspect_ratio: "4:3"\n'), /aspect_ratio: expected one of 16:9, 9:16, 1:1, got "4:3"/],
    ['shot_seconds ≤ 0', () => write('seconds.yaml', 'idea: x\nshot_seconds: 0\n'), /seconds\.yaml:2:\d+ shot_seconds/],
  ])('%s → exit 2 naming the file, line and field', async (_name, file, message) => {
    const run = await runCli(['generate', file(), '-o', path.join(dir, 'out')])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).toMatch(/hint: /)
    noStack(run.stderr)
  })

  it('an output folder that is a file → exit 2 before any call', async () => {
    const run = await runCli(['generate', write('ok.yaml', STORYBOARD), '-o', write('taken', 'x')])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/output folder .*taken is a file/)
  })

  it('an output folder that cannot be created → exit 2', async () => {
    const run = await runCli(['generate', write('ok.yaml', STORYBOARD), '-o', path.join(write('plain-file', 'x'), 'sub')])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/is not writable/)
  })

  it('bad flags → exit 2', async () => {
    expect((await runCli(['generate', write('ok.yaml', STORYBOARD), '--concurrency', '0'])).code).toBe(2)
    expect((await runCli(['generate'])).code).toBe(2)
    expect((await runCli(['no-such-command'])).code).toBe(2)
  })

  it('ffmpeg missing → exit 4 naming VIMAX_FFMPEG, and nothing is paid for first', async () => {
    const out = path.join(dir, 'no-ffmpeg')
    const run = await runCli(['generate', write('ok.yaml', STORYBOARD), '-o', out, '--json'], { env: { VIMAX_FFMPEG: path.join(dir, 'nope', 'ffmpeg') } })
    expect(run.code).toBe(4)
    expect(run.stderr).toMatch(/ffmpeg not found/)
    expect(run.stderr).toMatch(/VIMAX_FFMPEG/)
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'error', code: 'E_FFMPEG_MISSING', exit_code: 4 })
    noStack(run.stderr)
  })

  it('--json errors are machine-readable on stdout', async () => {
    const run = await runCli(['generate', write('bad.yaml', 'idea: 3\n'), '--json'])
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'error', code: 'E_SPEC_INVALID', exit_code: 2 })
  })

  it('--help and --version exit 0; schema prints the JSON Schema', async () => {
    expect((await runCli(['--help'])).code).toBe(0)
    const version = await runCli(['--version'])
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const schema = await runCli(['schema'])
    expect(schema.code).toBe(0)
    const parsed = JSON.parse(schema.stdout) as { properties: Record<string, unknown> }
    expect(Object.keys(parsed.properties)).toEqual(expect.arrayContaining(['idea', 'script', 'scenes', 'aspect_ratio', 'shot_seconds']))
  })
})
