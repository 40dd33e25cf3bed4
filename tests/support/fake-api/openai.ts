import { TINY_PNG_BASE64 } from './media.js'
import { schemaInstance } from './schema-instance.js'
import type { Exchange, Route } from './types.js'

export const DEFAULT_CHAT_TEXT = 'Hello from the fake API.'

export interface CompletionOptions {
  readonly finishReason?: string
  readonly refusal?: string | null
  /** false: leave `usage` out, as some compatible servers do. */
  readonly usage?: boolean
  readonly model?: string
  /** Extra top-level fields (OpenRouter's `usage.cost` goes in via `usageExtra`). */
  readonly usageExtra?: Readonly<Record<string, unknown>>
}

/** A `chat.completion` object as OpenAI returns it. */
export function chatCompletion(content: string | null, options: CompletionOptions = {}) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_767_225_600,
    model: options.model ?? 'fake-model',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: options.refusal ?? null },
        logprobs: null,
        finish_reason: options.finishReason ?? 'stop',
      },
    ],
    ...(options.usage === false ? {} : { usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20, ...options.usageExtra } }),
  }
}

type ChatBody = { response_format?: { type?: string; json_schema?: { schema?: unknown } }; messages?: { content?: unknown }[] } | undefined

/**
 * What the fake answers a chat request: an instance of the requested schema; in json_object
 * mode, an instance of a schema quoted in the messages (as a model following the instruction
 * would), else `{answer}`; else fixed text.
 */
export function defaultChatContent(body: unknown): string {
  const request = body as ChatBody
  const format = request?.response_format
  if (format?.type === 'json_schema') return JSON.stringify(schemaInstance(format.json_schema?.schema ?? {}))
  if (format?.type === 'json_object') {
    const quoted = quotedSchema(request?.messages ?? [])
    return JSON.stringify(quoted ? schemaInstance(quoted) : { answer: DEFAULT_CHAT_TEXT })
  }
  return DEFAULT_CHAT_TEXT
}

function quotedSchema(messages: readonly { content?: unknown }[]): unknown {
  for (const message of [...messages].reverse()) {
    const text = typeof message.content === 'string' ? message.content : ''
    const at = text.indexOf('JSON Schema:')
    if (at < 0) continue
    try {
      return JSON.parse(text.slice(text.indexOf('{', at)))
    } catch {
      continue
    }
  }
  return undefined
}

function answerChat({ request, json }: Exchange) {
  const model = (request.json as { model?: string } | undefined)?.model
  json(200, chatCompletion(defaultChatContent(request.json), model ? { model } : {}), {
    'x-ratelimit-remaining-requests': '499',
    'x-ratelimit-reset-requests': '120ms',
  })
}

/** `{created, data:[{b64_json}], …}` with a tiny valid PNG. */
export function imagesResponse(count = 1) {
  return {
    created: 1_767_225_600,
    data: Array.from({ length: count }, () => ({ b64_json: TINY_PNG_BASE64 })),
    output_format: 'png',
    size: '1024x1024',
    quality: 'medium',
    usage: { input_tokens: 50, output_tokens: 1056, total_tokens: 1106, input_tokens_details: { text_tokens: 50, image_tokens: 0 } },
  }
}

/** OpenAI-shaped routes; the prefix is free, so they also serve OpenRouter, Ollama, vLLM and Gemini's compatible paths. */
export const openaiRoutes: readonly Route[] = [
  { name: 'chat', method: 'POST', path: /\/chat\/completions$/, respond: answerChat },
  { name: 'images/generations', method: 'POST', path: /\/images\/generations$/, respond: ({ json }) => json(200, imagesResponse()) },
  { name: 'images/edits', method: 'POST', path: /\/images\/edits$/, respond: ({ json }) => json(200, imagesResponse()) },
  {
    name: 'models',
    method: 'GET',
    path: /\/models$/,
    respond: ({ json }) => json(200, { object: 'list', data: [{ id: 'fake-model', object: 'model', owned_by: 'fake' }] }),
  },
]
