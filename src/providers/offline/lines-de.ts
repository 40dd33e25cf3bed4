import type { LineBank } from './line-bank.js'

export const LINES_DE: LineBank = {
  quotes: ['„', '“'],
  titles: ['{A} und {B}', 'Was {A} fand', 'Vor dem Morgen', 'Die letzte Nacht', 'Wo {A} bleibt', 'Ein Licht für {A}'],
  twists: [
    ', und {A} muss entscheiden, was es wirklich wert ist.',
    ', aber {B} ist nicht bereit loszulassen.',
    '; am Ende verstehen {A} und {B}, was es für sie bedeutet.',
  ],
  outline: {
    opening: '{A} erlebt einen gewöhnlichen Tag, bis sich alles ändert: {q}.',
    inciting: '{A} erzählt {B}, was geschieht, und {B} ist sicher, dass das Ärger bedeutet.',
    complication: 'Alles wird schwieriger: {A} und {B} streiten darüber, was zu tun ist.',
    crisis: 'Allein muss {A} wählen zwischen Sicherheit und dem, was wirklich zählt: {q}.',
    climax: '{A} und {B} riskieren alles, um es zu Ende zu bringen.',
    resolution: '{A} und {B} teilen einen stillen Moment; was geschehen ist, hat beide verändert.',
  },
  soloOutline: {
    opening: '{A} erlebt einen gewöhnlichen Tag, bis sich alles ändert: {q}.',
    inciting: '{A} kann an nichts anderes mehr denken.',
    complication: 'Alles wird schwieriger, und {A} hat niemanden, den {A} fragen kann.',
    crisis: 'Allein muss {A} wählen zwischen Sicherheit und dem, was wirklich zählt: {q}.',
    climax: '{A} riskiert alles, um es zu Ende zu bringen.',
    resolution: '{A} findet einen stillen Moment; was geschehen ist, hat alles verändert.',
  },
  exchanges: {
    opening: ['Hast du das gesehen?', 'Ja. {q} – wie in den alten Geschichten.', 'Nein. Ich glaube, das ist kein Zufall.', 'Dann müssen wir herausfinden, warum.'],
    inciting: ['Das musst du dir ansehen.', 'Sag mir bitte, dass es nicht schon wieder darum geht.', 'Doch. Und ich kann es nicht länger ignorieren.', 'Gut. Aber ich komme mit.'],
    complication: ['Das ist meine Schuld. Ich hätte zuhören sollen.', 'Streiten hilft uns jetzt nicht.', 'Was machen wir dann?', 'Wir hören auf zu raten und stellen die richtigen Fragen.'],
    crisis: ['Wenn ich das tue, gibt es kein Zurück.', 'Dann tu es nicht allein.', 'Du verstehst nicht, was mir das bedeutet: {q}.', 'Ich verstehe mehr, als du denkst.'],
    climax: ['Jetzt, bevor es zu spät ist!', 'Halt durch, ich hab’s!', 'Lass nicht los!', 'Nein. Diesmal nicht.'],
    resolution: ['{q} … Wer wird uns das glauben?', 'Egal. Wir wissen es.', 'Danke, dass du geblieben bist.', 'Wo sollte ich denn sonst sein?'],
  },
  leads: ['{A} sehnt sich nach einer zweiten Chance.', '{A} gibt nie einen Fehler zu.', '{A} hütet ein Geheimnis.', '{A} bemerkt, was anderen entgeht.', '{A} ist das Warten leid.'],
  companions: ['{B}, ein alter Freund von {A}.', '{B}, ein neugieriger Nachbar von {A}.', '{B}, ein sturer Rivale von {A}.', '{B}, ein geduldiger Mentor von {A}.', '{B}, ein Fremder, der den Weg von {A} kreuzt.'],
  times: {
    MORNING: 'Morgenlicht fällt herein.', DAY: 'Es ist heller Tag.', DUSK: 'Die Dämmerung bricht an, die Schatten werden lang.',
    NIGHT: 'Es ist Nacht; nur wenige Lichter brennen noch.', DAWN: 'Der Morgen graut, blass und still.',
  },
  watches: '{B} beobachtet {A} genau.',
}
