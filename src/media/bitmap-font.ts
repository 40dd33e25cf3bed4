/**
 * A 5x7 ASCII font, so text can be drawn into frames without font files, fontconfig, drawtext or
 * libass (a fresh machine may have none of them). Each glyph is five columns, top row in bit 0,
 * as two hex digits per column; glyphs run from ' ' (32) to '~' (126).
 */
const GLYPHS =
  '000000000000005f00000007000700147f147f14242a7f2a12231308646236495522500005030000001c2241000041221c0014083e081408083e08080050300000080808080800606000002010080402' +
  '3e5149453e00427f400042615149462141454b311814127f1027454545393c4a49493001710905033649494936064949291e003636000000563600000814224100141414141400412214080201510906' +
  '324979413e7e1111117e7f494949363e414141227f4141221c7f494949417f090909013e4149497a7f0808087f00417f41002040413f017f081422417f404040407f020c027f7f0408107f3e4141413e' +
  '7f090909063e4151215e7f09192946464949493101017f01013f4040403f1f2040201f3f4038403f631408146307087008076151494543007f41410002040810200041417f0004020102044040404040' +
  '000102040020545454787f484444383844444420384444487f3854545418087e0901020c5252523e7f0804047800447d40002040443d007f1028440000417f40007c041804787c080404783844444438' +
  '7c14141408081414187c7c080404084854545420043f4440203c4040207c1c2040201c3c4030403c44281028440c5050503c4464544c44000836410000007f000000413608001008081008'

export const GLYPH_WIDTH = 5
export const GLYPH_HEIGHT = 7
/** Horizontal advance and line pitch in font pixels: one column and three rows of air. */
export const GLYPH_ADVANCE = 6
export const LINE_PITCH = 10

const FIRST = 32
const LAST = 126
const FALLBACK = '?'.charCodeAt(0)

/** Decoded once: drawing reads it per pixel. Constant data, so not shared mutable state. */
const COLUMNS = Uint8Array.from(GLYPHS.match(/../g)!, (pair) => parseInt(pair, 16))

/** Column bitmasks (bit 0 = top row) of the glyph for a character; anything outside ASCII is '?'. */
export function glyphColumns(code: number): Uint8Array {
  const index = (code >= FIRST && code <= LAST ? code : FALLBACK) - FIRST
  return COLUMNS.subarray(index * GLYPH_WIDTH, index * GLYPH_WIDTH + GLYPH_WIDTH)
}

const SPECIAL: { readonly [char: string]: string } = {
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D',
  þ: 'th', Þ: 'Th', ð: 'd', Ð: 'D', ı: 'i',
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201c': '"', '\u201d': '"', '\u201e': '"',
  '\u00ab': '"', '\u00bb': '"', '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u2026': '...',
  '\u00a0': ' ', '\u2009': ' ', '\u00d7': 'x', '\u2022': '*', '\u00b7': '*',
}

/**
 * Folds text into the font's range: accents are dropped ("Zoë" → "Zoe"), common typographic
 * punctuation becomes ASCII; what is left outside ASCII stays, to be drawn as '?'.
 */
export function transliterate(text: string): string {
  let out = ''
  for (const char of text.normalize('NFD')) {
    const code = char.codePointAt(0)!
    if (code >= 0x300 && code <= 0x36f) continue
    out += SPECIAL[char] ?? (char === '\t' || char === '\n' || char === '\r' ? ' ' : char)
  }
  return out.normalize('NFC')
}
