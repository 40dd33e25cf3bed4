/*
 * Word lists of the offline writer. Changing any of them changes its answers: bump
 * OFFLINE_WRITER_VERSION in chat.ts so cached answers are not mixed with new ones.
 */
export type Gender = 'f' | 'm' | 'n'

export const NAMES: readonly { readonly name: string; readonly gender: Gender }[] = [
  { name: 'Mira', gender: 'f' }, { name: 'Theo', gender: 'm' }, { name: 'Ada', gender: 'f' },
  { name: 'Kenji', gender: 'm' }, { name: 'Lucia', gender: 'f' }, { name: 'Omar', gender: 'm' },
  { name: 'Nadia', gender: 'f' }, { name: 'Felix', gender: 'm' }, { name: 'Ines', gender: 'f' },
  { name: 'Tomas', gender: 'm' }, { name: 'Amara', gender: 'f' }, { name: 'Jonah', gender: 'm' },
  { name: 'Priya', gender: 'f' }, { name: 'Leo', gender: 'm' }, { name: 'Sofia', gender: 'f' },
  { name: 'Malik', gender: 'm' }, { name: 'Hana', gender: 'f' }, { name: 'Ruben', gender: 'm' },
  { name: 'Elena', gender: 'f' }, { name: 'Kofi', gender: 'm' }, { name: 'Yara', gender: 'f' },
  { name: 'Silas', gender: 'm' }, { name: 'Noor', gender: 'f' }, { name: 'Mateo', gender: 'm' },
  { name: 'Ingrid', gender: 'f' }, { name: 'Ravi', gender: 'm' }, { name: 'June', gender: 'f' },
  { name: 'Hugo', gender: 'm' }, { name: 'Sam', gender: 'n' }, { name: 'Robin', gender: 'n' },
]

export interface Place {
  readonly name: string
  readonly exterior: boolean
}

/** Idea words that name a setting, and how a slugline writes them. */
export const PLACE_WORDS: { readonly [word: string]: Place } = {
  lighthouse: { name: 'LIGHTHOUSE', exterior: false }, beach: { name: 'BEACH', exterior: true },
  forest: { name: 'FOREST', exterior: true }, woods: { name: 'WOODS', exterior: true },
  kitchen: { name: 'KITCHEN', exterior: false }, garden: { name: 'GARDEN', exterior: true },
  station: { name: 'TRAIN STATION', exterior: false }, train: { name: 'TRAIN CARRIAGE', exterior: false },
  ship: { name: 'SHIP DECK', exterior: true }, boat: { name: 'FISHING BOAT', exterior: true },
  harbor: { name: 'HARBOR', exterior: true }, harbour: { name: 'HARBOUR', exterior: true },
  city: { name: 'CITY STREET', exterior: true }, street: { name: 'STREET', exterior: true },
  cafe: { name: 'CAFE', exterior: false }, bakery: { name: 'BAKERY', exterior: false },
  library: { name: 'LIBRARY', exterior: false }, school: { name: 'CLASSROOM', exterior: false },
  workshop: { name: 'WORKSHOP', exterior: false }, studio: { name: 'STUDIO', exterior: false },
  market: { name: 'MARKET', exterior: true }, desert: { name: 'DESERT', exterior: true },
  mountain: { name: 'MOUNTAIN PASS', exterior: true }, lake: { name: 'LAKESHORE', exterior: true },
  river: { name: 'RIVERBANK', exterior: true }, village: { name: 'VILLAGE SQUARE', exterior: true },
  apartment: { name: 'APARTMENT', exterior: false }, rooftop: { name: 'ROOFTOP', exterior: true },
  park: { name: 'PARK', exterior: true }, museum: { name: 'MUSEUM', exterior: false },
  hospital: { name: 'HOSPITAL CORRIDOR', exterior: false }, office: { name: 'OFFICE', exterior: false },
  farm: { name: 'FARMYARD', exterior: true }, ocean: { name: 'OPEN SEA', exterior: true },
  sea: { name: 'OPEN SEA', exterior: true }, island: { name: 'ISLAND SHORE', exterior: true },
  spaceship: { name: 'SPACESHIP BRIDGE', exterior: false }, moon: { name: 'MOON SURFACE', exterior: true },
  castle: { name: 'CASTLE HALL', exterior: false }, theatre: { name: 'THEATRE STAGE', exterior: false },
  theater: { name: 'THEATER STAGE', exterior: false }, bridge: { name: 'BRIDGE', exterior: true },
  attic: { name: 'ATTIC', exterior: false }, laboratory: { name: 'LABORATORY', exterior: false },
  lab: { name: 'LABORATORY', exterior: false }, house: { name: 'HOUSE', exterior: false },
  home: { name: 'HOME', exterior: false }, shop: { name: 'SHOP', exterior: false },
}

export const FALLBACK_PLACES: readonly Place[] = [
  { name: 'KITCHEN', exterior: false }, { name: 'STREET', exterior: true }, { name: 'ROOFTOP', exterior: true },
  { name: 'WORKSHOP', exterior: false }, { name: 'PARK', exterior: true }, { name: 'LIVING ROOM', exterior: false },
]

export const TIMES = ['DAY', 'NIGHT', 'DUSK', 'DAWN', 'MORNING', 'EVENING'] as const

export const LIGHT: { readonly [time: string]: string } = {
  DAY: 'soft daylight', NIGHT: 'warm lamplight and deep shadows', DUSK: 'low golden sunlight',
  DAWN: 'pale blue early light', MORNING: 'clear morning light', EVENING: 'amber evening light',
}

export const STOPWORDS = new Set(
  ('a an the and or but of to in on at for with who whom that this these those his her their its is are was were be been ' +
    'by from as into about after before when while one two three four five six scene scenes story film short movie ' +
    'must can could will would should has have had very some every all only just then than there where what which ' +
    'not no yet so if it he she they them him we you i my our your me us himself herself themselves each other ' +
    'finally suddenly together again during until through over under between against toward towards')
    .split(' '),
)

/** Verbs common in ideas: they end a role ("a lighthouse keeper | befriends") and are never a title. */
export const VERBS = new Set(
  ('learns finds befriends discovers meets tries wants becomes returns loses searches builds helps saves leaves falls ' +
    'travels races escapes fights hides dreams waits paints sings opens wakes runs gets makes takes gives keeps ' +
    'realizes realises decides needs tells learn find befriend discover meet try want become return lose search build ' +
    'help save leave fall travel race escape fight hide dream wait paint sing open wake run get make take give keep')
    .split(' '),
)

/** Adjectives common in ideas: part of a role ("a young inventor"), never a title on their own. */
export const ADJECTIVES = new Set(
  ('young old lost little small big lonely tired shy brave strange last first new ancient tiny giant curious secret ' +
    'broken retired elderly mysterious quiet forgotten hidden distant magical')
    .split(' '),
)

export const NOT_NOUNS = new Set([...VERBS, ...ADJECTIVES])

export const AGES: { readonly [gender in Gender]: readonly string[] } = {
  f: ['a woman in her early twenties', 'a woman in her late twenties', 'a woman in her mid-thirties', 'a woman in her forties', 'a woman in her sixties'],
  m: ['a man in his early twenties', 'a man in his late twenties', 'a man in his mid-thirties', 'a man in his forties', 'a man in his sixties'],
  n: ['a person in their twenties', 'a person in their thirties', 'a person in their forties', 'a person in their fifties'],
}
export const BUILDS = ['slender', 'stocky', 'tall and lanky', 'short and sturdy', 'athletic', 'broad-shouldered'] as const
export const SKINS = ['deep brown skin', 'olive skin', 'pale freckled skin', 'warm tan skin', 'light brown skin', 'fair skin'] as const
export const FACES = [
  'an oval face with high cheekbones', 'a round face with freckles', 'a square jaw and a slightly crooked nose',
  'a heart-shaped face with dimples', 'a long face with deep-set eyes', 'a narrow face with a small scar on the chin',
] as const
export const EYES = ['dark brown eyes', 'grey eyes', 'green eyes', 'hazel eyes', 'blue eyes', 'amber eyes'] as const
export const HAIR = [
  'short curly black hair', 'shoulder-length auburn hair', 'a silver buzz cut', 'long straight dark hair in a braid',
  'messy sandy-blond hair', 'cropped grey hair', 'a high bun of black coils', 'wavy chestnut hair tied back',
] as const

export const TOPS = [
  'a mustard knit sweater', 'a faded denim jacket over a white T-shirt', 'a navy pea coat', 'a green canvas work jacket',
  'a red flannel shirt', 'a charcoal hoodie', 'a cream linen shirt', 'a yellow raincoat',
] as const
export const BOTTOMS = ['dark jeans', 'brown corduroy trousers', 'black cargo pants', 'grey wool trousers', 'olive chinos'] as const
export const SHOES = ['scuffed leather boots', 'white sneakers', 'rubber rain boots', 'worn brown brogues', 'canvas shoes'] as const
export const ACCESSORIES = [
  'a knitted blue scarf', 'round wire glasses', 'a canvas satchel', 'a silver wristwatch', 'a red beanie', 'a leather tool belt',
] as const

export const CAMERA_MOVES = [
  'Slow dolly in', 'Slow pan left', 'Slow pan right', 'Static wide shot', 'Over-the-shoulder shot',
  'Handheld tracking shot', 'Slow push in', 'Gentle crane up',
] as const
