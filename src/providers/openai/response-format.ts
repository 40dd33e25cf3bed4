import type { ChatMessage, ChatRequest, JsonSchema, JsonValue } from '../types.js'
import type { ChatCapabilities } from './settings.js'

export interface ResponseFormat {
  /** What goes into the body, or undefined for plain text. */
  readonly responseFormat?: JsonValue
  readonly mode: 'json_schema' | 'json_object' | 'text'
  /** Messages to send: with an instruction carrying the schema when the server cannot enforce it. */
  readonly messages: readonly ChatMessage[]
}

/**
 * The strongest structured output the model takes. json_schema is strict only when the schema
 * qualifies (OpenAI rejects strict schemas with optional properties or open objects); json_object
 * and plain text get the schema as an instruction, which also satisfies json_object's rule that
 * some message must say "JSON".
 */
export function responseFormat(
  request: ChatRequest,
  capabilities: ChatCapabilities,
  sanitize: (schema: JsonSchema) => JsonSchema = (schema) => schema,
): ResponseFormat {
  const schema = request.schema
  if (!schema) return { mode: 'text', messages: request.messages }
  if (capabilities.structured === 'json_schema') {
    const jsonSchema: Record<string, JsonValue> = { name: schemaName(schema.name), schema: sanitize(schema.schema) }
    if (capabilities.strict) jsonSchema.strict = isStrictSchema(schema.schema)
    return { mode: 'json_schema', messages: request.messages, responseFormat: { type: 'json_schema', json_schema: jsonSchema } }
  }
  const instruction: ChatMessage = {
    role: 'system',
    content: `Answer with one JSON object, and nothing else, that matches this JSON Schema:\n${JSON.stringify(schema.schema)}`,
  }
  const messages = [...request.messages, instruction]
  return capabilities.structured === 'json_object'
    ? { mode: 'json_object', messages, responseFormat: { type: 'json_object' } }
    : { mode: 'text', messages }
}

/** `a-zA-Z0-9_-`, at most 64 characters. */
export function schemaName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]+/g, '_').slice(0, 64) || 'answer'
}

/** Every object closed (`additionalProperties: false`) and every property required. */
export function isStrictSchema(schema: JsonValue): boolean {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return true
  const node = schema as { readonly [key: string]: JsonValue }
  const properties = node.properties
  if (properties !== undefined || node.type === 'object') {
    if (node.additionalProperties !== false) return false
    const keys = typeof properties === 'object' && properties !== null && !Array.isArray(properties) ? Object.keys(properties) : []
    const required = Array.isArray(node.required) ? node.required : []
    if (!keys.every((key) => required.includes(key))) return false
  }
  return Object.entries(node).every(([key, value]) => {
    if (key === 'properties' || key === '$defs' || key === 'definitions') {
      return typeof value === 'object' && value !== null && Object.values(value).every((child) => isStrictSchema(child as JsonValue))
    }
    if (key === 'items' || key === 'anyOf' || key === 'allOf' || key === 'oneOf' || key === 'prefixItems') {
      return Array.isArray(value) ? value.every(isStrictSchema) : isStrictSchema(value)
    }
    return true
  })
}
