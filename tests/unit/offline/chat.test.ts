import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { askJson } from '../../../src/agents/ask-json.js'
import { CancelledError } from '../../../src/errors.js'
import { answer, createOfflineChatModel, estimatedUsage, OFFLINE_WRITER_VERSION } from '../../../src/providers/offline/chat.js'
import { parseScreenplay } from '../../../src/providers/offline/screenplay-parser.js'
import { schemaInstance } from '../../../src/providers/offline/schema-instance.js'
import type { ChatRequest, JsonSchema } from '../../../src/providers/types.js'

const user = (content: string) => ({ role: 'user' as const, content })

describe('the offline chat model', () => {
  it('describes itself', () => {
    const chat = createOfflineChatModel('writer', {})
    expect(chat).toMatchObject({ provider: 'offline', modelId: 'writer', kind: 'chat', fingerprint: { writer: OFFLINE_WRITER_VERSION } })
  })

  it('waits its simulated latency with the injected sleep, honouring the signal', async () => {
    const waits: number[] = []
    const signals: (AbortSignal | undefined)[] = []
    const chat = createOfflineChatModel('writer', {
      latencyMs: { chat: 250 },
      sleep: async (ms, signal) => {
        waits.push(ms)
        signals.push(signal)
      },
    })
    const controller = new AbortController()
    await chat.generate({ messages: [user('hi')] }, { signal: controller.signal })
    expect(waits).toEqual([250])
    expect(signals[0]).toBe(controller.signal)
    controller.abort()
    await expect(chat.generate({ messages: [user('hi')] }, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError)
  })

  it('reports estimated tokens (a quarter of the characters, rounded up) and no money', async () => {
    const chat = createOfflineChatModel('writer', {})
    const request: ChatRequest = { messages: [{ role: 'system', content: 'Be brief.' }, user('Say hi')] }
    const result = await chat.generate(request)
    // 9 + 6 characters in; the answer's own length out.
    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: Math.ceil(result.text.length / 4) })
    expect(result.usage!.outputTokens).toBeGreaterThan(0)
    expect(result).not.toHaveProperty('costUsd')
    expect(estimatedUsage({ messages: [user('abcd')] }, 'abcde')).toEqual({ inputTokens: 1, outputTokens: 2 })
    expect(estimatedUsage({ messages: [] }, '')).toEqual({ inputTokens: 0, outputTokens: 0 })
  })

  it('answers the story role from the idea, honouring pinned names and a scene count', () => {
    const request: ChatRequest = {
      messages: [user('<IDEA>\nA baker finds a map in an old loaf\n</IDEA>\n\n<REQUIREMENT>\nsix scenes\n</REQUIREMENT>\n\n<PINNED_CHARACTERS>\n[{"name": "Juno"}]\n</PINNED_CHARACTERS>')],
      schema: { name: 'story', schema: {} },
    }
    const story = JSON.parse(answer(request)) as { characters: { name: string }[]; outline: string[]; logline: string }
    expect(story.characters[0]?.name).toBe('Juno')
    expect(story.outline).toHaveLength(6)
    expect(story.logline).toContain('baker finds a map')
    expect(answer(request)).toBe(answer(request))
    expect(answer({ ...request, seed: 2 })).not.toBe(answer(request))
  })

  it('answers a repair request with a valid answer', async () => {
    const chat = createOfflineChatModel('writer', {})
    const schema = z.object({ characters: z.array(z.object({ name: z.string(), appearance: z.string(), outfit: z.string() })) })
    const request = {
      messages: [
        user('<SCRIPT>\nMIRA: Hello.\nTOM: Hi.\n</SCRIPT>'),
        { role: 'assistant' as const, content: '{"characters": "oops"}' },
        user('Your previous answer does not fit the required JSON format. Problems:\n- characters: expected array, got string'),
      ],
    }
    const { value } = await askJson({ chat, agent: 'casting', subject: 'the cast', name: 'cast', request, schema })
    expect(value.characters.map((c) => c.name)).toEqual(['Mira', 'Tom'])
  })

  it('answers an unknown role with a valid instance of its schema', async () => {
    const chat = createOfflineChatModel('writer', {})
    const schema = z.object({
      verdict: z.enum(['keep', 'redo']),
      score: z.number().int().min(3).max(7),
      ratio: z.number().gt(0).lt(1),
      notes: z.array(z.string().min(5)).min(2),
      best: z.object({ index: z.number(), reason: z.string().max(10) }),
      optional: z.string().optional(),
      maybe: z.string().nullable(),
      flag: z.boolean(),
    })
    const request = { messages: [user('<FRAME_DESC>\nMira on a pier. It is late.\n</FRAME_DESC>')] }
    const { value, results } = await askJson({ chat, agent: 'critic', subject: 'shot 1.1', name: 'critic', request, schema })
    expect(results).toHaveLength(1)
    expect(value.verdict).toBe('keep')
    expect(value.score).toBe(3)
    expect(value.notes).toHaveLength(2)
    expect(value.notes[0]).toContain('Mira on a pier')
  })

  it('answers a plain request without a schema with text', async () => {
    const chat = createOfflineChatModel('writer', {})
    const result = await chat.generate({ messages: [user('Say hello.')] })
    expect(result.text).toContain('Say hello')
  })

  it('falls back to the schema when a known role gets unreadable sections', () => {
    const schema = z.toJSONSchema(z.object({ shots: z.array(z.object({ firstFrame: z.string() })).min(1) })) as JsonSchema
    const text = answer({ messages: [user('<SCENE>\nnot json\n</SCENE>')], schema: { name: 'storyboard', schema } })
    const parsed = JSON.parse(text) as { shots: unknown[] }
    expect(parsed.shots.length).toBeGreaterThanOrEqual(1)
  })
})

describe('schemaInstance', () => {
  it('follows $ref and anyOf', () => {
    const schema: JsonSchema = {
      $defs: { item: { type: 'object', properties: { n: { type: 'integer', exclusiveMinimum: 4 } }, required: ['n'] } },
      type: 'object',
      properties: { list: { type: 'array', items: { $ref: '#/$defs/item' } }, either: { anyOf: [{ type: 'null' }, { type: 'string', minLength: 5 }] } },
      required: ['list', 'either'],
    }
    expect(schemaInstance(schema, 'Hi.')).toEqual({ list: [{ n: 5 }], either: 'Hi. Hi.' })
  })
})

describe('parseScreenplay', () => {
  it('reads cues, inline dialogue, parentheticals, extensions and transitions', () => {
    const parsed = parseScreenplay(
      'Title: Night Shift\n\nINT./EXT. TAXI - NIGHT\n\nRAVI drives. June sleeps in the back.\n\nRAVI (V.O.)\n(tired)\nThree more fares.\nJUNE\nWake me at the bridge.\n\nCUT TO:\n\nEXT. BRIDGE - DAWN\n\nThe taxi stops.\n\nJune: We made it.',
    )
    expect(parsed.title).toBe('Night Shift')
    expect(parsed.scenes.map((s) => s.slugline)).toEqual(['INT./EXT. TAXI - NIGHT', 'EXT. BRIDGE - DAWN'])
    expect(parsed.scenes[0]?.dialogue).toEqual([
      { speaker: 'Ravi', line: 'Three more fares.' },
      { speaker: 'June', line: 'Wake me at the bridge.' },
    ])
    expect(parsed.scenes[1]?.action).toBe('The taxi stops.')
    expect(parsed.scenes[1]?.dialogue).toEqual([{ speaker: 'June', line: 'We made it.' }])
    expect(parsed.scenes[1]?.characters).toEqual(['June'])
    expect(parsed.logline).toBe('RAVI drives.')
  })

  it('capitalises names like O’Brien and keeps mixed-case names as written', () => {
    const parsed = parseScreenplay("INT. PUB - NIGHT\n\nMARY O'BRIEN\nAnother round.\n\nDr. Vale: Not for me.")
    expect(parsed.scenes[0]?.dialogue.map((d) => d.speaker)).toEqual(["Mary O'Brien", 'Dr. Vale'])
  })
})
