import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { commandTree } from '../../../src/cli/command-tree.js'
import { buildProgram } from '../../../src/cli/program.js'
import { runCli, tempDir } from '../../support/run-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const env = { VIMAX_CACHE_DIR: dir }

const program = buildProgram({ io: { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: dir }, version: '0.0.0', setExitCode: () => undefined })
/** Every command path, read from the program itself: a command added later is covered too. */
const paths = commandTree(program).map(({ path }) => path)

describe('usage errors exit 2 at every depth of the command tree', () => {
  it.each(paths.map((path) => [path.join(' ') || '(vimax itself)', path] as const))('%s --bogus → exit 2, never 1', async (_name, path) => {
    const run = await runCli([...path, '--bogus'], { env, cwd: dir })
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(/unknown option '--bogus'/)
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
  })

  it('a nested command missing its argument (runs show, completion) → exit 2', async () => {
    for (const args of [['runs', 'show'], ['completion'], ['cache']]) {
      const run = await runCli(args, { env, cwd: dir })
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2)
    }
  })

  it('a usage error with --json prints the JSON error object on stdout', async () => {
    const run = await runCli(['cache', 'prune', '--bogus', '--json'], { env, cwd: dir })
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toEqual({
      status: 'error',
      exit_code: 2,
      code: 'E_USAGE',
      message: "unknown option '--bogus'",
      details: [],
      hint: expect.stringMatching(/--help/),
    })
    const missing = await runCli(['runs', 'show', '--json'], { env, cwd: dir })
    expect(missing.code).toBe(2)
    expect(JSON.parse(missing.stdout)).toMatchObject({ status: 'error', code: 'E_USAGE', message: "missing required argument 'id'" })
  })
})
