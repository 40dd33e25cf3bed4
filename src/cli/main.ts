import { CommanderError } from 'commander'
import { EXIT, exitCodeFor } from './exit-code.js'
import { processIo, type CliIo } from './io.js'
import { buildProgram } from './program.js'
import { packageVersion } from './version.js'

/** Runs the CLI and returns its exit code; never exits the process itself. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const version = packageVersion()
  let exitCode: number = EXIT.ok
  const program = buildProgram({ io, version, setExitCode: (code) => (exitCode = code) })
  program.exitOverride()
  for (const command of program.commands) command.exitOverride()
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; anything else is a usage error.
      if (error.exitCode === 0) return EXIT.ok
      if (argv.includes('--json')) {
        const { usageErrorJson } = await import('./format-error.js')
        io.stdout.write(`${JSON.stringify(usageErrorJson(error))}\n`)
      }
      return EXIT.usage
    }
    // Loaded only on failure: a run that succeeds never pays for formatting errors.
    const { reportFailure } = await import('./report-failure.js')
    reportFailure(error, { io, debug: argv.includes('--debug'), json: argv.includes('--json'), version })
    return exitCodeFor(error)
  }
}

/** The process boundary: the only place vimax exits. */
export async function main(argv: readonly string[]): Promise<void> {
  const code = await run(argv, processIo())
  process.exit(code)
}
