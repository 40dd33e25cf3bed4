/**
 * A deterministic reader of screenplays as people type them: sluglines start scenes, a name in
 * capitals on its own line (or "NAME: words") starts dialogue, everything else is action. The
 * user's words are kept as written; only speaker names are normalised ("MIRA (V.O.)" → "Mira").
 */
export interface ParsedScene {
  slugline: string
  action: string
  dialogue: { speaker: string; line: string }[]
  characters: string[]
}

export interface ParsedScreenplay {
  title: string
  logline: string
  scenes: ParsedScene[]
}

const SLUGLINE = /^(?:INT\.?\s*\/\s*EXT\.?|EXT\.?\s*\/\s*INT\.?|I\/E\.?|INT\.|EXT\.)\s/i
const TRANSITION = /^(?:FADE (?:IN|OUT)|FADE TO BLACK|CUT TO|SMASH CUT(?: TO)?|MATCH CUT(?: TO)?|DISSOLVE TO|THE END)\b[^a-z]*$/
const EXTENSION = /\s*\((?:[^)]*)\)\s*/g
const INLINE = /^([\p{Lu}][\p{L}\p{M}'’.\- ]{0,30}?)\s*(?:\([^)]*\))?\s*:\s*(\S.*)$/u
const NOT_SPEAKERS = new Set(['title', 'note', 'notes', 'scene', 'int', 'ext', 'logline', 'summary', 'author', 'by'])

export function isSlugline(line: string): boolean {
  return SLUGLINE.test(`${line.trim()} `)
}

export function parseScreenplay(text: string): ParsedScreenplay {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n').map((line) => line.trim())
  const title = takeTitle(lines)
  const scenes: ParsedScene[] = []
  let scene: ParsedScene = { slugline: '', action: '', dialogue: [], characters: [] }
  let paragraph: string[] = []
  let speaker: string | undefined
  let speaking = false

  const flushAction = () => {
    if (paragraph.length === 0) return
    scene.action = scene.action === '' ? paragraph.join(' ') : `${scene.action}\n${paragraph.join(' ')}`
    paragraph = []
  }
  const say = (who: string, words: string, continues: boolean) => {
    const last = scene.dialogue[scene.dialogue.length - 1]
    if (continues && last && last.speaker === who) last.line = `${last.line} ${words}`
    else scene.dialogue.push({ speaker: who, line: words })
  }

  lines.forEach((line, i) => {
    if (line === '') {
      flushAction()
      speaker = undefined
      return
    }
    if (TRANSITION.test(line)) return
    if (isSlugline(line)) {
      flushAction()
      speaker = undefined
      // Text before the first slugline belongs to the first scene.
      if (scenes.length === 0 && scene.slugline === '') scene.slugline = line
      else {
        scenes.push(scene)
        scene = { slugline: line, action: '', dialogue: [], characters: [] }
      }
      return
    }
    if (speaker !== undefined) {
      if (/^\(.*\)$/.test(line)) return
      // A new cue right after a speech, without the customary blank line.
      if (speaking && isCue(line) && (lines[i + 1] ?? '') !== '') {
        speaker = speakerName(line)
        speaking = false
        return
      }
      say(speaker, line, speaking)
      speaking = true
      return
    }
    const inline = INLINE.exec(line)
    if (inline && looksLikeName(inline[1] as string)) {
      flushAction()
      say(speakerName(inline[1] as string), (inline[2] as string).trim(), false)
      return
    }
    if (isCue(line) && (lines[i + 1] ?? '') !== '') {
      flushAction()
      speaker = speakerName(line)
      speaking = false
      return
    }
    paragraph.push(line)
  })
  flushAction()
  scenes.push(scene)

  const speakers = unique(scenes.flatMap((s) => s.dialogue.map((d) => d.speaker)))
  for (const s of scenes) s.characters = unique([...s.dialogue.map((d) => d.speaker), ...mentioned(s.action, speakers)])
  const firstAction = scenes.find((s) => s.action !== '')?.action ?? ''
  const logline = (/^[^.!?]*[.!?]/.exec(firstAction)?.[0] ?? firstAction).slice(0, 240).trim() || title
  return { title, logline, scenes }
}

/** "Title: X" at the top, or a short first line standing alone before the first slugline. */
function takeTitle(lines: string[]): string {
  const first = lines.findIndex((line) => line !== '')
  if (first === -1) return 'Untitled'
  const line = lines[first] as string
  const labelled = /^title\s*:\s*(.+)$/i.exec(line)
  const standsAlone = (lines[first + 1] ?? '') === '' || isSlugline(lines[first + 1] ?? '') || TRANSITION.test(lines[first + 1] ?? '')
  const hasSlugline = lines.some(isSlugline)
  if (labelled || (hasSlugline && standsAlone && !isSlugline(line) && !TRANSITION.test(line) && !INLINE.test(line) && line.length <= 60 && !/[.!?,;]$/.test(line))) {
    lines[first] = ''
    return (labelled?.[1] ?? line).trim()
  }
  return 'Untitled'
}

function isCue(line: string): boolean {
  const name = line.replace(EXTENSION, ' ').trim()
  return name.length > 0 && name.length <= 40 && /\p{Lu}/u.test(name) && !/\p{Ll}/u.test(name) && !/[:!?]$/.test(name) && name.split(/\s+/).length <= 4 && !/^[\d\W]+$/u.test(name)
}

function looksLikeName(raw: string): boolean {
  const name = raw.trim()
  if (NOT_SPEAKERS.has(name.toLowerCase()) || name.split(/\s+/).length > 3) return false
  // All capitals, or every word capitalised ("Mira", "Old Tom").
  return !/\p{Ll}/u.test(name) || name.split(/\s+/).every((word) => /^\p{Lu}/u.test(word))
}

export function speakerName(raw: string): string {
  const name = raw.replace(EXTENSION, ' ').replace(/\s+/g, ' ').trim()
  if (/\p{Ll}/u.test(name)) return name
  // Capitals after a space, a hyphen, or a one-letter prefix with an apostrophe (O'Brien, D'Arcy).
  return name.toLowerCase().replace(/(?<=^|[\s-]|(?<!\p{L})\p{L}['’])\p{L}/gu, (letter) => letter.toUpperCase())
}

/** Speakers named in the action, capitalised as a name ("Mira" or "MIRA", not "mira"). */
function mentioned(action: string, speakers: readonly string[]): string[] {
  const found: { name: string; at: number }[] = []
  for (const name of speakers) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${escape(name)}|${escape(name.toUpperCase())})(?![\\p{L}\\p{N}])`, 'u')
    const match = pattern.exec(action)
    if (match) found.push({ name, at: match.index })
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.name)
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function unique(names: readonly string[]): string[] {
  const seen = new Set<string>()
  return names.filter((name) => {
    const key = name.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
