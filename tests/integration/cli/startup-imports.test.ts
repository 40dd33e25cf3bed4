import { spawnSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { BIN, ROOT, cliEnv, tempDir } from '../../support/run-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// A module hook that names every file the CLI loads: what start-up costs, without timing it.
const hook = path.join(dir, 'hook.mjs')
writeFileSync(
  hook,
  `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  if (resolved.url.startsWith('file:')) process.stderr.write('LOADED ' + resolved.url + '\\n')
  return resolved
}
`,
)
const register = path.join(dir, 'register.mjs')
writeFileSync(register, `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hook).href)})\n`)

function loadedBy(args: readonly string[]): { code: number | null; stdout: string; loaded: string[] } {
  const run = spawnSync(process.execPath, ['--import', register, BIN, ...args], { cwd: ROOT, env: cliEnv(), encoding: 'utf8' })
  const loaded = run.stderr
    .split('\n')
    .filter((line) => line.startsWith('LOADED '))
    .map((line) => path.relative(ROOT, new URL(line.slice('LOADED '.length)).pathname))
  return { code: run.status, stdout: run.stdout, loaded }
}

describe('start-up loads only what the command needs', () => {
  it('--version and -V answer from package.json without loading the CLI or commander', () => {
    for (const flag of ['--version', '-V']) {
      const { code, stdout, loaded } = loadedBy([flag])
      expect(code).toBe(0)
      expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
      expect(loaded).toEqual([path.relative(ROOT, BIN)])
    }
  })

  it('a command that succeeds never loads the error formatting', () => {
    const { code, loaded } = loadedBy(['schema'])
    expect(code).toBe(0)
    expect(loaded).toContain(path.join('dist', 'cli', 'commands', 'schema.js'))
    expect(loaded.filter((file) => /report-failure|format-error/.test(file))).toEqual([])
  })
})
