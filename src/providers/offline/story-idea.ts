import { MAX_SCENES } from './story-beats.js'

// Numbers up to twelve in the languages the writer knows, and each one's word for "scene".
const NUMBERS: { readonly [word: string]: number } = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12,
  uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, doce: 12,
  eins: 1, eine: 1, zwei: 2, drei: 3, vier: 4, 'fünf': 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, elf: 11, 'zwölf': 12,
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12,
}
const NUMBER = `(\\d+|${Object.keys(NUMBERS).sort((a, b) => b.length - a.length).join('|')})`
const PATTERNS = [
  // "three scenes", "3 short scenes", "trois scènes", "drei kurze Szenen", "tres escenas"
  new RegExp(`(?<![\\p{L}\\p{N}])${NUMBER}\\s+(?:[\\p{L}-]+\\s+)?(?:scenes?|scènes?|escenas?|szenen?)(?![\\p{L}])`, 'iu'),
  // "3つのシーン", "三場面"
  new RegExp(`${NUMBER}\\s*(?:つの)?\\s*(?:シーン|場面)`, 'u'),
  // "シーンは3つ"
  new RegExp(`(?:シーン|場面)[はを]?\\s*${NUMBER}`, 'u'),
]

/** "three scenes", "trois scènes", "3つのシーン" → 3; at most MAX_SCENES, at least 1; undefined when not asked. */
export function sceneCount(requirement: string | undefined): number | undefined {
  if (!requirement) return undefined
  for (const pattern of PATTERNS) {
    const match = pattern.exec(requirement)
    if (!match) continue
    const raw = (match[1] as string).toLowerCase()
    const count = /^\d+$/.test(raw) ? Number(raw) : (NUMBERS[raw] ?? 3)
    return Math.min(MAX_SCENES, Math.max(1, count))
  }
  return undefined
}

export function cleanSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat === '') return 'Something unexpected happens.'
  const capital = flat.charAt(0).toUpperCase() + flat.slice(1)
  return /[.!?。！？]$/.test(capital) ? capital : `${capital}${/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(capital) ? '。' : '.'}`
}
