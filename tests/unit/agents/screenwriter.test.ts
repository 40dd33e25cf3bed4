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

  it('takes the screenplay’s own lines when a model paraphrases them, without a repair call', async () => {
    const paraphrased = {
      title: 'The Bread Run',
      logline: 'Tom brings bread.',
      scenes: [
        {
          slugline: 'INT. KITCHEN - NIGHT',
          action: 'Mira cooks.',
          dialogue: [
            { speaker: 'Mira', line: 'You are late, again!' },
            { speaker: 'Tom', line: 'I have brought some bread — warm bread, too.' },
          ],
          characters: ['Mira', 'Tom'],
        },
        {
          slugline: 'EXT. GARDEN - DAY',
          action: 'Tom digs.',
          dialogue: [
            { speaker: 'Mira', line: 'Save a bit for the birds.' },
            { speaker: 'Tom', line: 'Always!' },
          ],
          characters: ['Mira', 'Tom'],
        },
      ],
    }
    const chat = scriptedChat([JSON.stringify(paraphrased)])
    const script = await structureScript(chat, { script: screenplay, language: 'en', seed: 1 })
    expect(chat.requests).toHaveLength(1)
    expect(script.scenes.map((scene) => scene.dialogue)).toEqual([
      [
        { speaker: 'Mira', line: "You're late again." },
        { speaker: 'Tom', line: 'I brought bread. Warm bread, even.' },
      ],
      [
        { speaker: 'Mira', line: 'Leave some for the birds.' },
        { speaker: 'Tom', line: 'Always.' },
      ],
    ])
  })

  it('places each script line in the scene where the model put its reworded copy when the scene split differs', async () => {
    // The model splits the kitchen scene in two: the script's lines follow their copies.
    const answer = {
      title: 'T',
      logline: 'L',
      scenes: [
        { slugline: 'INT. KITCHEN - NIGHT', action: 'a', dialogue: [{ speaker: 'Mira', line: 'Late again, you are.' }], characters: [] },
        { slugline: 'INT. KITCHEN - LATER', action: 'b', dialogue: [{ speaker: 'Tom', line: 'Bread! Warm bread even.' }], characters: [] },
        {
          slugline: 'EXT. GARDEN - DAY',
          action: 'c',
          dialogue: [
            { speaker: 'Mira', line: 'Leave a little for the birds.' },
            { speaker: 'Narrator', line: 'An invented line.' },
          ],
          characters: [],
        },
      ],
    }
    const chat = scriptedChat([JSON.stringify(answer)])
    const script = await structureScript(chat, { script: screenplay, language: 'en', seed: 1 })
    expect(script.scenes.map((scene) => scene.dialogue.map((d) => d.line))).toEqual([
      ["You're late again."],
      ['I brought bread. Warm bread, even.'],
      ['Leave some for the birds.', 'Always.'],
    ])
  })

  it('keeps a line the model copied word for word that the screenplay reader did not see as dialogue', async () => {
    const text = 'INT. HALL - DAY\n\nAna waits.\n\nAna says "We leave at dawn, all of us." and turns away.'
    const answer = {
      title: 'T',
      logline: 'L',
      scenes: [{ slugline: 'INT. HALL - DAY', action: 'Ana waits.', dialogue: [{ speaker: 'Ana', line: 'We leave at dawn, all of us.' }], characters: ['Ana'] }],
    }
    const script = await structureScript(scriptedChat([JSON.stringify(answer)]), { script: text, language: 'en', seed: 1 })
    expect(script.scenes[0]?.dialogue).toEqual([{ speaker: 'Ana', line: 'We leave at dawn, all of us.' }])
  })
})
