import { rngFrom } from '../providers/offline/story-random.js'

export type Mode = 'major' | 'minor'

/** What a mood asks of the music: scale, pace and brightness. */
interface MoodStyle {
  readonly mode: Mode
  readonly tempo: number
  /** Notes per beat in the arpeggio. */
  readonly pulse: 1 | 2
  /** Lowpass cutoff, Hz: darker moods are duller. */
  readonly cutoff: number
}

const MOODS: { readonly [mood: string]: MoodStyle } = {
  calm: { mode: 'major', tempo: 68, pulse: 1, cutoff: 1800 },
  neutral: { mode: 'major', tempo: 84, pulse: 1, cutoff: 2400 },
  joyful: { mode: 'major', tempo: 108, pulse: 2, cutoff: 3200 },
  hopeful: { mode: 'major', tempo: 92, pulse: 2, cutoff: 2800 },
  sad: { mode: 'minor', tempo: 60, pulse: 1, cutoff: 1500 },
  mysterious: { mode: 'minor', tempo: 72, pulse: 2, cutoff: 1600 },
  tense: { mode: 'minor', tempo: 100, pulse: 2, cutoff: 2200 },
  epic: { mode: 'minor', tempo: 88, pulse: 2, cutoff: 3000 },
}
export const SCORE_MOODS: readonly string[] = Object.keys(MOODS)

/** Triads as semitones above the key's root, by scale degree. */
const PROGRESSIONS: { readonly [mode in Mode]: readonly (readonly (readonly number[])[])[] } = {
  major: [
    [[0, 4, 7], [7, 11, 14], [9, 12, 16], [5, 9, 12]],
    [[0, 4, 7], [9, 12, 16], [5, 9, 12], [7, 11, 14]],
    [[0, 4, 7], [5, 9, 12], [0, 4, 7], [7, 11, 14]],
    [[9, 12, 16], [5, 9, 12], [0, 4, 7], [7, 11, 14]],
  ],
  minor: [
    [[0, 3, 7], [8, 12, 15], [3, 7, 10], [10, 14, 17]],
    [[0, 3, 7], [5, 8, 12], [10, 14, 17], [3, 7, 10]],
    [[0, 3, 7], [8, 12, 15], [5, 8, 12], [7, 11, 14]],
    [[0, 3, 7], [10, 14, 17], [8, 12, 15], [7, 11, 14]],
  ],
}

export interface ScorePlan {
  readonly mood: string
  readonly mode: Mode
  readonly tempo: number
  readonly barS: number
  readonly beatS: number
  /** MIDI note of the key's root, around the second octave below middle C. */
  readonly rootMidi: number
  /** One triad per bar, in semitones above the root; the progression loops. */
  readonly chords: readonly (readonly number[])[]
  /** Per arpeggio step over the loop: which chord tone (0–2) and octave (0–1) sounds. */
  readonly arpeggio: readonly { readonly tone: number; readonly octave: number }[]
  readonly pulse: 1 | 2
  readonly cutoff: number
}

/** A mood word not in the table still picks a style, the same one every time. */
export function planScore(seed: number, mood: string): ScorePlan {
  const key = mood.trim().toLowerCase()
  const style = MOODS[key] ?? MOODS[SCORE_MOODS[rngFrom('mood', key).int(0, SCORE_MOODS.length - 1)]!]!
  const rng = rngFrom('score', seed, key)
  const chords = rng.pick(PROGRESSIONS[style.mode])
  const steps = chords.length * 4 * style.pulse
  const arpeggio = Array.from({ length: steps }, () => ({ tone: rng.int(0, 2), octave: rng.int(0, 1) }))
  const beatS = 60 / style.tempo
  return {
    mood: key,
    mode: style.mode,
    tempo: style.tempo,
    beatS,
    barS: beatS * 4,
    rootMidi: rng.int(45, 52),
    chords,
    arpeggio,
    pulse: style.pulse,
    cutoff: style.cutoff,
  }
}

const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12)
const num = (value: number) => value.toFixed(4)

/** `if(eq(ld(0),0),a,if(eq(ld(0),1),b,…))`: a value chosen by the index stored in ld(0). */
function select(values: readonly number[]): string {
  return values.reduceRight((rest, value, index) => (index === values.length - 1 ? num(value) : `if(eq(ld(0),${index}),${num(value)},${rest})`), '')
}

/**
 * One aevalsrc channel: a pad (three chord tones with a soft second harmonic), a bass on the
 * chord's root and a plucked arpeggio. Every bar fades in and out, so the frequency jumps between
 * chords fall on silence and never click. `detune` spreads the two channels apart.
 */
export function scoreChannel(plan: ScorePlan, detune: number): string {
  const bar = num(plan.barS)
  const chordIndex = `st(0,floor(mod(t/${bar},${plan.chords.length})))`
  const barEnv = `min(1,mod(t,${bar})/0.35)*min(1,(${bar}-mod(t,${bar}))/0.6)`
  const pad = [0, 1, 2]
    .map((tone) => {
      const f = select(plan.chords.map((chord) => hz(plan.rootMidi + 12 + chord[tone]!) * detune))
      return `0.075*sin(2*PI*t*${f})+0.018*sin(4*PI*t*${f})`
    })
    .join('+')
  const bass = `0.11*sin(2*PI*t*${select(plan.chords.map((chord) => hz(plan.rootMidi + chord[0]!)))})`
  const step = num(plan.beatS / plan.pulse)
  const stepIndex = `st(0,floor(mod(t/${step},${plan.arpeggio.length})))`
  const arpHz = plan.arpeggio.map((note, index) => {
    const chord = plan.chords[Math.floor(index / (4 * plan.pulse)) % plan.chords.length]!
    return hz(plan.rootMidi + 24 + chord[note.tone]! + 12 * note.octave) * detune
  })
  const pluck = `0.06*exp(-4*mod(t,${step}))*sin(2*PI*t*${select(arpHz)})`
  return `${chordIndex}*0+(${pad}+${bass})*${barEnv}+${stepIndex}*0+${pluck}`
}
