import type { LineBank } from './line-bank.js'

export const LINES_ES: LineBank = {
  quotes: ['«', '»'],
  titles: ['{A} y {B}', 'Lo que encontró {A}', 'Antes del amanecer', 'La última noche', 'Donde se queda {A}', 'Una luz para {A}'],
  twists: [
    ', y {A} tiene que decidir cuánto vale de verdad.',
    ', pero {B} no está listo para dejarlo ir.',
    '; al final, {A} y {B} descubren lo que significa para ellos.',
  ],
  outline: {
    opening: '{A} vive un día normal hasta que todo cambia: {q}.',
    inciting: '{A} le cuenta a {B} lo que pasa, y {B} está seguro de que traerá problemas.',
    complication: 'Todo se complica: {A} y {B} discuten sobre qué hacer.',
    crisis: 'A solas, {A} debe elegir entre ir a lo seguro y lo que de verdad importa: {q}.',
    climax: '{A} y {B} lo arriesgan todo para llegar hasta el final.',
    resolution: '{A} y {B} comparten un momento de calma; lo ocurrido los ha cambiado a los dos.',
  },
  soloOutline: {
    opening: '{A} vive un día normal hasta que todo cambia: {q}.',
    inciting: '{A} no puede dejar de pensar en lo que pasa.',
    complication: 'Todo se complica, y {A} no tiene a quién preguntar.',
    crisis: 'A solas, {A} debe elegir entre ir a lo seguro y lo que de verdad importa: {q}.',
    climax: '{A} lo arriesga todo para llegar hasta el final.',
    resolution: '{A} encuentra un momento de calma; lo ocurrido lo ha cambiado todo.',
  },
  exchanges: {
    opening: ['¿Has visto eso?', 'Sí. {q}, como en las viejas historias.', 'No. Creo que no es casualidad.', 'Entonces tenemos que averiguar por qué.'],
    inciting: ['Tienes que ver esto.', 'Dime que no es otra vez lo mismo.', 'Lo es. Y ya no puedo ignorarlo.', 'Está bien. Pero voy contigo.'],
    complication: ['Es culpa mía. Debí escucharte.', 'Discutir no servirá de nada ahora.', '¿Entonces qué hacemos?', 'Dejamos de adivinar y hacemos las preguntas correctas.'],
    crisis: ['Si hago esto, no hay vuelta atrás.', 'Entonces no lo hagas solo.', 'No entiendes lo que esto significa para mí: {q}.', 'Entiendo más de lo que crees.'],
    climax: ['¡Ahora, antes de que sea tarde!', '¡Aguanta, ya lo tengo!', '¡No lo sueltes!', 'No. Esta vez no.'],
    resolution: ['{q}… ¿Quién nos va a creer?', 'Da igual. Nosotros lo sabemos.', 'Gracias por quedarte.', '¿Dónde más iba a estar?'],
  },
  leads: ['{A} sueña con una segunda oportunidad.', '{A} nunca admite un error.', '{A} guarda un secreto.', '{A} se fija en lo que otros no ven.', '{A} está cansado de esperar.'],
  companions: ['{B}, el amigo de siempre de {A}.', '{B}, el vecino curioso de {A}.', '{B}, el eterno rival de {A}.', '{B}, el mentor paciente de {A}.', '{B}, un desconocido que se cruza con {A}.'],
  times: {
    MORNING: 'Entra la luz de la mañana.', DAY: 'Es pleno día.', DUSK: 'Cae la tarde y las sombras se alargan.',
    NIGHT: 'Es de noche; solo quedan unas pocas luces encendidas.', DAWN: 'Amanece, pálido y en silencio.',
  },
  watches: '{B} observa a {A} con atención.',
}
