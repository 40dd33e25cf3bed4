import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { specJsonSchema, specJsonSchemaText } from '../../../src/spec/spec-json-schema.js'

const committed = path.resolve(import.meta.dirname, '../../../schema/vimax-spec.schema.json')

type Schema = Record<string, unknown>

/** Every property schema, at every depth, with its dot path. */
function properties(schema: Schema, at = ''): [string, Schema][] {
  const own = Object.entries((schema['properties'] as Record<string, Schema> | undefined) ?? {})
  const children = [
    ...own.map(([key, value]): [string, Schema] => [`${at}${key}`, value]),
    ...(schema['items'] ? [[`${at}[]`, schema['items'] as Schema] as [string, Schema]] : []),
    ...((schema['anyOf'] as Schema[] | undefined) ?? []).map((s, i): [string, Schema] => [`${at}|${i}`, s]),
  ]
  return children.flatMap(([p, s]) => [[p, s] as [string, Schema], ...properties(s, `${p}.`)])
}

describe('specJsonSchema', () => {
  it('matches the committed schema/vimax-spec.schema.json (regenerate with scripts/write-spec-schema.mjs)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(specJsonSchemaText())
  })

  it('is draft 2020-12 with an $id and a title', () => {
    const schema = specJsonSchema()
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema['$id']).toMatch(/^https:\/\/.+\.schema\.json$/)
    expect(schema['title']).toBe('vimax spec')
    expect(schema['additionalProperties']).toBe(false)
  })

  it('requires exactly one of idea, script or scenes', () => {
    expect(specJsonSchema()['oneOf']).toEqual([{ required: ['idea'] }, { required: ['script'] }, { required: ['scenes'] }])
  })

  it('describes every field', () => {
    const all = properties(specJsonSchema())
    expect(all.length).toBeGreaterThan(25)
    const undocumented = all
      .filter(([p]) => !/\|\d+$/.test(p))
      .filter(([, s]) => typeof s['description'] !== 'string')
      .map(([p]) => p)
    expect(undocumented).toEqual([])
  })

  it('knows the defaults', () => {
    const props = specJsonSchema()['properties'] as Record<string, Schema>
    expect(props['aspect_ratio']?.['default']).toBe('16:9')
    expect(props['shot_seconds']?.['default']).toBe(4)
    expect(props['seed']?.['default']).toBe(0)
    expect(props['language']?.['default']).toBe('en')
  })
})
