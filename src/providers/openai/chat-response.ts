import { badResponse, responseProblem } from '../http/index.js'

export interface ChatAnswer {
  readonly text: string
  /** As the server wrote it, for messages. */
  readonly finishReason: string | undefined
  /** Normalised: every server's way of saying "cut off at the token limit" is 'length'. */
  readonly stop: 'stop' | 'length' | 'other' | undefined
  /** Absent when the server leaves `usage` (or half of it) out, as some compatible servers do. */
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number }
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads a chat completion, or says precisely why it is not one. Runs inside the attempt, so a
 * wrong shape or a mid-answer failure is retried once; refusals and truncation are final.
 */
export function parseChatCompletion(body: unknown, wantsJson: boolean): ChatAnswer {
  if (!isObject(body)) throw badResponse(`expected a chat completion object, got ${Array.isArray(body) ? 'an array' : typeof body}`)
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined
  if (!isObject(choice) || !isObject(choice.message)) throw badResponse('no choices[0].message in the chat completion')
  const message = choice.message
  const finishReason = typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined
  if (typeof message.refusal === 'string' && message.refusal.trim()) {
    throw responseProblem('E_PROVIDER_REFUSED', `the model refused: ${message.refusal}`)
  }
  if (finishReason === 'content_filter') throw responseProblem('E_PROVIDER_REFUSED', 'the answer was withheld by the content filter')
  if (finishReason === 'error') throw responseProblem('E_PROVIDER_FAILED', 'generation failed mid-answer (finish_reason "error")', { retry: true })
  const text = contentText(message.content)
  const stop = normaliseFinishReason(finishReason)
  // Final and never cached: a cut-off JSON answer may still parse (or be "repaired") into less than was asked.
  if (stop === 'length' && wantsJson) {
    throw responseProblem('E_PROVIDER_TRUNCATED', `the JSON answer was cut off at the token limit (finish_reason ${JSON.stringify(finishReason)})`)
  }
  // Empty content is how cold-starting OpenRouter models answer; one more try often works.
  if (!text.trim()) throw responseProblem('E_PROVIDER_EMPTY', `the answer has no text (finish_reason ${JSON.stringify(finishReason ?? null)})`, { retry: true })
  const usage = tokenUsage(body.usage)
  return { text, finishReason, stop, ...(usage === undefined ? {} : { usage }) }
}

// OpenAI says "length"; OpenRouter and Gemini's compatible endpoint pass on "length" too, but some
// compatible servers forward their native reason ("max_tokens", "MAX_TOKENS", "model_length").
const LENGTH_REASONS = new Set(['length', 'max_tokens', 'max_output_tokens', 'model_length'])

export function normaliseFinishReason(reason: string | undefined): ChatAnswer['stop'] {
  if (reason === undefined || reason === '') return undefined
  const lower = reason.toLowerCase()
  if (LENGTH_REASONS.has(lower)) return 'length'
  return lower === 'stop' || lower === 'end_turn' || lower === 'eos' ? 'stop' : 'other'
}

/** `usage.prompt_tokens` and `usage.completion_tokens`, only as a pair: the price book needs both. */
function tokenUsage(usage: unknown): ChatAnswer['usage'] {
  if (!isObject(usage)) return undefined
  const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined)
  const inputTokens = count(usage.prompt_tokens)
  const outputTokens = count(usage.completion_tokens)
  return inputTokens === undefined || outputTokens === undefined ? undefined : { inputTokens, outputTokens }
}

/** A string, or (some compatible servers) an array of `{type:"text", text}` parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part) => (typeof part === 'string' ? part : isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .join('')
}
