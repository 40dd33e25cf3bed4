import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { loadSpec } from '../../src/spec/load-spec.js'
import type { ResolvedSpec } from '../../src/spec/types.js'

/** Writes a spec into `dir` and loads it through the real loader. */
export async function specFrom(dir: string, yaml: string, name = 'spec.yaml'): Promise<ResolvedSpec> {
  const file = path.join(dir, name)
  writeFileSync(file, yaml)
  return loadSpec(file)
}
