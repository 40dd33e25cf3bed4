import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { commandTree } from '../../../src/cli/command-tree.js'
import { completionScript } from '../../../src/cli/commands/completion.js'
import { buildProgram } from '../../../src/cli/program.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function program() {
  let out = ''
  const built = buildProgram({
    io: { stdout: { write: (text: string) => (out += text) }, stderr: { write: () => true }, env: {}, cwd: dir },
    version: '0.0.0',
    setExitCode: () => undefined,
  })
  return { built, out: () => out, reset: () => (out = '') }
}

const { built } = program()
const tree = commandTree(built)
const subcommands = tree.filter(({ path }) => path.length > 0).map(({ path }) => path[path.length - 1]!)
const generateFlags = built.commands.find((command) => command.name() === 'generate')!.options.map((option) => option.long!)

/** Runs the bash script's completion function as bash would, for the words typed so far. */
function complete(script: string, words: readonly string[]): string[] {
  const file = path.join(dir, 'vimax.bash')
  writeFileSync(file, script)
  const quoted = words.map((word) => `'${word}'`).join(' ')
  const result = spawnSync('bash', ['-c', `source ${file}; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _vimax; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' })
  expect(result.stderr).toBe('')
  return result.stdout.split('\n').filter(Boolean)
}

describe('vimax completion', () => {
  it('the bash script is valid bash and names every subcommand and every generate flag', () => {
    const script = completionScript('bash', built)
    const syntax = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' })
    expect(syntax.status, syntax.stderr).toBe(0)
    expect(subcommands).toEqual(expect.arrayContaining(['generate', 'stats', 'prune', 'clear', 'show', 'rm', 'completion']))
    for (const name of subcommands) expect(script).toContain(name)
    expect(generateFlags).toEqual(expect.arrayContaining(['--reroll', '--max-cost', '--no-cache', '--stop-after']))
    for (const flag of generateFlags) expect(script).toContain(flag)
  })

  it('the bash script completes subcommands, flags and flag values at each depth', () => {
    const script = completionScript('bash', built)
    expect(complete(script, ['vimax', ''])).toEqual(expect.arrayContaining(['generate', 'cache', 'runs', 'completion']))
    expect(complete(script, ['vimax', 'cache', ''])).toEqual(expect.arrayContaining(['stats', 'prune', 'clear']))
    expect(complete(script, ['vimax', 'cache', 'prune', '--'])).toEqual(expect.arrayContaining(['--older-than', '--max-size', '--dry-run']))
    expect(complete(script, ['vimax', 'generate', '--stop-after', ''])).toEqual(['script', 'storyboard', 'frames'])
    expect(complete(script, ['vimax', 'runs', '--status', 'f'])).toEqual(['failed'])
    expect(complete(script, ['vimax', 'completion', ''])).toEqual(['bash', 'zsh', 'fish'])
  })

  it('the zsh and fish scripts name every subcommand', () => {
    const zsh = completionScript('zsh', built)
    const fish = completionScript('fish', built)
    expect(zsh.startsWith('#compdef vimax\n')).toBe(true)
    expect(fish).toMatch(/^complete -c vimax /m)
    for (const name of subcommands) {
      expect(zsh).toMatch(new RegExp(`'${name}\\\\?:`))
      expect(fish).toContain(`-a '${name}'`)
    }
    for (const flag of generateFlags) {
      expect(zsh).toContain(flag)
      expect(fish).toContain(`-l ${flag.slice(2)}`)
    }
  })
})

describe('--help', () => {
  it.each(tree.map(({ path }) => [path.join(' ') || '(vimax itself)', path] as const))('%s --help ends with examples', (_name, commandPath) => {
    const { built: fresh, out } = program()
    const node = commandTree(fresh).find(({ path }) => path.join(' ') === commandPath.join(' '))!
    node.command.outputHelp()
    const help = out()
    expect(help).toMatch(/\nExamples:\n(  \$ vimax.*\n)+$/)
    // Examples of a command use that command.
    expect(help.slice(help.indexOf('Examples:'))).toContain(['vimax', ...commandPath].join(' '))
  })
})
