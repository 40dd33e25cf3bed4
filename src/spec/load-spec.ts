import { readFile as fsReadFile } from 'node:fs/promises'
import { ConfigError } from '../errors.js'
import { parseSpec } from './parse-spec.js'
import type { ResolvedSpec } from './types.js'

export interface LoadSpecOptions {
  /** Reads the file's bytes; node:fs by default. */
  readonly readFile?: (path: string) => Promise<Uint8Array>
}

function readError(file: string, cause: unknown): ConfigError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new ConfigError(`spec file not found: ${file}`, {
      code: 'E_SPEC_NOT_FOUND',
      hint: 'check the path (it is relative to the current folder); e.g. `vimax generate examples/lighthouse-idea.yaml`',
      cause,
    })
  }
  if (code === 'EISDIR') {
    return new ConfigError(`spec path ${file} is a directory, not a file`, {
      code: 'E_SPEC_NOT_FOUND',
      hint: 'pass the spec file itself, e.g. a .yaml or .json file inside that folder',
      cause,
    })
  }
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new ConfigError(`cannot read spec ${file}: ${reason}`, {
    code: 'E_SPEC_UNREADABLE',
    hint: 'check that the file exists and that you may read it',
    cause,
  })
}

/**
 * Reads, parses and validates a spec file (YAML, or JSON for `.json`) into a ResolvedSpec.
 * Throws ConfigError: E_SPEC_NOT_FOUND, E_SPEC_UNREADABLE, E_SPEC_EMPTY, E_SPEC_SYNTAX or
 * E_SPEC_INVALID (with every problem in `details` as `file:line:col path: expected …, got …`).
 */
export async function loadSpec(file: string, { readFile = fsReadFile }: LoadSpecOptions = {}): Promise<ResolvedSpec> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (cause) {
    throw readError(file, cause)
  }
  return parseSpec(bytes, file)
}
