/** What a chat model accepts; decides the request body, never guessed per call. */
export interface ChatCapabilities {
  /** The best structured-output mode the model (or server) takes. */
  readonly structured: 'json_schema' | 'json_object' | 'text'
  /** `strict: true` may be sent with json_schema (when the schema qualifies). */
  readonly strict: boolean
  /** Reasoning models answer 400 to any temperature but the default. */
  readonly temperature: boolean
  readonly seed: boolean
  readonly maxTokensField: 'max_completion_tokens' | 'max_tokens'
}

const MODERN: ChatCapabilities = { structured: 'json_schema', strict: true, temperature: true, seed: true, maxTokensField: 'max_completion_tokens' }

/** OpenAI chat models by id pattern, first match wins; unknown (newer) ids get the modern set. */
const OPENAI_CHAT: readonly [RegExp, Partial<ChatCapabilities>][] = [
  [/^o1-(mini|preview)/, { structured: 'text', temperature: false }],
  [/^(o\d|gpt-5)/, { temperature: false }],
  [/^(gpt-4-turbo|gpt-4-\d{4}-preview|gpt-3\.5-turbo)/, { structured: 'json_object', strict: false }],
  [/^gpt-4(-0314|-0613)?$/, { structured: 'text', strict: false }],
  [/^chatgpt-4o/, { structured: 'json_object', strict: false }],
]

export function openaiChatCapabilities(modelId: string): ChatCapabilities {
  const found = OPENAI_CHAT.find(([pattern]) => pattern.test(modelId))
  return { ...MODERN, ...found?.[1] }
}

export type ImageFamily = 'gpt-image' | 'dall-e-3' | 'dall-e-2'

export interface ImageCapabilities {
  readonly family: ImageFamily
  /** `WxH` sizes the model takes; a request gets the one nearest its aspect ratio. */
  readonly sizes: readonly string[]
  /** How many reference images `/images/edits` takes (0: no edits endpoint). */
  readonly maxReferences: number
  /** The multipart field references go in: repeated `image[]`, or dall-e-2's single `image`. */
  readonly referenceField: 'image[]' | 'image'
}

export function openaiImageCapabilities(modelId: string): ImageCapabilities {
  if (modelId.startsWith('dall-e-3')) return { family: 'dall-e-3', sizes: ['1024x1024', '1792x1024', '1024x1792'], maxReferences: 0, referenceField: 'image' }
  if (modelId.startsWith('dall-e-2')) return { family: 'dall-e-2', sizes: ['1024x1024'], maxReferences: 1, referenceField: 'image' }
  return { family: 'gpt-image', sizes: ['1024x1024', '1536x1024', '1024x1536'], maxReferences: 16, referenceField: 'image[]' }
}

/** The supported size nearest the wanted aspect ratio (compared as log ratios, so 2:1 and 1:2 are equally far from 1:1). */
export function nearestSize(width: number, height: number, sizes: readonly string[]): string {
  const wanted = Math.log(width / height)
  let best = sizes[0] ?? '1024x1024'
  let bestDistance = Infinity
  for (const size of sizes) {
    const [w, h] = size.split('x').map(Number) as [number, number]
    const distance = Math.abs(Math.log(w / h) - wanted)
    if (distance < bestDistance) [best, bestDistance] = [size, distance]
  }
  return best
}
