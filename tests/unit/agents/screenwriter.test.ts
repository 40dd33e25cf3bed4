import { describe, expect, it } from 'vitest'
import { developStory, structureScript, writeScript } from '../../../src/agents/screenwriter.js'
import { createOfflineChatModel } from '../../../src/providers/offline/chat.js'
import type { ChatRequest } from '../../../src/providers/types.js'
import { scriptedChat } from './scripted.js'

const idea = 'A lighthouse keeper befriends a lost whale'

async function ideaToScript(requirement?: string) {
  const chat = createOfflineChatModel('writer', {})
  const story = await developStory(chat, { idea, requirement, language: 'en', seed: 42 })
  const script = await writeScript(chat, { story, requirement, language: 'en', seed: 42 })
  return { story, script }
}

describe('screenwriter with the offline model', () => {
  it('develops a story from an idea and writes three scenes by default', async () => {
    const { story, script } = await ideaToScript()
    expect(story.title).not.toBe('')
    expect(story.logline.toLowerCase()).toContain('whale')
    expect(story.characters.length).toBeGreaterThanOrEqual(2)
    expect(story.characters.length).toBeLessThanOrEqual(3)
    expect(script.title).toBe(story.title)
    expect(script.scenes.map((s) => s.id)).toEqual(['1', '2', '3'])
    const names = story.characters.map((c) => c.name)
    for (const scene of script.scenes) {
      expect(scene.slugline).toMatch(/^(INT|EXT)\. /)
      expect(scene.action.split(/[.!?]\s/).length).toBeGreaterThanOrEqual(2)
      expect(scene.dialogue.length).toBeGreaterThanOrEqual(2)
      expect(scene.dialogue.length).toBeLessThanOrEqual(4)
      for (const line of scene.dialogue) {
        expect(names).toContain(line.speaker)
        expect(scene.characters).toContain(line.speaker)
      }
    }
    expect(JSON.stringify(script).toLowerCase()).toContain('whale')
  })

  it('is deterministic across runs', async () => {
    expect(await ideaToScript()).toEqual(await ideaToScript())
  })

  it('honours a scene count in the requirement', async () => {
    expect((await ideaToScript('Make it five scenes, bittersweet.')).script.scenes).toHaveLength(5)
    expect((await ideaToScript('2 scenes')).script.scenes).toHaveLength(2)
  })

  it('keeps pinned names in the story', async () => {
    const chat = createOfflineChatModel('writer', {})
    const story = await developStory(chat, { idea, language: 'en', seed: 1, pinned: [{ name: 'Old Tom', appearance: 'grey beard' }] })
    expect(story.characters[0]?.name).toBe('Old Tom')
  })

  it('never puts the style into its prompts and sends tagged sections', async () => {
    const chat = scriptedChat([
      '{"title": "T", "logline": "L", "synopsis": "S", "characters": [{"name": "Mira", "description": "d"}], "outline": ["one"]}',
      '{"scenes": [{"slugline": "INT. ROOM - DAY", "action": "A.", "dialogue": [], "characters": []}]}',
    ])
    const story = await developStory(chat, { idea: 'An idea', requirement: 'Funny', language: 'fr', seed: 5 })
    await writeScript(chat, { story, requirement: 'Funny', language: 'fr', seed: 5 })
    const first = chat.requests[0] as ChatRequest
    const user = first.messages.find((m) => m.role === 'user')?.content ?? ''
    expect(user).toContain('<IDEA>\nAn idea\n</IDEA>')
    expect(user).toContain('<REQUIREMENT>\nFunny\n</REQUIREMENT>')
    expect(user).toContain('<LANGUAGE>\nfr\n</LANGUAGE>')
    expect(first.messages[0]?.content).toMatch(/JSON/)
    expect(chat.requests[1]?.messages[1]?.content).toContain('<STORY>')
    for (const request of chat.requests) expect(JSON.stringify(request).toLowerCase()).not.toContain('style:')
  })
})

const screenplay = `THE BREAD RUN

FADE IN:

INT. KITCHEN - NIGHT

MIRA stirs a pot on the stove. The window rattles.

MIRA
(quietly)
You're late again.

TOM (O.S.)
I brought bread.
Warm bread, even.

EXT. GARDEN - DAY

Tom digs a hole under the apple tree while Mira watches.

MIRA: Leave some for the birds.
TOM: Always.

FADE OUT.`

describe('structureScript with the offline model', () => {
  it('splits a screenplay into scenes and keeps the user’s lines', async () => {
    const chat = createOfflineChatModel('writer', {})
    const script = await structureScript(chat, { script: screenplay, language: 'en', seed: 1 })
    expect(script.title).toBe('THE BREAD RUN')
    expect(script.scenes).toHaveLength(2)
    const [kitchen, garden] = script.scenes
    expect(kitchen?.slugline).toBe('INT. KITCHEN - NIGHT')
    expect(kitchen?.action).toBe('MIRA stirs a pot on the stove. The window rattles.')
    expect(kitchen?.dialogue).toEqual([
      { speaker: 'Mira', line: "You're late again." },
      { speaker: 'Tom', line: 'I brought bread. Warm bread, even.' },
    ])
    expect(garden?.dialogue).toEqual([
      { speaker: 'Mira', line: 'Leave some for the birds.' },
      { speaker: 'Tom', line: 'Always.' },
    ])
    expect(garden?.action).toBe('Tom digs a hole under the apple tree while Mira watches.')
    expect(garden?.characters).toEqual(['Mira', 'Tom'])
  })

  it('treats a text without sluglines as one scene', async () => {
    const chat = createOfflineChatModel('writer', {})
    const script = await structureScript(chat, { script: 'Rain on a window.\n\nANA: Stay.\nLEO: I cannot.', language: 'en', seed: 1 })
    expect(script.scenes).toHaveLength(1)
    expect(script.scenes[0]?.dialogue.map((d) => d.speaker)).toEqual(['Ana', 'Leo'])
    expect(script.scenes[0]?.action).toBe('Rain on a window.')
  })

  it('asks for a repair when a model rewrites the user’s lines', async () => {
    const rewritten = '{"title": "T", "logline": "L", "scenes": [{"slugline": "INT. KITCHEN - NIGHT", "action": "", "dialogue": [{"speaker": "Mira", "line": "You are so late!"}], "characters": ["Mira"]}]}'
    const faithful = rewritten.replace('You are so late!', "You're late again.")
    const chat = scriptedChat([rewritten, faithful])
    const script = await structureScript(chat, { script: screenplay, language: 'en', seed: 1 })
    expect(script.scenes[0]?.dialogue[0]?.line).toBe("You're late again.")
    expect(chat.requests[1]?.messages.at(-1)?.content).toContain('scenes.0.dialogue.0.line: not in the screenplay')
  })
})
