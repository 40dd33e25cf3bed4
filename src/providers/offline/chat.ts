import { CancelledError } from '../../errors.js'
import { sleep as realSleep } from '../../util/sleep.js'
import type { CallOptions, ChatModel, ChatRequest, ChatResult } from '../types.js'
import { bankFor } from './line-bank.js'
import type { OfflineOptions } from './options.js'
import { schemaInstance } from './schema-instance.js'
import { parseScreenplay } from './screenplay-parser.js'
import { storyboardAnswer } from './story-board.js'
import { castAnswer } from './story-cast.js'
import { requestSections, userText } from './story-sections.js'
import { writeScript, writeStory } from './story-writer.js'

/** Bump when any answer changes (word lists, templates, parsing): it is part of cache keys. */
export const OFFLINE_WRITER_VERSION = 3

type Role = (sections: ReadonlyMap<string, string>, seed: number) => unknown

/** The agents the offline writer knows, by `request.schema.name`. */
const ROLES: { readonly [name: string]: Role } = {
  story: writeStory,
  script: writeScript,
  screenplay: (sections) => parseScreenplay(sections.get('SCRIPT') ?? ''),
  cast: (sections) => castAnswer(sections),
  storyboard: (sections) => storyboardAnswer(sections),
}

/**
 * A deterministic chat model with no network and no keys. It reads the tagged sections of the
 * request and answers the role named by its schema with valid JSON; an unknown role gets a
 * generic instance of the schema. A repair request carries the same sections, so it simply
 * gets a valid answer.
 */
export function createOfflineChatModel(modelId: string, options: OfflineOptions): ChatModel {
  const sleep = options.sleep ?? realSleep
  // Said once per model: every agent's request names the same language.
  let warnedLanguage = false
  return {
    provider: 'offline',
    modelId,
    kind: 'chat',
    fingerprint: { writer: OFFLINE_WRITER_VERSION },
    async generate(request: ChatRequest, call?: CallOptions): Promise<ChatResult> {
      if (call?.signal?.aborted) throw new CancelledError()
      const latency = options.latencyMs?.chat ?? 0
      if (latency > 0) await sleep(latency, call?.signal)
      const text = answer(request)
      const warning = warnedLanguage ? undefined : languageWarning(request)
      if (warning !== undefined) warnedLanguage = true
      return { text, usage: estimatedUsage(request, text), ...(warning !== undefined && { warnings: [warning] }) }
    },
  }
}

/**
 * Tokens as a rule of thumb (about four characters each), so the offline writer goes through the
 * same pricing as a paid model and a price override for it is honoured like any other.
 */
export function estimatedUsage(request: ChatRequest, text: string): { inputTokens: number; outputTokens: number } {
  const characters = request.messages.reduce((sum, message) => sum + message.content.length, 0)
  return { inputTokens: Math.ceil(characters / 4), outputTokens: Math.ceil(text.length / 4) }
}

export function answer(request: ChatRequest): string {
  const schema = request.schema
  if (schema === undefined) return plainAnswer(request)
  const role = ROLES[schema.name]
  if (role !== undefined) {
    try {
      return JSON.stringify(role(requestSections(request), request.seed ?? 0))
    } catch {
      // Inputs it cannot read (hand-written sections, a future format): still answer validly.
    }
  }
  return JSON.stringify(schemaInstance(schema.schema, userText(request)))
}

/** A notice when a role the writer knows is asked for a language it does not write. */
export function languageWarning(request: ChatRequest): string | undefined {
  if (request.schema === undefined || ROLES[request.schema.name] === undefined) return undefined
  const tag = requestSections(request).get('LANGUAGE')?.trim()
  if (tag === undefined || tag === '' || bankFor(tag).exact) return undefined
  return `the offline writer does not write "${tag}"; it wrote the dialogue in English (it writes en, fr, es, de and ja)`
}

function plainAnswer(request: ChatRequest): string {
  const text = userText(request).replace(/<\/?[A-Z_]+>/g, ' ').replace(/\s+/g, ' ').trim()
  return text === '' ? 'OK.' : `Noted: ${text.slice(0, 200)}`
}
