import { describe, expect, it } from 'vitest'
import { editDistance, suggest } from '../../../src/util/suggest.js'

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('same', 'same')).toBe(0)
  })

  it('counts a swap of two adjacent characters as one edit', () => {
    expect(editDistance('chta', 'chat')).toBe(1)
    expect(editDistance('sotry', 'story')).toBe(1)
  })
})

describe('suggest', () => {
  const top = ['title', 'idea', 'script', 'scenes', 'story_overview', 'aspect_ratio', 'shot_seconds', 'seed', 'style']

  it('offers the close match', () => {
    expect(suggest('chta', ['chat', 'image', 'video'])).toBe('chat')
    expect(suggest('scene', top)).toBe('scenes')
    expect(suggest('aspect_ration', top)).toBe('aspect_ratio')
    expect(suggest('stroy_overview', top)).toBe('story_overview')
  })

  it('ignores case and separators', () => {
    expect(suggest('shotSeconds', top)).toBe('shot_seconds')
    expect(suggest('aspect-ratio', top)).toBe('aspect_ratio')
    expect(suggest('Title', top)).toBe('title')
  })

  it('falls back to a unique candidate containing the word', () => {
    expect(suggest('prompt', ['shot_id', 'first_frame', 'video_prompt'])).toBe('video_prompt')
    expect(suggest('frame', ['shot_id', 'first_frame', 'video_prompt'])).toBe('first_frame')
  })

  it('stays quiet when nothing is close', () => {
    expect(suggest('banana', top)).toBeUndefined()
    expect(suggest('x', top)).toBeUndefined()
    expect(suggest('id', top)).toBeUndefined()
    expect(suggest('', top)).toBeUndefined()
    expect(suggest('anything', [])).toBeUndefined()
  })
})
