import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { subtitleLayout } from '../../../src/media/ass-subtitles.js'
import { burn, inkByBand, inkMask, makeFlatClip, maskDistance, type Burned } from './burned-subtitles-support.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-burn-'))
const wide = { width: 384, height: 216 }
const tall = { width: 216, height: 384 }
const wideClip = path.join(dir, 'wide.mp4')
const tallClip = path.join(dir, 'tall.mp4')
let widePlain: Burned
let tallPlain: Burned
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(async () => {
  await makeFlatClip(wideClip, wide.width, wide.height)
  await makeFlatClip(tallClip, tall.width, tall.height)
  widePlain = await burn(dir, 'wide-plain', wideClip, [], wide)
  tallPlain = await burn(dir, 'tall-plain', tallClip, [], tall)
})

const cue = (text: string) => [{ start: 0, end: 1, text }]
// Unassigned code points: no font has them, so this is what boxes (or nothing) look like.
const tofu = (length: number) => '\u0378'.repeat(length)

describe('burned subtitles with libass', () => {
  it('burns French with its accents, not stripped to plain letters', async () => {
    const accented = await burn(dir, 'wide-fr-accents', wideClip, cue('Hélène Côté'), wide)
    const plain = await burn(dir, 'wide-fr-plain', wideClip, cue('Helene Cote'), wide)
    const ink = inkMask(accented.frame, widePlain.frame)
    expect(inkByBand(ink, wide.width, Math.round(wide.height * 0.6), wide.height).outside).toBe(0)
    // The accents are extra ink above the same letters.
    expect(ink.reduce((sum, pixel) => sum + pixel, 0)).toBeGreaterThan(inkMask(plain.frame, widePlain.frame).reduce((sum, pixel) => sum + pixel, 0))
    expect(maskDistance(ink, inkMask(plain.frame, widePlain.frame))).toBeGreaterThan(0.02)
  })

  it.each([
    ['French accents', 'Hélène Côté répète: où êtes-vous?'],
    ['Arabic, shaped right to left', 'مرحبا بالعالم، أين ذهب الضوء؟'],
    ['Japanese', '光はどこへ行くの、ヘレン？'],
  ])('burns %s into the bottom band of a 16:9 clip, drawn with real glyphs rather than boxes', async (name, text) => {
    const burned = await burn(dir, `wide-${name.split(' ')[0]}`, wideClip, cue(text), wide)
    const ink = inkMask(burned.frame, widePlain.frame)
    const band = inkByBand(ink, wide.width, Math.round(wide.height * 0.6), wide.height)
    expect(band.inside).toBeGreaterThan(150)
    expect(band.outside).toBe(0)
    expect(burned.warnings).toEqual([])

    const boxes = await burn(dir, `wide-tofu-${name.split(' ')[0]}`, wideClip, cue(tofu([...text].length)), wide)
    expect(maskDistance(ink, inkMask(boxes.frame, widePlain.frame))).toBeGreaterThan(0.5)
  })

  it('places a 9:16 cue above the lower third and below the frame middle band top', async () => {
    const burned = await burn(dir, 'tall-fr', tallClip, cue('Hélène: où va la lumière?'), tall)
    const band = inkByBand(inkMask(burned.frame, tallPlain.frame), tall.width, Math.round(tall.height / 3), Math.round((tall.height * 2) / 3))
    expect(band.inside).toBeGreaterThan(100)
    expect(band.outside).toBe(0)
  })

  it('wraps a long Japanese cue onto several lines inside the frame, with no spaces to break at', async () => {
    const text = '光はどこへ行くの、ヘレン？あの嵐の夜からずっと待っていたのに、誰も帰ってこなかった。'
    const burned = await burn(dir, 'wide-ja-long', wideClip, cue(text), wide)
    const ink = inkMask(burned.frame, widePlain.frame)
    const rows = new Set<number>()
    const columns = new Set<number>()
    ink.forEach((pixel, i) => {
      if (!pixel) return
      rows.add(Math.floor(i / wide.width))
      columns.add(i % wide.width)
    })
    // Several lines tall, and no ink in the side margins (the text was not run off the frame).
    expect(Math.max(...rows) - Math.min(...rows)).toBeGreaterThan(subtitleLayout(wide.width, wide.height).fontSize * 1.5)
    expect(Math.min(...columns)).toBeGreaterThan(wide.width * 0.05)
    expect(Math.max(...columns)).toBeLessThan(wide.width * 0.95)
  })
})
