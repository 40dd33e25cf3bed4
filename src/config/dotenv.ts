import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseEnv } from 'node:util'

/**
 * KEY=VALUE lines from `.env` in the working folder. The real environment always wins, so a CI
 * secret is never shadowed by a stale file.
 */
export function withDotenv(env: NodeJS.ProcessEnv, cwd: string): NodeJS.ProcessEnv {
  let text: string
  try {
    text = readFileSync(path.join(cwd, '.env'), 'utf8')
  } catch {
    return env
  }
  return { ...parseDotenv(text), ...env }
}

/**
 * Node's own parser, so `.env` means what it means to `node --env-file`: comments, `export`,
 * quotes of three kinds and multi-line quoted values (a PEM key, a JSON blob).
 */
export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(parseEnv(text))) if (value !== undefined) values[key] = value
  return values
}
