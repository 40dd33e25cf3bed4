import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import path from 'node:path'
import { chooseFont } from './choose-font.js'
import type { FoundFont } from './font-coverage.js'
import { configuredFontsDir, findFonts, type FindFontsOptions } from './find-fonts.js'
import { scriptNamed, scriptsOf, type ScriptName } from './scripts.js'

/** The font a clip's cues are burned with. */
export interface BurnFont {
  readonly family: string
  /** Handed to the subtitles filter as fontsdir, so libass finds exactly this font. */
  readonly fontsDir: string
  /** The font file's sha256: part of the burned clip's memo key, so a font change is a new burn. */
  readonly sha256: string
}

export interface SubtitleFonts {
  /** The font for these cue texts; undefined when the machine has no font at all. */
  fontFor(texts: readonly string[]): Promise<BurnFont | undefined>
}

export interface SubtitleFontsOptions extends FindFontsOptions {
  /** Told once per script no font draws, and once when there is no font at all. */
  readonly warn?: (message: string) => void
}

export function createSubtitleFonts(options: SubtitleFontsOptions): SubtitleFonts {
  let fonts: Promise<FoundFont[]> | undefined
  const digests = new Map<string, Promise<string>>()
  const warned = new Set<string>()
  const warnOnce = (key: string, message: string) => {
    if (warned.has(key)) return
    warned.add(key)
    options.warn?.(message)
  }
  return {
    async fontFor(texts) {
      fonts ??= findFonts(options)
      const found = await fonts
      const needed = scriptsOf(texts.join('\n'))
      const { font, missing } = chooseFont(found, needed.length > 0 ? needed : ['Latin'])
      if (!font) {
        warnOnce('none', `no fonts found for burned subtitles: cues are burned with libass's fallback and may not show; install ${scriptNamed('Latin').debianPackage} or set fonts.dir / VIMAX_FONTS_DIR`)
        return undefined
      }
      for (const script of missing) warnOnce(script, missingMessage(script))
      let digest = digests.get(font.file)
      if (!digest) digests.set(font.file, (digest = sha256File(font.file)))
      return { family: font.family, fontsDir: configuredFontsDir(options) ?? path.dirname(font.file), sha256: await digest }
    },
  }
}

export function missingMessage(script: ScriptName): string {
  return `no font draws ${script} text: burned subtitles in it may show boxes; install ${scriptNamed(script).debianPackage} (Debian/Ubuntu) or put a font covering it in fonts.dir / VIMAX_FONTS_DIR`
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
