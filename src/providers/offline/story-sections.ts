import type { ChatRequest } from '../types.js'

/**
 * The tagged sections of a request's user messages (`<TAG>\n…\n</TAG>`), the offline model's
 * only way to read an agent's inputs. A later message's section replaces an earlier one's.
 */
export function requestSections(request: ChatRequest): Map<string, string> {
  const found = new Map<string, string>()
  for (const message of request.messages) {
    if (message.role !== 'user') continue
    for (const match of message.content.matchAll(/<([A-Z][A-Z_]*)>\n([\s\S]*?)\n<\/\1>/g)) {
      found.set(match[1] as string, match[2] as string)
    }
  }
  return found
}

/** A section holding JSON, or undefined when absent or unreadable. */
export function jsonSection(sections: ReadonlyMap<string, string>, tag: string): unknown {
  const text = sections.get(tag)
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** All the text of the user messages, for agents the offline model does not know. */
export function userText(request: ChatRequest): string {
  return request.messages
    .filter((message) => message.role === 'user')
    .map((message) => message.content)
    .join('\n')
}

export function asString(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}
