/*
 * The offline writer's plot: a handful of beats, each with an outline line and a short exchange
 * in every language it writes (see line-bank.ts).
 */
export type Beat = 'opening' | 'inciting' | 'complication' | 'crisis' | 'climax' | 'resolution'

/** The most scenes the offline writer tells (the story's outline allows 12). */
export const MAX_SCENES = 12

/** Which beats a film of `count` scenes tells, in order; past six, the middle repeats. */
export function beatsFor(count: number): Beat[] {
  const plans: readonly Beat[][] = [
    ['resolution'],
    ['opening', 'resolution'],
    ['opening', 'crisis', 'resolution'],
    ['opening', 'inciting', 'crisis', 'resolution'],
    ['opening', 'inciting', 'complication', 'climax', 'resolution'],
    ['opening', 'inciting', 'complication', 'crisis', 'climax', 'resolution'],
  ]
  const n = Math.min(MAX_SCENES, Math.max(1, Math.round(count)))
  if (n <= 6) return [...(plans[n - 1] as Beat[])]
  const middle = Array.from({ length: n - 4 }, (_, i): Beat => (i % 2 === 0 ? 'complication' : 'crisis'))
  return ['opening', 'inciting', ...middle, 'climax', 'resolution']
}

export function fill(template: string, values: { readonly [key: string]: string }): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
}
