import { describe, expect, it } from 'vitest'
import { storyMood } from '../../../src/audio/story-mood.js'

describe('storyMood', () => {
  it('counts mood words and falls back to calm', () => {
    expect(storyMood('A storm, a danger, a panic at sea')).toBe('tense')
    expect(storyMood('The battle for the kingdom')).toBe('epic')
    expect(storyMood('Two cats nap')).toBe('calm')
  })
})
