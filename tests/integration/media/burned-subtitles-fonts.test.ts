import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assembleFilm } from '../../../src/media/assemble-film.js'
import type { FileMemo } from '../../../src/media/file-memo.js'
import { probeMedia } from '../../../src/media/probe.js'
import { burn, inkMask, makeFlatClip } from './burned-subtitles-support.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-burn-fonts-'))
const size = { width: 256, height: 144 }
const clip = path.join(dir, 'flat.mp4')
const emptyFonts = path.join(dir, 'no-fonts')
const sansOnly = path.join(dir, 'sans-only')
const serifOnly = path.join(dir, 'serif-only')
// A fontconfig with no font folders: the system's fonts are invisible to fc-list and libass alike.
const noSystemFonts = { ...process.env, FONTCONFIG_FILE: path.join(dir, 'empty-fonts.conf') }
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(async () => {
  writeFileSync(noSystemFonts.FONTCONFIG_FILE, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
  for (const folder of [emptyFonts, sansOnly, serifOnly]) mkdirSync(folder)
  copyFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', path.join(sansOnly, 'DejaVuSans.ttf'))
  copyFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', path.join(serifOnly, 'DejaVuSerif.ttf'))
  await makeFlatClip(clip, size.width, size.height)
})

/** A memo that records the keys it is asked for and makes every file anew. */
function recordingMemo(keys: string[]): FileMemo {
  return {
    async file(key, _type, make) {
      keys.push(key)
      const out = path.join(dir, `memo-${keys.length}.mp4`)
      await make(out)
      return { path: out, sha256: key }
    },
  }
}

describe('fonts for burned subtitles', () => {
  it('still makes a film with no fonts at all, warning once with what to install', async () => {
    const warnings: string[] = []
    const cues = [{ start: 0.1, end: 0.9, text: 'Hélène arrive.' }]
    const film = await assembleFilm({
      clips: [{ path: clip, seconds: 1, cues }, { path: clip, seconds: 1, cues }],
      outPath: path.join(dir, 'film.mp4'),
      ...size,
      fps: 24,
      burnSubtitles: true,
      // Quotes, colons, commas and brackets in the folder: the .ass path must survive the filter graph.
      workDir: path.join(dir, "work it's: [a], b; c"),
      fontsDir: emptyFonts,
      env: noSystemFonts,
      warn: (message) => warnings.push(message),
    })
    expect((await probeMedia(film.path)).durationSeconds).toBeCloseTo(2, 1)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/no fonts found/)
    expect(warnings[0]).toMatch(/fonts-dejavu-core/)
    expect(warnings[0]).toMatch(/VIMAX_FONTS_DIR/)
  })

  it('warns once, naming the script and the Debian package, when the fonts lack Japanese, and still burns the cue', async () => {
    const options = { ...size, fontsDir: sansOnly, env: noSystemFonts }
    const plain = await burn(dir, 'plain', clip, [], options)
    const burned = await burn(dir, 'ja-no-cjk', clip, [{ start: 0, end: 1, text: '光はどこへ Mira' }, { start: 0, end: 1, text: 'ヘレン' }], options)
    expect(burned.warnings).toHaveLength(1)
    expect(burned.warnings[0]).toMatch(/CJK/)
    expect(burned.warnings[0]).toMatch(/fonts-noto-cjk/)
    expect(inkMask(burned.frame, plain.frame).some((pixel) => pixel === 1)).toBe(true)
  })

  it('makes a new burn when the font changes, and reuses it when it does not', async () => {
    const keys: string[] = []
    const cues = [{ start: 0, end: 1, text: 'Mira' }]
    for (const [name, fontsDir] of [['sans-a', sansOnly], ['serif', serifOnly], ['sans-b', sansOnly]] as const) {
      await burn(dir, name, clip, cues, { ...size, fontsDir, env: noSystemFonts, memo: recordingMemo(keys), sha256: 'a'.repeat(64) })
    }
    expect(keys).toHaveLength(3)
    expect(keys[0]).not.toBe(keys[1])
    expect(keys[0]).toBe(keys[2])
  })
})
