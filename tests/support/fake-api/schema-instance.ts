type Schema = { readonly [key: string]: unknown }

/**
 * A small valid instance of a JSON Schema, so the fake answers structured-output requests with
 * JSON the agents' zod schemas accept: required properties, strings of the minimum length,
 * numbers inside their bounds, the first enum value, one array item (or minItems).
 */
export function schemaInstance(schema: unknown, root: unknown = schema, depth = 0): unknown {
  if (depth > 20 || typeof schema !== 'object' || schema === null) return null
  const node = schema as Schema
  if (typeof node.$ref === 'string') return schemaInstance(resolveRef(node.$ref, root), root, depth + 1)
  if ('const' in node) return node.const
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0]
  if ('default' in node && node.default !== undefined) return node.default
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = node[key]
    if (Array.isArray(options) && options.length > 0) {
      const usable = options.find((o) => (o as Schema)?.type !== 'null') ?? options[0]
      return key === 'allOf' ? Object.assign({}, ...options.map((o) => schemaInstance(o, root, depth + 1))) : schemaInstance(usable, root, depth + 1)
    }
  }
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type
  switch (type ?? (node.properties ? 'object' : undefined)) {
    case 'object': {
      const properties = (node.properties ?? {}) as Record<string, unknown>
      const required = Array.isArray(node.required) ? (node.required as string[]) : Object.keys(properties)
      return Object.fromEntries(required.map((key) => [key, schemaInstance(properties[key] ?? {}, root, depth + 1)]))
    }
    case 'array': {
      const count = Math.max(1, Number(node.minItems ?? 1))
      return Array.from({ length: count }, () => schemaInstance(node.items ?? {}, root, depth + 1))
    }
    case 'string':
      return stringOf(node)
    case 'integer':
    case 'number':
      return numberOf(node, type === 'integer')
    case 'boolean':
      return true
    case 'null':
      return null
    default:
      return 'fake'
  }
}

function stringOf(node: Schema): string {
  if (node.format === 'date-time') return '2026-01-01T00:00:00Z'
  if (node.format === 'uri' || node.format === 'url') return 'https://example.com/'
  const min = Number(node.minLength ?? 0)
  const max = Number(node.maxLength ?? Infinity)
  const text = 'fake text'.padEnd(min, 'x')
  return text.slice(0, Math.max(min, Math.min(max, text.length)))
}

function numberOf(node: Schema, integer: boolean): number {
  const low = typeof node.minimum === 'number' ? node.minimum : typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum + (integer ? 1 : 0.5) : undefined
  const high = typeof node.maximum === 'number' ? node.maximum : typeof node.exclusiveMaximum === 'number' ? node.exclusiveMaximum - (integer ? 1 : 0.5) : undefined
  let value = low ?? (high !== undefined ? Math.min(high, 1) : 1)
  if (high !== undefined && value > high) value = high
  return integer ? Math.ceil(value) : value
}

function resolveRef(ref: string, root: unknown): unknown {
  if (!ref.startsWith('#')) return {}
  return ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .reduce<unknown>((node, key) => (node as Schema | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], root)
}
