import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodePng } from '../../../src/media/png-decode.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('decodePng on PNGs ffmpeg writes', () => {
  for (const pixFmt of ['rgb24', 'rgba', 'gray', 'ya8', 'pal8']) {
    it(`decodes ${pixFmt} exactly as ffmpeg reads it`, async () => {
      const file = path.join(dir, `${pixFmt}.png`)
      const asRgba = path.join(dir, `${pixFmt}-as-rgba.png`)
      // Odd sizes and a gradient, so every filter type and row length is exercised.
      await runFfmpeg(
        ['-f', 'lavfi', '-i', 'testsrc=size=66x34', '-vf', 'format=rgb24,crop=33:17:5:3', '-frames:v', '1', '-pix_fmt', pixFmt, file],
        { task: `writing a ${pixFmt} PNG` },
      )
      // ffmpeg's own reading of that file, written back as plain RGBA: the reference.
      await runFfmpeg(['-i', file, '-pix_fmt', 'rgba', asRgba], { task: `converting the ${pixFmt} PNG` })
      const mine = decodePng(readFileSync(file))
      const reference = decodePng(readFileSync(asRgba))
      expect([mine.width, mine.height]).toEqual([33, 17])
      expect(Buffer.from(mine.rgba).equals(Buffer.from(reference.rgba))).toBe(true)
    })
  }
})
