import { SCRIPTS, type ScriptName } from './scripts.js'

/** One font file found, with the scripts it draws. */
export interface FoundFont {
  readonly file: string
  readonly family: string
  readonly scripts: readonly ScriptName[]
  /** Found in `fonts.dir` / VIMAX_FONTS_DIR rather than among the system's fonts. */
  readonly configured: boolean
}

/** Parses fontconfig's charset text ("20-7e a0-17f 391") into inclusive code point ranges. */
export function parseCharset(text: string): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = []
  for (const token of text.trim().split(/\s+/)) {
    const match = /^([0-9a-f]+)(?:-([0-9a-f]+))?$/i.exec(token)
    if (!match) continue
    const start = parseInt(match[1]!, 16)
    ranges.push([start, match[2] === undefined ? start : parseInt(match[2], 16)])
  }
  return ranges
}

/** The scripts whose sample code points all fall inside the ranges. */
export function scriptsCovered(ranges: ReadonlyArray<readonly [number, number]>): ScriptName[] {
  const has = (point: number) => ranges.some(([from, to]) => point >= from && point <= to)
  return SCRIPTS.filter((script) => script.samples.every(has)).map((script) => script.name)
}
