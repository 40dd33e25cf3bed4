import { z } from 'zod'
import { specSchema } from './spec-schema.js'

/** Where the published package serves the schema; editors may also point at the local file. */
export const SPEC_SCHEMA_ID = 'https://unpkg.com/vimax/schema/vimax-spec.schema.json'

/**
 * The JSON Schema (draft 2020-12) of a spec, for editors to autocomplete and check specs.
 * Generated from the zod schema; the cross-field rules zod cannot export are added here
 * (exactly one entry point; storyboard-only fields) or stated in descriptions (unique ids).
 */
export function specJsonSchema(): Record<string, unknown> {
  const { $schema, ...generated } = z.toJSONSchema(specSchema, { target: 'draft-2020-12', io: 'input' })
  return {
    $schema,
    $id: SPEC_SCHEMA_ID,
    title: 'vimax spec',
    ...generated,
    description:
      'A vimax spec: exactly one of idea, script or scenes, plus optional common settings. ' +
      'Shot ids must be unique across the spec (3 and "3" collide), as must character names and scene numbers.',
    oneOf: [{ required: ['idea'] }, { required: ['script'] }, { required: ['scenes'] }],
    dependentRequired: {
      story_overview: ['scenes'],
      consistency_type: ['scenes'],
      metadata: ['scenes'],
    },
  }
}

/** The schema as committed in schema/vimax-spec.schema.json. */
export function specJsonSchemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`
}
