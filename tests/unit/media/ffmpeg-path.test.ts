import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveBinary, resolveFfmpeg } from '../../../src/media/ffmpeg-path.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function fakeBinary(name: string): string {
  const file = path.join(dir, name)
  writeFileSync(file, '#!/bin/sh\n')
  chmodSync(file, 0o755)
  return file
}

describe('resolveFfmpeg', () => {
  it('prefers the env vars, even when they point nowhere', () => {
    const resolved = resolveFfmpeg({ VIMAX_FFMPEG: '/nope/ffmpeg', VIMAX_FFPROBE: '/nope/ffprobe', PATH: '' })
    expect(resolved).toEqual({ ffmpeg: '/nope/ffmpeg', ffprobe: '/nope/ffprobe', source: 'env', ffprobeSource: 'env' })
  })

  it('then a binary on PATH', () => {
    const ffmpeg = fakeBinary('ffmpeg')
    expect(resolveBinary('ffmpeg', { PATH: ['/does/not/exist', dir].join(path.delimiter) })).toEqual({ path: ffmpeg, source: 'path' })
  })

  it('then the npm package, which ships a real binary here', () => {
    const resolved = resolveFfmpeg({ PATH: '' })
    expect(resolved.source).toBe('bundled')
    expect(resolved.ffprobeSource).toBe('bundled')
    expect(resolved.ffmpeg).toMatch(/ffmpeg/)
    expect(resolved.ffprobe).toMatch(/ffprobe/)
  })

  it('ignores an empty env var and non-executable files on PATH', () => {
    const other = mkdtempSync(path.join(dir, 'plain-'))
    writeFileSync(path.join(other, 'ffprobe'), 'not executable')
    expect(resolveBinary('ffprobe', { VIMAX_FFPROBE: '', PATH: other }).source).toBe('bundled')
  })
})
