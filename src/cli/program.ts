import { Command, InvalidArgumentError, Option } from 'commander'
import type { CliIo } from './io.js'

export interface ProgramHooks {
  readonly io: CliIo
  readonly version: string
  /** Commands report their exit code here; main owns the process. */
  readonly setExitCode: (code: number) => void
}

/** The command table. Each command's module loads only when it runs, so `--version` stays fast. */
export function buildProgram({ io, version, setExitCode }: ProgramHooks): Command {
  const program = new Command('vimax')
    .description('Idea → finished film: a crew of agents over chat, image and video models, cached, assembled with ffmpeg.')
    .version(version, '-V, --version', 'print the version')
    .option('--debug', 'print stacks and causes of errors')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })

  program
    .command('generate')
    .description('run the crew on a spec and assemble the film')
    .argument('<spec>', 'a YAML spec (idea, script or storyboard) or a storyboard .json')
    .option('-o, --output <dir>', 'output folder (default: vimax-out/<spec name>)')
    .option('--concurrency <n>', 'calls in flight per provider lane', positiveInteger)
    .option('--offline', 'use the built-in offline provider for every model')
    .option('--json', 'print one machine-readable summary on stdout')
    .option('--quiet', 'no progress output')
    .option('--burn-subtitles', 'burn the dialogue into the picture as well as writing film.srt')
    .addOption(new Option('--reroll <shot id>', 'give a shot a new take (repeatable)').argParser(collect).default([]))
    .action(async (spec: string, options: GenerateFlags) => {
      const { generateCommand } = await import('./commands/generate.js')
      setExitCode(await generateCommand(spec, { ...options, debug: Boolean(program.opts().debug) }, io))
    })

  program
    .command('schema')
    .description('print the JSON Schema of the spec, for editor autocompletion')
    .action(async () => {
      const { schemaCommand } = await import('./commands/schema.js')
      setExitCode(await schemaCommand(io))
    })

  return program
}

export interface GenerateFlags {
  readonly output?: string
  readonly concurrency?: number
  readonly offline?: boolean
  readonly json?: boolean
  readonly quiet?: boolean
  readonly burnSubtitles?: boolean
  readonly reroll: readonly string[]
  readonly debug?: boolean
}

export function positiveInteger(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError(`expected an integer ≥ 1, got "${value}"`)
  return parsed
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value]
}
