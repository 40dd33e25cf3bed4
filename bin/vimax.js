#!/usr/bin/env node
import { readFileSync } from 'node:fs'

const argv = process.argv.slice(2)

// `vimax --version` answers before the CLI (commander and the command table) is loaded: a
// version check in a script or a shell prompt costs no more than starting node.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`${version}\n`)
} else {
  const { main } = await import('../dist/cli/main.js')
  await main(argv)
}
