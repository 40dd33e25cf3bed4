import { describe, expect, it } from 'vitest'
import { designStoryboard } from '../../../src/agents/storyboard-artist.js'
import type { Character, Scene } from '../../../src/film.js'
import { createOfflineChatModel } from '../../../src/providers/offline/chat.js'
import { scriptedChat } from './scripted.js'

const cast: Character[] = [
  { id: 'mira', name: 'Mira', appearance: 'a woman in her thirties with short red hair', outfit: 'a yellow raincoat' },
  { id: 'tom', name: 'Tom', appearance: 'an old man with a grey beard', outfit: 'a navy sweater' },
  { id: 'ada', name: 'Ada', appearance: 'a girl of ten', outfit: 'a green dress' },
]

const scene: Scene = {
  id: '2',
  slugline: 'EXT. HARBOR - DUSK',
  action: 'Mira waits on the pier. Tom rows in.',
  dialogue: [
    { speaker: 'Mira', line: 'You came back.' },
    { speaker: 'Tom', line: 'I always do.' },
    { speaker: 'Mira', line: 'Not always.' },
  ],
  characters: ['Mira', 'Tom'],
}

describe('designStoryboard with the offline model', () => {
  it('designs shots that carry every dialogue line once, with valid cast ids', async () => {
    const chat = createOfflineChatModel('writer', {})
    const shots = await designStoryboard(chat, { scene, cast, shotSeconds: 4, language: 'en', seed: 1 })
    expect(shots.length).toBeGreaterThanOrEqual(3)
    expect(shots.length).toBeLessThanOrEqual(5)
    expect(shots.map((s) => s.id)).toEqual(shots.map((_, i) => `2.${i + 1}`))
    expect(shots.flatMap((s) => s.dialogue)).toEqual(scene.dialogue)
    for (const shot of shots) {
      expect(shot.sceneId).toBe('2')
      expect(shot.take).toBe(0)
      expect(shot.seconds).toBe(4)
      expect(shot.videoPrompt).not.toBe('')
      for (const id of shot.characters) expect(['mira', 'tom']).toContain(id)
      for (const id of shot.characters) {
        const character = cast.find((c) => c.id === id)!
        expect(shot.firstFrame).toContain(character.appearance)
        expect(shot.firstFrame).toContain(character.outfit)
      }
    }
    expect(shots[0]?.characters).toEqual(['mira', 'tom'])
  })

  it('sends only the scene’s characters and the shot length', async () => {
    const chat = scriptedChat(['{"shots": [{"firstFrame": "f", "videoPrompt": "v", "characters": [], "dialogue": [], "seconds": 3}]}'])
    await designStoryboard(chat, { scene, cast, shotSeconds: 6, requirement: 'noir', language: 'en', seed: 1 }, { subject: 'scene 2' })
    const user = chat.requests[0]?.messages[1]?.content ?? ''
    expect(user).toContain('<SCENE>')
    expect(user).toContain('<SHOT_SECONDS>\n6\n</SHOT_SECONDS>')
    expect(user).toContain('"name": "Tom"')
    expect(user).not.toContain('"name": "Ada"')
    expect(chat.requests[0]?.schema?.name).toBe('storyboard')
  })

  it('maps names to ids, drops unknown ones, clamps seconds and fixes the dialogue', async () => {
    const answer = {
      shots: [
        { firstFrame: 'Wide.', videoPrompt: 'Pan.', characters: ['MIRA', '<Tom>', 'Stranger', 'tom'], dialogue: [{ speaker: 'MIRA', line: 'You came back!' }], seconds: 45 },
        { firstFrame: 'Close.', videoPrompt: 'Push.', characters: ['mira'], dialogue: [{ speaker: 'Mira', line: 'An invented line.' }], seconds: 0 },
      ],
    }
    const chat = scriptedChat([JSON.stringify(answer)])
    const shots = await designStoryboard(chat, { scene, cast, shotSeconds: 5, language: 'en', seed: 1 })
    expect(shots[0]?.characters).toEqual(['mira', 'tom'])
    expect(shots[0]?.seconds).toBe(20)
    expect(shots[1]?.seconds).toBe(5)
    expect(shots[0]?.dialogue).toEqual(scene.dialogue)
    expect(shots[1]?.dialogue).toEqual([])
  })

  it('places the scene’s own lines by the model’s paraphrased copies, keeping the scene’s wording', async () => {
    const answer = {
      shots: [
        { firstFrame: 'Pier.', videoPrompt: 'Pan.', characters: ['Mira'], dialogue: [{ speaker: 'Mira', line: 'So you came back!' }], seconds: 4 },
        {
          firstFrame: 'Boat.',
          videoPrompt: 'Push.',
          characters: ['Tom', 'Mira'],
          dialogue: [
            { speaker: 'Tom', line: 'I do, always.' },
            { speaker: 'Mira', line: 'Well, not always.' },
          ],
          seconds: 4,
        },
      ],
    }
    const chat = scriptedChat([JSON.stringify(answer)])
    const shots = await designStoryboard(chat, { scene, cast, shotSeconds: 5, language: 'en', seed: 1 })
    expect(chat.requests).toHaveLength(1)
    expect(shots.map((shot) => shot.dialogue)).toEqual([[scene.dialogue[0]], [scene.dialogue[1], scene.dialogue[2]]])
  })

  it('names the scene when the answer stays invalid', async () => {
    const chat = scriptedChat(['{"shots": []}', '{"shots": "none"}'])
    await expect(designStoryboard(chat, { scene, cast, shotSeconds: 5, language: 'en', seed: 1 })).rejects.toThrow(
      'storyboard artist: invalid answer for scene 2 after one repair',
    )
  })
})
