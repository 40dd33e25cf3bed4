import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { askJson } from '../../../src/agents/ask-json.js'
import { AgentError } from '../../../src/errors.js'
import { scriptedChat } from './scripted.js'

const schema = z.object({
  scenes: z.array(z.object({ title: z.string(), dialogue: z.array(z.object({ speaker: z.string(), line: z.string() })) })),
})
const request = { messages: [{ role: 'system' as const, content: 'Answer in JSON.' }, { role: 'user' as const, content: 'Go.' }], seed: 3 }
const good = '{"scenes": [{"title": "A", "dialogue": []}, {"title": "B", "dialogue": [{"speaker": "Mira", "line": "Hi"}]}]}'
const bad = '{"scenes": [{"title": "A", "dialogue": []}, {"title": "B", "dialogue": "Mira: Hi"}]}'

describe('askJson', () => {
  it('returns a valid first answer after one call, with the JSON Schema attached', async () => {
    const chat = scriptedChat([`Here:\n\`\`\`json\n${good}\n\`\`\``])
    const result = await askJson({ chat, agent: 'screenwriter', subject: 'the script', name: 'script', request, schema })
    expect(result.value.scenes[1]?.dialogue[0]?.speaker).toBe('Mira')
    expect(result.results).toHaveLength(1)
    expect(chat.requests).toHaveLength(1)
    expect(chat.requests[0]?.schema?.name).toBe('script')
    expect(chat.requests[0]?.schema?.schema).toMatchObject({ type: 'object', required: ['scenes'] })
    expect(chat.requests[0]?.seed).toBe(3)
  })

  it('repairs once, quoting the previous answer and the exact problem', async () => {
    const chat = scriptedChat([bad, good])
    const result = await askJson({ chat, agent: 'screenwriter', subject: 'the script', request, schema })
    expect(result.results).toHaveLength(2)
    expect(result.value.scenes).toHaveLength(2)
    const repair = chat.requests[1]!
    expect(repair.messages.slice(0, 2)).toEqual(request.messages)
    expect(repair.messages[2]).toEqual({ role: 'assistant', content: bad })
    expect(repair.messages[3]?.role).toBe('user')
    expect(repair.messages[3]?.content).toContain('scenes.1.dialogue: expected array, got string')
    expect(repair.messages[3]?.content).toMatch(/JSON only/)
    expect(repair.schema?.name).toBe('screenwriter')
  })

  it('repairs an answer that is not JSON at all', async () => {
    const chat = scriptedChat(['Sorry, here is the story in prose.', good])
    const result = await askJson({ chat, agent: 'screenwriter', subject: 'the script', request, schema })
    expect(result.results).toHaveLength(2)
    expect(chat.requests[1]?.messages[3]?.content).toMatch(/answer: no JSON/)
  })

  it('throws AgentError naming agent and subject after exactly two calls', async () => {
    const chat = scriptedChat([bad, '{"scenes": [{"dialogue": []}]}', good])
    const error = await askJson({ chat, agent: 'storyboard artist', subject: 'scene 2', request, schema }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AgentError)
    const agentError = error as AgentError
    expect(agentError.code).toBe('E_AGENT_OUTPUT')
    expect(agentError.message).toBe('storyboard artist: invalid answer for scene 2 after one repair')
    expect(agentError.details).toEqual(['scenes.0.title: expected string, got nothing (missing)'])
    expect(agentError.hint).toMatch(/another chat model|rerun/)
    expect(chat.requests).toHaveLength(2)
  })

  it('repairs trailing commas and unquoted keys itself, without a second call', async () => {
    const sloppy = "{scenes: [{title: 'A', dialogue: [],}, {title: 'B', dialogue: [{speaker: 'Mira', line: 'Hi',},],},],}"
    const chat = scriptedChat([sloppy, good])
    const result = await askJson({ chat, agent: 'screenwriter', subject: 'the script', request, schema })
    expect(result.results).toHaveLength(1)
    expect(chat.requests).toHaveLength(1)
    expect(result.value.scenes[1]?.dialogue[0]).toEqual({ speaker: 'Mira', line: 'Hi' })
  })

  it('refuses an answer cut off at the token limit even when it parses, and names its cache key', async () => {
    const chat = scriptedChat([{ text: good, finishReason: 'length', cacheKey: 'chat-key-1' }, good])
    const error = await askJson({ chat, agent: 'screenwriter', subject: 'the script', request, schema }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AgentError)
    const agentError = error as AgentError
    expect(agentError.code).toBe('E_AGENT_TRUNCATED')
    expect(agentError.message).toBe("screenwriter: the answer for the script was cut off at scripted:test's output-token limit")
    expect(agentError.hint).toContain('models.chat in the spec')
    expect(agentError.cacheKeys).toEqual(['chat-key-1'])
    expect(chat.requests).toHaveLength(1)
  })

  it('passes the signal and subject to the model', async () => {
    const seen: unknown[] = []
    const chat = scriptedChat([good])
    const generate = chat.generate.bind(chat)
    const controller = new AbortController()
    const spy = { ...chat, generate: (req: Parameters<typeof generate>[0], opts?: Parameters<typeof generate>[1]) => (seen.push(opts), generate(req, opts)) }
    await askJson({ chat: spy, agent: 'casting', subject: 'the cast', request, schema, signal: controller.signal })
    expect(seen[0]).toMatchObject({ subject: 'the cast', signal: controller.signal })
  })
})
