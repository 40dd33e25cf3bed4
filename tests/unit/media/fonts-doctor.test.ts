import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fontCheck } from '../../../src/cli/doctor/font-checks.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-fonts-doctor-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('vimax doctor fonts row', () => {
  it('names the scripts found and what to install for a Japanese spec when no font draws CJK', async () => {
    copyFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', path.join(dir, 'DejaVuSans.ttf'))
    const config = path.join(dir, 'empty.conf')
    writeFileSync(config, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
    const env = { ...process.env, FONTCONFIG_FILE: config, VIMAX_FONTS_DIR: dir }
    const japanese = await fontCheck({ env, language: 'ja' })
    expect(japanese.ok).toBe(true)
    expect(japanese.detail).toMatch(/^1 found · draw Latin, Greek, Cyrillic, Arabic/)
    expect(japanese.detail).toContain('spec language ja needs CJK: install fonts-noto-cjk')
    expect((await fontCheck({ env, language: 'fr' })).detail).toContain('spec language fr covered')
  })

  it('says when no font at all is found', async () => {
    const env = { ...process.env, FONTCONFIG_FILE: path.join(dir, 'empty.conf'), VIMAX_FONTS_DIR: path.join(dir, 'missing') }
    writeFileSync(env.FONTCONFIG_FILE, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
    const check = await fontCheck({ env: { ...env, HOME: dir } })
    expect(check.detail).toBe('0 found · no script covered')
  })
})
