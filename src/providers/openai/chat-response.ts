import { badResponse, responseProblem } from '../http/index.js'

export interface ChatAnswer {
  readonly text: string
  readonly finishReason: string | undefined
  readonly promptTokens?: number
  readonly completionTokens?: number
  /** OpenRouter reports what the call cost, in USD. */
  readonly reportedCostUsd?: number
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
  if (finishReason === 'length' && wantsJson) {
    throw responseProblem('E_PROVIDER_BAD_RESPONSE', 'the JSON answer was cut off at the token limit (finish_reason "length")', {
      hint: 'raise maxTokens for this model or ask for a shorter answer',
    })
  }
  // Empty content is how cold-starting OpenRouter models answer; one more try often works.
  if (!text.trim()) throw responseProblem('E_PROVIDER_EMPTY', `the answer has no text (finish_reason ${JSON.stringify(finishReason ?? null)})`, { retry: true })
  const usage = isObject(body.usage) ? body.usage : {}
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)
  const promptTokens = number(usage.prompt_tokens)
  const completionTokens = number(usage.completion_tokens)
  const reportedCostUsd = number(usage.cost)
  return {
    text,
    finishReason,
    ...(promptTokens === undefined ? {} : { promptTokens }),
    ...(completionTokens === undefined ? {} : { completionTokens }),
    ...(reportedCostUsd === undefined ? {} : { reportedCostUsd }),
  }
}

/** A string, or (some compatible servers) an array of `{type:"text", text}` parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part) => (typeof part === 'string' ? part : isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .join('')
}
