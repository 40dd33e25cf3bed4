import type { HttpClient } from '../http/index.js'
import type { CallOptions, ChatModel, ChatRequest, ChatResult, JsonSchema, JsonValue } from '../types.js'
import { parseChatCompletion } from './chat-response.js'
import { responseFormat } from './response-format.js'
import type { ChatCapabilities } from './settings.js'

/** How one OpenAI-style server differs; everything else about a chat call is shared. */
export interface ChatModelConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly capabilities: ChatCapabilities
  /** Path under the base URL. */
  readonly path?: string
  /** Server-specific body fields (OpenRouter's `provider.require_parameters`). */
  readonly extraBody?: (mode: 'json_schema' | 'json_object' | 'text') => Record<string, JsonValue>
  /** Rewrites a schema into the subset the server takes (Gemini's OpenAPI-3.0 subset). */
  readonly sanitizeSchema?: (schema: JsonSchema) => JsonSchema
  /** Output-affecting settings for the cache key (never keys or URLs). */
  readonly fingerprint?: { readonly [key: string]: JsonValue }
}

/**
 * A chat model over `/chat/completions`, shared by OpenAI and every compatible server. Only
 * fields the model takes are sent (reasoning models get no temperature), and what was left out
 * comes back as warnings.
 */
export function createChatModel(config: ChatModelConfig): ChatModel {
  const { capabilities } = config
  return {
    kind: 'chat',
    provider: config.provider,
    modelId: config.modelId,
    ...(config.fingerprint === undefined ? {} : { fingerprint: config.fingerprint }),
    async generate(request: ChatRequest, options: CallOptions = {}): Promise<ChatResult> {
      const format = responseFormat(request, capabilities, config.sanitizeSchema)
      const warnings: string[] = []
      const body: Record<string, JsonValue> = {
        model: config.modelId,
        messages: format.messages.map((m) => ({ role: m.role, content: m.content })),
      }
      if (format.responseFormat !== undefined) body.response_format = format.responseFormat
      if (request.temperature !== undefined) {
        if (capabilities.temperature) body.temperature = request.temperature
        else warnings.push(`temperature not sent: ${config.modelId} takes only its default`)
      }
      if (request.seed !== undefined) {
        if (capabilities.seed) body.seed = request.seed
        else warnings.push(`seed not sent: ${config.provider} does not take one`)
      }
      if (request.maxTokens !== undefined) body[capabilities.maxTokensField] = request.maxTokens
      if (request.schema && format.mode !== 'json_schema') warnings.push(`schema sent as an instruction (${format.mode} mode): not enforced`)
      Object.assign(body, config.extraBody?.(format.mode))

      const wantsJson = format.mode !== 'text' || request.schema !== undefined
      const result = await config.client.postJson(config.path ?? 'chat/completions', body, {
        model: config.modelId,
        call: options,
        errorInBody: true,
        parse: (json) => parseChatCompletion(json, wantsJson),
      })
      const answer = result.value
      if (answer.stop === 'length') warnings.push(`answer cut off at the token limit (finish_reason ${JSON.stringify(answer.finishReason)})`)
      return {
        text: answer.text,
        ...(answer.stop === undefined ? {} : { finishReason: answer.stop }),
        requestId: result.requestId,
        attempts: result.attempts,
        // Tokens, not money: the meter prices them from the table (configs/prices.yaml).
        ...(answer.usage === undefined ? {} : { usage: answer.usage }),
        ...(warnings.length === 0 ? {} : { warnings }),
      }
    },
  }
}
