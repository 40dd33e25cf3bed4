import { z } from 'zod'
import { AgentError } from '../errors.js'
import type { CallOptions, ChatMessage, ChatModel, ChatRequest, ChatResult, JsonSchema } from '../providers/types.js'
import { extractJson } from './extract-json.js'

export interface AskJsonInput<T> {
  readonly chat: ChatModel
  /** The role, named in errors: "storyboard artist". */
  readonly agent: string
  /** What the answer is for, named in errors: "scene 2". */
  readonly subject: string
  /** Messages and generation parameters; `schema` is filled in here. */
  readonly request: Omit<ChatRequest, 'schema'>
  readonly schema: z.ZodType<T>
  /** `request.schema.name`: the role's answer type; providers and the offline model route on it. */
  readonly name?: string
  readonly signal?: AbortSignal
  /** Passed through to the model (signal, subject, onRateLimit). */
  readonly options?: CallOptions
}

export interface AskJsonResult<T> {
  readonly value: T
  /** Every chat call made, in order (1, or 2 after a repair), so the pipeline can count them. */
  readonly results: readonly ChatResult[]
}

/**
 * Sends a request whose answer must be JSON of a known shape, with the JSON Schema attached so
 * structured-output providers can enforce it. A wrong answer gets exactly one repair round-trip
 * quoting the problems; a second wrong answer is an AgentError.
 */
export async function askJson<T>(input: AskJsonInput<T>): Promise<AskJsonResult<T>> {
  const name = input.name ?? input.agent.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_')
  const jsonSchema = z.toJSONSchema(input.schema) as JsonSchema
  const request: ChatRequest = { ...input.request, schema: { name, schema: jsonSchema } }
  const signal = input.signal ?? input.options?.signal
  const callOptions: CallOptions = {
    ...input.options,
    subject: input.options?.subject ?? input.subject,
    ...(signal === undefined ? {} : { signal }),
  }

  const first = await input.chat.generate(request, callOptions)
  refuseTruncated(input, first)
  const checked = check(first.text, input.schema)
  if (checked.ok) return { value: checked.value, results: [first] }

  const repair: ChatRequest = { ...request, messages: repairMessages(request.messages, first.text, checked.problems) }
  const second = await input.chat.generate(repair, callOptions)
  refuseTruncated(input, second, first)
  const rechecked = check(second.text, input.schema)
  if (rechecked.ok) return { value: rechecked.value, results: [first, second] }

  throw new AgentError(`${input.agent}: invalid answer for ${input.subject} after one repair`, {
    code: 'E_AGENT_OUTPUT',
    details: rechecked.problems,
    cacheKeys: [first.cacheKey, second.cacheKey].filter((key): key is string => key !== undefined),
    hint: `try another chat model (models.chat in the spec) or rerun; ${input.chat.provider}:${input.chat.modelId} answered twice with JSON that does not fit`,
  })
}

/**
 * An answer cut off at the token limit is incomplete even when it parses (a storyboard missing
 * its last scenes): it is refused, not repaired, and evicted so a rerun asks again.
 */
function refuseTruncated(input: Pick<AskJsonInput<unknown>, 'chat' | 'agent' | 'subject'>, result: ChatResult, ...earlier: ChatResult[]): void {
  if (result.finishReason !== 'length') return
  const model = `${input.chat.provider}:${input.chat.modelId}`
  throw new AgentError(`${input.agent}: the answer for ${input.subject} was cut off at ${model}'s output-token limit`, {
    code: 'E_AGENT_TRUNCATED',
    cacheKeys: [...earlier, result].map((r) => r.cacheKey).filter((key): key is string => key !== undefined),
    hint: `choose a chat model with a larger output limit (models.chat in the spec), or a shorter story`,
  })
}

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: string[] }

export function check<T>(text: string, schema: z.ZodType<T>): Checked<T> {
  const extracted = extractJson(text)
  if (!extracted.ok) return { ok: false, problems: [`answer: ${extracted.error}`] }
  const parsed = schema.safeParse(extracted.value)
  if (parsed.success) return { ok: true, value: parsed.data }
  return { ok: false, problems: parsed.error.issues.map((issue) => describeIssue(issue, extracted.value)) }
}

/** "scenes.1.dialogue: expected array, got string" — the path as the model wrote it. */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.')
  if (issue.code === 'invalid_type') {
    return `${path}: expected ${issue.expected}, got ${typeName(valueAt(root, issue.path))}`
  }
  const message = issue.message.replace(/^Invalid input: /, '')
  return `${path}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

function typeName(value: unknown): string {
  if (value === undefined) return 'nothing (missing)'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function repairMessages(original: readonly ChatMessage[], answer: string, problems: readonly string[]): ChatMessage[] {
  const complaint = [
    'Your previous answer does not fit the required JSON format. Problems:',
    ...problems.map((problem) => `- ${problem}`),
    '',
    'Reply with the corrected JSON only: the complete answer, no prose, no code fences.',
  ].join('\n')
  return [...original, { role: 'assistant', content: answer }, { role: 'user', content: complaint }]
}
