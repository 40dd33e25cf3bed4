import type { JsonSchema, JsonValue } from '../types.js'

type Schema = { readonly [key: string]: unknown }

/**
 * A valid instance of a JSON Schema, so an agent the offline model does not know still gets an
 * answer it can parse: required properties only, one item per array (or minItems), strings taken
 * from the request's text, numbers within their bounds, the first enum value.
 */
export function schemaInstance(schema: JsonSchema, text: string): JsonValue {
  const snippet = firstSentence(text)
  return build(schema as Schema, schema as Schema, snippet, 0)
}

function build(node: Schema, root: Schema, snippet: string, depth: number): JsonValue {
  if (depth > 12) return null
  const ref = node.$ref
  if (typeof ref === 'string') return build(resolve(ref, root), root, snippet, depth + 1)
  if ('const' in node) return node.const as JsonValue
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0] as JsonValue
  if ('default' in node) return node.default as JsonValue
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = node[key]
    if (Array.isArray(options) && options.length > 0) {
      const usable = options.find((o) => (o as Schema).type !== 'null') ?? options[0]
      return build(usable as Schema, root, snippet, depth + 1)
    }
  }
  if (Array.isArray(node.allOf) && node.allOf.length > 0) {
    const merged = Object.assign({}, ...node.allOf.map((part) => deref(part as Schema, root))) as Schema
    return build(merged, root, snippet, depth + 1)
  }
  const type = Array.isArray(node.type) ? (node.type.find((t) => t !== 'null') ?? node.type[0]) : node.type
  switch (type) {
    case 'object':
      return buildObject(node, root, snippet, depth)
    case 'array': {
      const count = Math.max(typeof node.minItems === 'number' ? node.minItems : 1, 1)
      const max = typeof node.maxItems === 'number' ? node.maxItems : count
      const items = (node.items ?? {}) as Schema
      return Array.from({ length: Math.min(count, max) }, () => build(items, root, snippet, depth + 1))
    }
    case 'string':
      return buildString(node, snippet)
    case 'integer':
    case 'number':
      return buildNumber(node, type === 'integer')
    case 'boolean':
      return false
    case 'null':
      return null
    default:
      return node.properties ? buildObject(node, root, snippet, depth) : snippet
  }
}

function buildObject(node: Schema, root: Schema, snippet: string, depth: number): JsonValue {
  const properties = (node.properties ?? {}) as { [key: string]: Schema }
  const required = Array.isArray(node.required) ? (node.required as string[]) : []
  const out: { [key: string]: JsonValue } = {}
  for (const key of required) out[key] = build(properties[key] ?? {}, root, snippet, depth + 1)
  return out
}

function buildString(node: Schema, snippet: string): string {
  const min = typeof node.minLength === 'number' ? node.minLength : 0
  const max = typeof node.maxLength === 'number' ? node.maxLength : Infinity
  if (node.format === 'date-time') return '2000-01-01T00:00:00Z'
  if (node.format === 'date') return '2000-01-01'
  if (node.format === 'uri' || node.format === 'url') return 'https://example.com/'
  let text = snippet === '' ? 'text' : snippet
  while (text.length < min) text += ` ${text}`
  return text.slice(0, Math.max(min, Math.min(max, text.length)))
}

function buildNumber(node: Schema, integer: boolean): number {
  const num = (key: string) => (typeof node[key] === 'number' ? (node[key] as number) : undefined)
  const step = integer ? 1 : 0.5
  let low = num('minimum') ?? (num('exclusiveMinimum') !== undefined ? (num('exclusiveMinimum') as number) + step : undefined)
  const high = num('maximum') ?? (num('exclusiveMaximum') !== undefined ? (num('exclusiveMaximum') as number) - step : undefined)
  low ??= high !== undefined ? Math.min(1, high) : 1
  const value = integer ? Math.ceil(low) : low
  return high !== undefined && value > high ? high : value
}

function resolve(ref: string, root: Schema): Schema {
  if (!ref.startsWith('#')) return {}
  let node: unknown = root
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    node = (node as Schema | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return (node ?? {}) as Schema
}

function deref(node: Schema, root: Schema): Schema {
  return typeof node.$ref === 'string' ? resolve(node.$ref, root) : node
}

function firstSentence(text: string): string {
  const flat = text.replace(/<\/?[A-Z_]+>/g, ' ').replace(/\s+/g, ' ').trim()
  const sentence = /^[^.!?]*[.!?]/.exec(flat)?.[0] ?? flat
  return sentence.slice(0, 120).trim()
}
