import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import { loadSpec } from '../../../src/spec/load-spec.js'

/** A temp folder for spec files, removed by `cleanup()` in afterAll. */
export function specDir(): { write(name: string, text: string): string; cleanup(): void; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  return {
    dir,
    write(name, text) {
      const file = path.join(dir, name)
      fs.writeFileSync(file, text)
      return file
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

/** Loads a spec that must fail, and checks what every spec error must have. */
export async function specError(file: string, code: string): Promise<ConfigError> {
  const error = await loadSpec(file).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ConfigError)
  const configError = error as ConfigError
  expect(configError.code).toBe(code)
  expect(configError.message).toContain(file)
  expect(configError.hint).toBeTruthy()
  return configError
}

/** The detail for a dot path, asserting it names the file, a line and a column. */
export function detailFor(error: ConfigError, dotPath: string): string {
  const detail = error.details.find((d) => d.includes(` ${dotPath}: `))
  expect(detail, `no detail for ${dotPath} in:\n${error.details.join('\n')}`).toBeDefined()
  expect(detail).toMatch(/^.+:\d+:\d+ /)
  return detail ?? ''
}
