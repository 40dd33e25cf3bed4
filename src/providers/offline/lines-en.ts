import type { LineBank } from './line-bank.js'

export const LINES_EN: LineBank = {
  quotes: ['“', '”'],
  titles: ['{A} and {B}', 'What {A} Found', 'Before Morning', 'The Last Night', 'Where {A} Stays', 'A Light for {A}'],
  twists: [
    ', and {A} has to decide what it is really worth.',
    ', but {B} is not ready to let go.',
    '; by the end, {A} and {B} learn what it means to them.',
  ],
  outline: {
    opening: '{A} goes about an ordinary day until everything turns on this: {q}.',
    inciting: '{A} tells {B} what is happening, and {B} is sure it means trouble.',
    complication: 'Things go wrong: {A} and {B} argue about what to do.',
    crisis: 'Alone, {A} must choose between playing it safe and what matters: {q}.',
    climax: '{A} and {B} risk everything to see it through.',
    resolution: '{A} and {B} share a quiet moment; what happened has changed them both.',
  },
  soloOutline: {
    opening: '{A} goes about an ordinary day until everything turns on this: {q}.',
    inciting: '{A} cannot stop thinking about what is happening.',
    complication: 'Things go wrong, and {A} has no one to ask.',
    crisis: 'Alone, {A} must choose between playing it safe and what matters: {q}.',
    climax: '{A} risks everything to see it through.',
    resolution: '{A} has a quiet moment; what happened has changed everything.',
  },
  exchanges: {
    opening: ['Did you see that?', 'I saw it. {q} — just like the old stories say.', 'No. I think it happened for a reason.', "Then we'd better find out why."],
    inciting: ['You need to see this.', 'Please tell me this is not about that again.', "It is. And I can't ignore it anymore.", "Fine. But I'm coming with you."],
    complication: ['This is my fault. I should have listened.', "Arguing won't help now.", 'Then what do we do?', 'We stop guessing and start asking the right questions.'],
    crisis: ["If I do this, there's no turning back.", "Then don't do it alone.", "You don't understand what this means to me: {q}.", 'I understand more than you think.'],
    climax: ["Now, before it's too late!", "Hold on, I've got it!", "Don't let go!", 'I won’t. Not this time.'],
    resolution: ['{q}… will anyone believe us?', 'It doesn’t matter. We know.', 'Thank you for staying.', 'Where else would I be?'],
  },
  leads: ['{A} longs for a second chance.', '{A} never admits a mistake.', '{A} keeps a secret from everyone.', '{A} notices what others miss.', '{A} is tired of waiting.'],
  companions: ["{B}, {A}'s oldest friend.", "{B}, {A}'s curious neighbour.", "{B}, {A}'s stubborn rival.", "{B}, {A}'s patient mentor.", "{B}, a stranger who crosses {A}'s path."],
  times: {
    MORNING: 'Morning light spills in.', DAY: 'The day is bright and busy.', DUSK: 'Dusk settles, long shadows everywhere.',
    NIGHT: 'It is night; only a few lights still burn.', DAWN: 'Dawn breaks, pale and quiet.',
  },
  watches: '{B} watches {A} closely.',
}
