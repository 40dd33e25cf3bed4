import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { assText, assTime, filterPath, renderAss, subtitleLayout } from '../../../src/media/ass-subtitles.js'
import { chooseFont } from '../../../src/media/fonts/choose-font.js'
import { parseCharset, scriptsCovered, type FoundFont } from '../../../src/media/fonts/font-coverage.js'
import { configuredFontsDir, findFonts } from '../../../src/media/fonts/find-fonts.js'
import { scriptsOf, scriptsOfLanguage } from '../../../src/media/fonts/scripts.js'
import { configSchema } from '../../../src/config/config-schema.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-fonts-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const font = (file: string, scripts: FoundFont['scripts']): FoundFont => ({ file, family: path.parse(file).name, scripts, configured: false })

describe('font coverage', () => {
  it('reads fontconfig charset ranges and decides scripts by their sample code points', () => {
    const ranges = parseCharset('20-7e a0-17f 391-3c9 410-44f 627 639 644-645')
    expect(ranges[0]).toEqual([0x20, 0x7e])
    expect(scriptsCovered(ranges)).toEqual(['Latin', 'Greek', 'Cyrillic', 'Arabic'])
    // ASCII alone is not Latin: French names would lose their accents.
    expect(scriptsCovered(parseCharset('20-7e'))).toEqual([])
  })

  it('names the scripts of text and of a spec language', () => {
    expect(scriptsOf('Hélène: 光はどこへ')).toEqual(['Latin', 'CJK'])
    expect(scriptsOf('مرحبا')).toEqual(['Arabic'])
    expect(scriptsOfLanguage('ja-JP')).toContain('CJK')
    expect(scriptsOfLanguage('fr')).toEqual(['Latin'])
  })

  it('chooses the first font covering every script, else the one covering most, listing what is missing', () => {
    const fonts = [font('/a/Latin.ttf', ['Latin']), font('/b/Cjk.ttc', ['Latin', 'CJK']), font('/c/Other.ttc', ['Latin', 'CJK'])]
    expect(chooseFont(fonts, ['Latin', 'CJK'])).toEqual({ font: fonts[1], missing: [] })
    expect(chooseFont(fonts, ['Latin', 'Arabic'])).toEqual({ font: fonts[0], missing: ['Arabic'] })
    expect(chooseFont([], ['Latin'])).toEqual({ font: undefined, missing: ['Latin'] })
  })

  it('accepts fonts.dir in the config and refuses unknown keys under fonts', () => {
    expect(configSchema.safeParse({ fonts: { dir: './fonts' } }).success).toBe(true)
    expect(configSchema.safeParse({ fonts: { folder: './fonts' } }).success).toBe(false)
  })

  it('finds fonts in the configured folder first, with VIMAX_FONTS_DIR winning over fonts.dir', async () => {
    copyFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', path.join(dir, 'DejaVuSans.ttf'))
    expect(configuredFontsDir({ dir: '/elsewhere', env: { VIMAX_FONTS_DIR: dir } })).toBe(dir)
    const fonts = await findFonts({ dir, env: { ...process.env, VIMAX_FONTS_DIR: '' } })
    expect(fonts[0]).toMatchObject({ file: path.join(dir, 'DejaVuSans.ttf'), family: 'DejaVu Sans', configured: true })
    expect(fonts[0]!.scripts).toEqual(expect.arrayContaining(['Latin', 'Greek', 'Cyrillic', 'Arabic']))
    // The same machine gives the same order every time.
    expect((await findFonts({ dir })).map((found) => found.file)).toEqual(fonts.map((found) => found.file))
  })
})

describe('ASS subtitles', () => {
  it('styles each aspect: bottom band for 16:9 and 1:1, above the lower third for 9:16', () => {
    expect(subtitleLayout(1280, 720).marginBottom).toBe(43)
    expect(subtitleLayout(720, 720).marginBottom).toBe(43)
    expect(subtitleLayout(720, 1280).marginBottom).toBeGreaterThan(1280 / 3)
    expect(subtitleLayout(1280, 720).fontSize).toBe(subtitleLayout(720, 1280).fontSize + 1)
  })

  it('writes cues with their times, the font and literal braces', () => {
    const ass = renderAss([{ start: 1.5, end: 62.25, text: 'Mira {aside}\nHello' }], { width: 640, height: 360, fontFamily: 'Noto Sans CJK JP' })
    expect(ass).toContain('PlayResX: 640')
    expect(ass).toContain('Style: Default,Noto Sans CJK JP,22,')
    expect(ass).toContain('Dialogue: 0,0:00:01.50,0:01:02.25,Default,,0,0,0,,Mira \\{aside\\}\\NHello')
    expect(assTime(3725.004)).toBe('1:02:05.00')
  })

  it('breaks CJK text between characters into balanced lines, never starting a line with closing punctuation', () => {
    const lines = assText('光はどこへ行くの、ヘレン？あの嵐の夜からずっと待っていたのに。', 12).split('\\N')
    expect(lines.length).toBe(3)
    expect(lines.join('')).toBe('光はどこへ行くの、ヘレン？あの嵐の夜からずっと待っていたのに。')
    for (const line of lines) expect(line).not.toMatch(/^[、。？っ]/)
    expect(assText('A short line', 12)).toBe('A short line')
  })

  it('escapes a path for a filter option inside a filter graph', () => {
    // ':' is escaped for the option (\:), then that backslash for the graph (\\:); ',' only for the graph.
    expect(filterPath('a:b,c')).toBe('a\\\\:b\\,c')
  })
})
