import path from 'node:path'
import { sha256 } from '../util/digest.js'
import { parseSpecText, type SpecFormat } from './parse-spec-text.js'
import { resolveSpec } from './resolve-spec.js'
import { specInvalidError } from './spec-invalid-error.js'
import type { ResolvedSpec } from './types.js'
import { validateSpecData } from './validate-spec.js'

/** `.json` files get JSON semantics; anything else is YAML (which JSON also is). */
export function specFormatOf(file: string): SpecFormat {
  return path.extname(file).toLowerCase() === '.json' ? 'json' : 'yaml'
}

/**
 * The pure core of loadSpec: a spec file's bytes → the resolved spec, or a ConfigError listing
 * every problem. `file` is the path as the user wrote it; messages quote it unchanged.
 */
export function parseSpec(bytes: Uint8Array, file: string): ResolvedSpec {
  const { data, sourceMap } = parseSpecText(bytes, file, specFormatOf(file))
  const validation = validateSpecData(data)
  if (!validation.ok) throw specInvalidError(file, validation.problems, sourceMap)
  return resolveSpec(validation.data, {
    path: path.resolve(file),
    name: path.parse(file).name,
    digest: sha256(bytes),
  })
}
