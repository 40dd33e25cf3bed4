/** A writing system a subtitle can need, and what provides it on Debian when no font covers it. */
export interface Script {
  readonly name: 'Latin' | 'Greek' | 'Cyrillic' | 'Arabic' | 'Hebrew' | 'CJK'
  /** A font covers the script when it has every one of these code points. */
  readonly samples: readonly number[]
  /** Characters of the script in text (letters beyond ASCII are enough to decide). */
  readonly pattern: RegExp
  readonly debianPackage: string
}

export type ScriptName = Script['name']

export const SCRIPTS: readonly Script[] = [
  // é, ç, ß: a font with only ASCII would draw French names as boxes.
  { name: 'Latin', samples: [0x41, 0x61, 0xe9, 0xe7, 0xdf], pattern: /\p{Script=Latin}/u, debianPackage: 'fonts-dejavu-core' },
  { name: 'Greek', samples: [0x3b1, 0x3a9, 0x3bb], pattern: /\p{Script=Greek}/u, debianPackage: 'fonts-dejavu-core' },
  { name: 'Cyrillic', samples: [0x416, 0x44f, 0x431], pattern: /\p{Script=Cyrillic}/u, debianPackage: 'fonts-dejavu-core' },
  { name: 'Arabic', samples: [0x627, 0x644, 0x645, 0x639], pattern: /\p{Script=Arabic}/u, debianPackage: 'fonts-noto-core' },
  { name: 'Hebrew', samples: [0x5d0, 0x5e9, 0x5dc], pattern: /\p{Script=Hebrew}/u, debianPackage: 'fonts-noto-core' },
  {
    name: 'CJK',
    // 日本 + hiragana + katakana + hangul: one font family serves the whole spec's language.
    samples: [0x65e5, 0x672c, 0x3042, 0x30a2],
    pattern: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u,
    debianPackage: 'fonts-noto-cjk',
  },
]

/** The scripts a piece of text is written in, in SCRIPTS order. */
export function scriptsOf(text: string): ScriptName[] {
  return SCRIPTS.filter((script) => script.pattern.test(text)).map((script) => script.name)
}

export function scriptNamed(name: ScriptName): Script {
  return SCRIPTS.find((script) => script.name === name)!
}

/** The scripts a spec's `language` (BCP 47: "fr", "ja-JP", "ar") is written in. */
export function scriptsOfLanguage(language: string): ScriptName[] {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? ''
  if (['ja', 'zh', 'ko'].includes(primary)) return ['Latin', 'CJK']
  if (['ar', 'fa', 'ur'].includes(primary)) return ['Arabic']
  if (['he', 'yi'].includes(primary)) return ['Hebrew']
  if (primary === 'el') return ['Greek']
  if (['ru', 'uk', 'bg', 'sr', 'mk', 'be'].includes(primary)) return ['Cyrillic']
  return ['Latin']
}
