/*
 * The offline writer's plot: a handful of beats, each with an outline line and a short exchange.
 * Placeholders: {A} {B} the protagonist and the second character, {s} the subject, {place} and
 * {away} two settings. Like the word lists, editing these needs a bump of OFFLINE_WRITER_VERSION.
 */
export type Beat = 'opening' | 'inciting' | 'complication' | 'crisis' | 'climax' | 'resolution'

export const OUTLINE: { readonly [beat in Beat]: string } = {
  opening: '{A} goes about an ordinary day at the {place} until the {s} turns up.',
  inciting: '{A} tells {B} about the {s}, and {B} is sure it means trouble.',
  complication: 'Things go wrong at the {away}: the {s} is at risk, and {A} and {B} argue about what to do.',
  crisis: 'Alone at the {away}, {A} must choose between playing it safe and the {s}.',
  climax: '{A} and {B} risk everything at the {away} to do right by the {s}.',
  resolution: 'Back at the {place}, {A} and {B} share a quiet moment; the {s} has changed them both.',
}

export const EXCHANGES: { readonly [beat in Beat]: readonly string[] } = {
  opening: [
    'Did you see that? Out by the {place}.',
    "It's just the {s}. It'll be gone by morning.",
    'No. I think it came here for a reason.',
    "Then we'd better find out what it wants.",
  ],
  inciting: [
    '{B}, you need to see this.',
    "Please tell me this isn't about the {s} again.",
    "It is. And I can't ignore it anymore.",
    "Fine. But I'm coming with you.",
  ],
  complication: [
    'This is my fault. I should have listened.',
    "Arguing won't help the {s} now.",
    'Then what do we do?',
    'We stop guessing and start asking the right questions.',
  ],
  crisis: [
    "If I do this, there's no turning back.",
    "Then don't do it alone.",
    "You don't understand what the {s} means to me.",
    'I understand more than you think.',
  ],
  climax: [
    "Now, before it's too late!",
    "Hold on, I've got it!",
    "Don't let go of the {s}!",
    'I won’t. Not this time.',
  ],
  resolution: [
    "Do you think we'll ever see the {s} again?",
    "I think it'll find us, if it wants to.",
    'Thank you for staying.',
    'Where else would I be?',
  ],
}

/** Which beats a film of `count` scenes tells, in order. */
export function beatsFor(count: number): Beat[] {
  const plans: readonly Beat[][] = [
    ['resolution'],
    ['opening', 'resolution'],
    ['opening', 'crisis', 'resolution'],
    ['opening', 'inciting', 'crisis', 'resolution'],
    ['opening', 'inciting', 'complication', 'climax', 'resolution'],
    ['opening', 'inciting', 'complication', 'crisis', 'climax', 'resolution'],
  ]
  return [...(plans[Math.min(6, Math.max(1, count)) - 1] as Beat[])]
}

export function fill(template: string, values: { readonly [key: string]: string }): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
}
