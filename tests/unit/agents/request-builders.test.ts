import { describe, expect, it } from 'vitest'
import { clipRequest } from '../../../src/agents/camera-operator.js'
import { frameRequest } from '../../../src/agents/frame-artist.js'
import { portraitRequest } from '../../../src/agents/portrait-artist.js'
import type { Character, Shot } from '../../../src/film.js'
import type { ImageInput } from '../../../src/providers/types.js'

const mira: Character = { id: 'mira', name: 'Mira', appearance: 'A woman in her thirties with short red hair.', outfit: 'a yellow raincoat' }
const size = { width: 1280, height: 720 }
const image = (label: string): ImageInput => ({ bytes: new Uint8Array([1, 2, 3]), mediaType: 'image/png', label })
const shot: Shot = {
  id: '1.2',
  sceneId: '1',
  firstFrame: 'Medium shot of Mira on the pier at dusk.',
  videoPrompt: 'Slow dolly in as Mira turns.',
  characters: ['mira', 'tom'],
  dialogue: [
    { speaker: 'Mira', line: 'You came back.' },
    { speaker: 'Tom', line: 'I always do.' },
  ],
  seconds: 6,
  take: 2,
}

describe('portraitRequest', () => {
  it('draws the front view from words alone, with the style', () => {
    const request = portraitRequest({ character: mira, view: 'front', style: 'watercolour', seed: 9, size, aspectRatio: '16:9' })
    expect(request.references).toEqual([])
    expect(request.prompt).toContain('Mira')
    expect(request.prompt).toContain('short red hair')
    expect(request.prompt).toContain('yellow raincoat')
    expect(request.prompt).toContain('Style: watercolour.')
    expect(request.prompt).toMatch(/full body, neutral pose, plain light background, character sheet/i)
    expect(request).toMatchObject({ seed: 9, width: 1280, height: 720, aspectRatio: '16:9' })
  })

  it('draws side and back as edits of the front', () => {
    const front = image('Mira, front view')
    const side = portraitRequest({ character: mira, view: 'side', style: 'watercolour', seed: 9, size, aspectRatio: '16:9', front })
    const back = portraitRequest({ character: mira, view: 'back', seed: 9, size, aspectRatio: '16:9', front })
    expect(side.references).toEqual([front])
    expect(side.prompt).toMatch(/^Mira, side view\. The same person as in Image 1 \(Mira, front view\)/)
    expect(side.prompt).toMatch(/same person.*same face, hair and outfit, seen from the side/)
    expect(side.prompt).toContain('Style: watercolour.')
    expect(back.prompt).toMatch(/seen from the back/)
    expect(back.prompt).not.toContain('Style:')
  })

  it('refuses a side view without the front', () => {
    expect(() => portraitRequest({ character: mira, view: 'side', seed: 1, size, aspectRatio: '1:1' })).toThrow(/front view/)
  })
})

describe('frameRequest', () => {
  it('describes the frame, labels the references and carries seed and take', () => {
    const references = [image('Mira, front view'), image('Tom, side view')]
    const request = frameRequest({ shot, references, style: 'noir, high contrast', seed: 5, size, aspectRatio: '16:9' })
    expect(request.prompt).toContain(shot.firstFrame)
    expect(request.prompt).toContain('Style: noir, high contrast.')
    expect(request.prompt).toContain('Image 1: Mira, front view')
    expect(request.prompt).toContain('Image 2: Tom, side view')
    expect(request.references).toEqual(references)
    expect(request).toMatchObject({ seed: 5, take: 2, width: 1280, height: 720, aspectRatio: '16:9' })
  })

  it('leaves the reference list out of the prompt when there is none', () => {
    const request = frameRequest({ shot: { ...shot, take: 0 }, references: [], seed: 5, size, aspectRatio: '9:16' })
    expect(request.prompt).not.toContain('Image 1')
    expect(request.take).toBe(0)
  })
})

describe('clipRequest', () => {
  it('joins the camera, the style and the spoken lines', () => {
    const frame = image('first frame of shot 1.2')
    const request = clipRequest({ shot, frame, style: 'noir', seed: 5, size, aspectRatio: '16:9' })
    expect(request.prompt).toContain('Slow dolly in as Mira turns.')
    expect(request.prompt).toContain('Mira says: "You came back."')
    expect(request.prompt).toContain('Tom says: "I always do."')
    expect(request.image).toBe(frame)
    expect(request).toMatchObject({ seconds: 6, seed: 5, take: 2, width: 1280, height: 720, aspectRatio: '16:9' })
  })
})
