import { createHttpClient, loadApiKey, type HttpClient } from '../http/index.js'
import type { TransportSettings } from './transport-settings.js'
import { transportOf } from './transport-settings.js'

export const OPENAI_ENV_VAR = 'OPENAI_API_KEY'

export interface OpenAIClientSettings extends TransportSettings {
  /** Default: OPENAI_API_KEY, read at the first call. */
  readonly apiKey?: string
  /** Default https://api.openai.com/v1. */
  readonly baseURL?: string
  readonly organization?: string
  readonly project?: string
}

/** One client shape for every OpenAI kind (chat, images, speech): Bearer key, organisation and project headers. */
export function createOpenAIClient(id: string, settings: OpenAIClientSettings): HttpClient {
  return createHttpClient({
    ...transportOf(settings),
    provider: id,
    baseURL: settings.baseURL ?? 'https://api.openai.com/v1',
    envVar: OPENAI_ENV_VAR,
    headers: () => ({
      ...settings.headers,
      authorization: `Bearer ${loadApiKey({ provider: id, envVar: OPENAI_ENV_VAR, value: settings.apiKey, env: settings.env ?? process.env })}`,
      'openai-organization': settings.organization,
      'openai-project': settings.project,
    }),
  })
}
