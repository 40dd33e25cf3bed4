import type { Cue } from './subtitles.js'

export interface AssOptions {
  readonly width: number
  readonly height: number
  /** The family name libass looks up (in fontsdir first, then through fontconfig). */
  readonly fontFamily: string
}

/** Where the cues sit and how large they are, for a frame of this size. */
export interface SubtitleLayout {
  readonly fontSize: number
  readonly marginSide: number
  /** Distance from the frame's bottom edge to the cue's baseline block. */
  readonly marginBottom: number
  readonly outline: number
  readonly shadow: number
}

/**
 * The subtitle band. Landscape and square: the bottom band above a 6% safe margin. Portrait (9:16):
 * above the lower third, where phone apps draw their own buttons and captions. The rule that keeps
 * cues off a card's own text: a card lays its heading and body out from the top and keeps them
 * above this band, so a cue is always placed bottom-up inside it and never raised into the card's.
 */
export function subtitleLayout(width: number, height: number): SubtitleLayout {
  const portrait = height > width * 1.2
  const short = Math.min(width, height)
  const fontSize = Math.max(10, Math.round(short * (portrait ? 0.058 : 0.06)))
  return {
    fontSize,
    marginSide: Math.round(width * 0.08),
    marginBottom: portrait ? Math.round(height / 3 + height * 0.02) : Math.round(height * 0.06),
    outline: Math.max(1, Math.round(fontSize * 0.08)),
    shadow: Math.max(1, Math.round(fontSize * 0.04)),
  }
}

/** The cues as an Advanced SubStation file, styled for the frame: libass draws, shapes and wraps them. */
export function renderAss(cues: readonly Cue[], options: AssOptions): string {
  const { width, height } = options
  const layout = subtitleLayout(width, height)
  const family = options.fontFamily.replace(/[,\r\n]/g, ' ')
  const maxEm = (width - 2 * layout.marginSide) / layout.fontSize
  const style = [
    'Default', family, layout.fontSize, '&H00FFFFFF', '&H00FFFFFF', '&H00000000', '&H80000000',
    0, 0, 0, 0, 100, 100, 0, 0, 1, layout.outline, layout.shadow, 2, layout.marginSide, layout.marginSide, layout.marginBottom, 1,
  ]
  const events = cues.map((cue) => `Dialogue: 0,${assTime(cue.start)},${assTime(cue.end)},Default,,0,0,0,,${assText(cue.text, maxEm)}`)
  return [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${width}`,
    `PlayResY: ${height}`,
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    `Style: ${style.join(',')}`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    ...events,
    '',
  ].join('\n')
}

/** H:MM:SS.cc, as ASS wants it. */
export function assTime(seconds: number): string {
  const cs = Math.max(0, Math.round(seconds * 100))
  const h = Math.floor(cs / 360000)
  const m = Math.floor((cs % 360000) / 6000)
  const s = Math.floor((cs % 6000) / 100)
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u
/** Closing marks that must not start a line (kinsoku): they stay with the character before. */
const NO_LINE_START = /[、。，．！？）」』】〕〉》ー々〜…!?,.)\]ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ]/u

/** Cue text with ASS's specials made literal and CJK runs broken where libass would not (it breaks at spaces only). */
export function assText(text: string, maxEm: number): string {
  return text
    .split(/\r?\n/)
    .map((line) => (CJK.test(line) ? breakCjk(line, maxEm) : [line]))
    .flat()
    .map((line) => line.replace(/\\/g, '\\\u2060').replace(/\{/g, '\\{').replace(/\}/g, '\\}'))
    .join('\\N')
}

/** Lines of at most maxEm (CJK characters one em, others about half), broken between CJK characters or at spaces. */
function breakCjk(line: string, maxEm: number): string[] {
  const chars = [...line]
  const widthOf = (char: string) => (CJK.test(char) ? 1 : 0.55)
  const total = chars.reduce((sum, char) => sum + widthOf(char), 0)
  if (total <= maxEm) return [line]
  // Balanced lines read better than one full line and a stub.
  // A little slack over the even share: break chances rarely fall exactly on it, and without it a
  // last line of one character ("な。") is left over.
  const target = Math.min(maxEm, (total / Math.ceil(total / maxEm)) * 1.15)
  const lines: string[] = []
  let current = ''
  let width = 0
  for (const [i, char] of chars.entries()) {
    const breakable = i > 0 && !NO_LINE_START.test(char) && (CJK.test(char) || CJK.test(chars[i - 1]!) || char === ' ')
    if (breakable && width + widthOf(char) > target + 0.01 && current.trim() !== '') {
      lines.push(current.trimEnd())
      current = ''
      width = 0
      if (char === ' ') continue
    }
    current += char
    width += widthOf(char)
  }
  if (current.trim() !== '') lines.push(current.trimEnd())
  return lines
}

/**
 * A path as one value of an ffmpeg filter option inside a filter graph: escaped once for the
 * option (\ ' :) and once for the graph (\ ' [ ] , ;), so any folder name is safe.
 */
export function filterPath(file: string): string {
  const option = file.replace(/[\\':]/g, (char) => `\\${char}`)
  return option.replace(/[\\'[\],;]/g, (char) => `\\${char}`)
}
