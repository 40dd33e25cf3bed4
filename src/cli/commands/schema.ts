import { specJsonSchema } from '../../spec/spec-json-schema.js'
import type { CliIo } from '../io.js'

export async function schemaCommand(io: CliIo): Promise<number> {
  io.stdout.write(`${JSON.stringify(specJsonSchema(), null, 2)}\n`)
  return 0
}
