import { readFileSync } from 'node:fs'

/** Read once from package.json next to dist/, so --version needs no heavy imports. */
export function packageVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return packageJson.version
}
