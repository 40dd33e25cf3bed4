import { readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * KEY=VALUE lines from `.env` in the working folder (comments, `export`, single or double
 * quotes). The real environment always wins, so a CI secret is never shadowed by a stale file.
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

export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(raw)
    if (!match) continue
    let value = match[2]!
    const quote = value[0]
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) value = value.slice(1, -1)
    else value = value.replace(/\s+#.*$/, '')
    values[match[1]!] = quote === '"' ? value.replace(/\\n/g, '\n') : value
  }
  return values
}
