/** Words that set a story's mood, in the moods the offline score knows (score-plan.ts). */
const MOOD_WORDS: { readonly [mood: string]: readonly string[] } = {
  tense: ['storm', 'danger', 'fear', 'chase', 'threat', 'escape', 'fails', 'panic', 'trapped', 'hunt', 'worst'],
  sad: ['grief', 'loss', 'death', 'dies', 'funeral', 'lonely', 'alone', 'goodbye', 'tears', 'leave', 'last'],
  mysterious: ['mystery', 'secret', 'strange', 'ghost', 'hidden', 'shadow', 'unknown', 'vanish', 'fog'],
  hopeful: ['hope', 'home', 'rescue', 'guides', 'saves', 'dawn', 'finally', 'together', 'new'],
  joyful: ['joy', 'party', 'celebrate', 'laugh', 'wedding', 'dance', 'festival', 'play'],
  epic: ['battle', 'war', 'army', 'kingdom', 'dragon', 'quest', 'legend', 'empire'],
  calm: ['quiet', 'gentle', 'peace', 'garden', 'morning', 'tea', 'slow'],
}

/**
 * The mood of a story by counting its mood words; ties go to the mood listed first, no word at
 * all to "calm". Pure: the same text always gives the same mood (and so the same offline score).
 */
export function storyMood(text: string): string {
  const words = text.toLowerCase().split(/[^\p{L}]+/u)
  let best = 'calm'
  let bestCount = 0
  for (const [mood, list] of Object.entries(MOOD_WORDS)) {
    const count = words.filter((word) => list.includes(word)).length
    if (count > bestCount) [best, bestCount] = [mood, count]
  }
  return best
}
