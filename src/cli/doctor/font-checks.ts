import { findFonts } from '../../media/fonts/find-fonts.js'
import { SCRIPTS, scriptNamed, scriptsOfLanguage } from '../../media/fonts/scripts.js'
import type { DoctorCheck } from './doctor-check.js'

/**
 * Fonts for burned subtitles: how many were found and which scripts they draw, and what to install
 * when the spec's language is not among them. Never a failure: a run without the font still makes
 * its film (the cues in that script may show boxes, and the run warns so).
 */
export async function fontCheck(options: { dir?: string | undefined; env: NodeJS.ProcessEnv; language?: string | undefined }): Promise<DoctorCheck> {
  const fonts = await findFonts({ dir: options.dir, env: options.env })
  const covered = SCRIPTS.map((script) => script.name).filter((name) => fonts.some((font) => font.scripts.includes(name)))
  const parts = [`${fonts.length} found`, covered.length > 0 ? `draw ${covered.join(', ')}` : 'no script covered']
  if (options.language) {
    const missing = scriptsOfLanguage(options.language).filter((name) => !covered.includes(name))
    const packages = [...new Set(missing.map((name) => scriptNamed(name).debianPackage))]
    parts.push(
      missing.length === 0
        ? `spec language ${options.language} covered`
        : `spec language ${options.language} needs ${missing.join(', ')}: install ${packages.join(' ')} or set fonts.dir / VIMAX_FONTS_DIR`,
    )
  }
  return { name: 'fonts', ok: true, detail: parts.join(' · ') }
}
