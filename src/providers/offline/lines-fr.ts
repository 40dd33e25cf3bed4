import type { LineBank } from './line-bank.js'

export const LINES_FR: LineBank = {
  quotes: ['« ', ' »'],
  titles: ['{A} et {B}', 'Ce que {A} a trouvé', 'Avant le matin', 'La dernière nuit', 'Là où reste {A}', 'Une lumière pour {A}'],
  twists: [
    ', et {A} doit décider ce que cela vaut vraiment.',
    ', mais {B} n’est pas prêt à lâcher prise.',
    ' ; à la fin, {A} et {B} comprennent ce que cela signifie pour eux.',
  ],
  outline: {
    opening: '{A} vit une journée ordinaire, jusqu’à ce que tout bascule : {q}.',
    inciting: '{A} raconte à {B} ce qui se passe, et {B} est sûr que cela annonce des ennuis.',
    complication: 'Tout se complique : {A} et {B} se disputent sur ce qu’il faut faire.',
    crisis: 'Seul, {A} doit choisir entre la prudence et ce qui compte vraiment : {q}.',
    climax: '{A} et {B} risquent tout pour aller jusqu’au bout.',
    resolution: '{A} et {B} partagent un moment de calme ; ce qui s’est passé les a changés tous les deux.',
  },
  soloOutline: {
    opening: '{A} vit une journée ordinaire, jusqu’à ce que tout bascule : {q}.',
    inciting: '{A} ne peut plus penser à autre chose.',
    complication: 'Tout se complique, et {A} n’a personne à qui demander.',
    crisis: 'Seul, {A} doit choisir entre la prudence et ce qui compte vraiment : {q}.',
    climax: '{A} risque tout pour aller jusqu’au bout.',
    resolution: '{A} retrouve le calme ; ce qui s’est passé a tout changé.',
  },
  exchanges: {
    opening: ['Tu as vu ça ?', 'Oui. {q} — comme dans les vieilles histoires.', 'Non. Je crois que ce n’est pas un hasard.', 'Alors il faut comprendre pourquoi.'],
    inciting: ['Il faut que tu voies ça.', 'Ne me dis pas que ça recommence.', 'Si. Et je ne peux plus faire semblant.', 'D’accord. Mais je viens avec toi.'],
    complication: ['C’est ma faute. J’aurais dû écouter.', 'Se disputer ne servira à rien maintenant.', 'Alors qu’est-ce qu’on fait ?', 'On arrête de deviner et on pose les bonnes questions.'],
    crisis: ['Si je fais ça, il n’y aura pas de retour en arrière.', 'Alors ne le fais pas seul.', 'Tu ne comprends pas ce que ça représente pour moi : {q}.', 'Je comprends plus que tu ne le crois.'],
    climax: ['Maintenant, avant qu’il ne soit trop tard !', 'Tiens bon, je l’ai !', 'Ne lâche pas !', 'Non. Pas cette fois.'],
    resolution: ['{q}… Qui va nous croire ?', 'Peu importe. Nous, on sait.', 'Merci d’être resté.', 'Où voudrais-tu que je sois ?'],
  },
  leads: ['{A} rêve d’une seconde chance.', '{A} n’avoue jamais ses erreurs.', '{A} garde un secret.', '{A} remarque ce que les autres ne voient pas.', '{A} est las d’attendre.'],
  companions: ['{B}, l’ami de toujours de {A}.', '{B}, le voisin curieux de {A}.', '{B}, l’éternel rival de {A}.', '{B}, le mentor patient de {A}.', '{B}, un inconnu qui croise la route de {A}.'],
  times: {
    MORNING: 'La lumière du matin entre doucement.', DAY: 'Il fait grand jour.', DUSK: 'Le soir tombe, les ombres s’allongent.',
    NIGHT: 'C’est la nuit ; seules quelques lumières brillent encore.', DAWN: 'L’aube se lève, pâle et silencieuse.',
  },
  watches: '{B} observe {A} attentivement.',
}
