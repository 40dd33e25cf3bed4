import { describe, expect, it } from 'vitest'
import type { Shot } from '../../../src/film.js'
import { modelCacheKey } from '../../../src/cache/cache-key.js'
import { fitVideoRequest } from '../../../src/providers/capabilities/fit-video-request.js'
import { DEFAULT_CAPABILITIES, type ModelCapabilities } from '../../../src/providers/capabilities/model-capabilities.js'
import type { ImageInput, VideoRequest } from '../../../src/providers/types.js'
import { clipReferences } from '../../../src/pipeline/clip-references.js'
import { aspectWarning, fitStoryboard } from '../../../src/pipeline/fit-storyboard.js'
import type { PortraitSheet } from '../../../src/pipeline/portrait-sheet.js'

const image = (label: string): ImageInput => ({ bytes: new TextEncoder().encode(label), mediaType: 'image/png', label })
const REQUEST: VideoRequest = { prompt: 'Slow push in.', image: image('first frame'), aspectRatio: '1:1', width: 720, height: 720, seconds: 7, seed: 1, take: 0 }
const caps = (more: Partial<ModelCapabilities>): ModelCapabilities => ({ ...DEFAULT_CAPABILITIES, ...more })
const shot = (id: string, seconds: number): Shot => ({ id, sceneId: '1', firstFrame: 'x', videoPrompt: 'y', characters: [], dialogue: [], seconds, take: 0 })

describe('fitting a clip request to the capability row', () => {
  it('rounds to an allowed duration (a tie goes to the longer) and swaps the shape for one the model makes, sized for it', () => {
    const { request } = fitVideoRequest(caps({ seconds: [4, 6, 8], aspectRatios: ['16:9', '9:16'] }), REQUEST)
    expect(request).toMatchObject({ seconds: 8, aspectRatio: '16:9', width: 1280, height: 720 })
    expect(fitVideoRequest(caps({ seconds: [4, 6, 8] }), { ...REQUEST, seconds: 5 }).request.seconds).toBe(6)
    expect(fitVideoRequest(caps({ seconds: [4, 6, 8] }), { ...REQUEST, seconds: 6.4 }).request.seconds).toBe(6)
  })

  it('leaves a request the model takes as it was: the same cache key as before the table existed', () => {
    const model = { kind: 'video' as const, provider: 'fal', modelId: 'x' }
    const { request } = fitVideoRequest(caps({ seconds: [4, 6, 8] }), { ...REQUEST, seconds: 6, aspectRatio: '1:1' })
    expect(request).not.toHaveProperty('references')
    expect(modelCacheKey(model, request)).toBe(modelCacheKey(model, { ...REQUEST, seconds: 6 }))
  })

  it('trims references to N, keeping their order, and sends none to a model taking none', () => {
    const references = ['a', 'b', 'c', 'd'].map(image)
    expect(fitVideoRequest(caps({ references: 2 }), { ...REQUEST, references }).request.references?.map((ref) => ref.label)).toEqual(['a', 'b'])
    expect(fitVideoRequest(caps({ references: 0 }), { ...REQUEST, references }).request).not.toHaveProperty('references')
  })

  it('drops the first frame for a model that takes none, and cuts a prompt over the limit', () => {
    const fitted = fitVideoRequest(caps({ firstFrame: false, maxPromptChars: 4 }), REQUEST)
    expect(fitted.request).not.toHaveProperty('image')
    expect(fitted.request.prompt).toBe('Slow')
    expect(fitted.promptCut).toEqual({ from: REQUEST.prompt.length, to: 4 })
  })
})

describe('fitting the storyboard before any call', () => {
  it('changes each shot to an allowed length and says so in one line naming every changed shot', () => {
    const fitted = fitStoryboard({ seconds: [4, 6, 8] }, 'fal:fal-ai/veo3/fast', [shot('1', 7), shot('2', 6), shot('3', 5)])
    expect(fitted.shots.map((s) => s.seconds)).toEqual([8, 6, 6])
    expect(fitted.warning).toBe('fal:fal-ai/veo3/fast makes 4, 6, 8 s clips: shot 1 7 → 8 s, shot 3 5 → 6 s')
    expect(fitStoryboard({}, 'offline:animatic', [shot('1', 7)])).toEqual({ shots: [shot('1', 7)] })
  })

  it('warns once when the film`s shape is not one the model makes', () => {
    expect(aspectWarning({ aspectRatios: ['16:9', '9:16'] }, 'gemini:veo-3', '1:1')).toBe("gemini:veo-3 makes no 1:1 video: clips are made at 16:9 and fitted to the film's frame")
    expect(aspectWarning({ aspectRatios: ['16:9', '9:16'] }, 'gemini:veo-3', '9:16')).toBeUndefined()
  })
})

describe('the portraits a clip takes along', () => {
  /** A cast of three drawn at once: the real sheet draws on demand, which is not what is tested here. */
  const sheet: PortraitSheet = {
    has: (id) => ['mara', 'ivo', 'lena'].includes(id),
    view: (id, view) => (['mara', 'ivo', 'lena'].includes(id) ? Promise.resolve(image(`${id} ${view}`)) : undefined),
    settled: async () => undefined,
  }

  it('puts the speakers first, every front view before any side, at most N', async () => {
    const refs = await clipReferences(sheet, { characters: ['mara', 'ivo', 'lena'], dialogue: [{ speaker: 'Lena', line: 'Now.' }] }, 4)
    expect(refs.map((ref) => ref.label)).toEqual(['lena front', 'mara front', 'ivo front', 'lena side'])
  })

  it('asks for no portrait when the model takes no references', async () => {
    const asked: string[] = []
    const counting: PortraitSheet = { ...sheet, view: (id, view) => (asked.push(id), sheet.view(id, view)) }
    expect(await clipReferences(counting, { characters: ['mara'], dialogue: [] }, 0)).toEqual([])
    expect(asked).toEqual([])
  })
})
