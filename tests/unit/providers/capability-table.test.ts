import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load-config.js'
import { ConfigError } from '../../../src/errors.js'
import { findCapabilities } from '../../../src/providers/capabilities/find-capabilities.js'
import { DEFAULT_CAPABILITIES } from '../../../src/providers/capabilities/model-capabilities.js'
import { videoCapabilitiesFor } from '../../../src/providers/capabilities/video-capabilities-for.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** A working folder with this vimax.config.yaml and a home of its own (no person's config). */
function configIn(text: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  dirs.push(dir)
  mkdirSync(path.join(dir, 'xdg'))
  writeFileSync(path.join(dir, 'vimax.config.yaml'), text)
  return { dir, load: () => loadConfig({ cwd: dir, env: { HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'xdg') } }) }
}

describe('the capability table', () => {
  it('ships rows for the built-in video models, read from configs/capabilities.yaml', () => {
    const config = configIn('{}\n').load()
    expect(config.files.map((file) => path.basename(file))).toContain('capabilities.yaml')
    expect(findCapabilities(config.capabilities, 'gemini:veo-3.1-fast-generate-preview')).toMatchObject({ key: 'gemini:*veo-*', capabilities: { seconds: [4, 6, 8], audio: 'always' } })
    // The more literal key wins over the family's.
    expect(findCapabilities(config.capabilities, 'gemini:models/veo-2.0-generate-001')).toMatchObject({ key: 'gemini:*veo-2.*', capabilities: { seconds: [5, 6, 7, 8], audio: 'none' } })
    expect(findCapabilities(config.capabilities, 'fal:fal-ai/kling-video/v2.1/standard/image-to-video').capabilities).toMatchObject({ seconds: [5, 10], references: 0, audio: 'none' })
    expect(findCapabilities(config.capabilities, 'offline:animatic').key).toBe('offline:*')
  })

  it('an exact key beats every glob, and a glob with more literal characters beats a shorter one', () => {
    const table = { 'fal:*': { seconds: [3] }, 'fal:fal-ai/veo3*': { seconds: [4, 6, 8] }, 'fal:fal-ai/veo3/fast': { seconds: [8] } }
    expect(findCapabilities(table, 'fal:fal-ai/veo3/fast').key).toBe('fal:fal-ai/veo3/fast')
    expect(findCapabilities(table, 'fal:fal-ai/veo3/fast/image-to-video').key).toBe('fal:fal-ai/veo3*')
    expect(findCapabilities(table, 'fal:someone/else').key).toBe('fal:*')
    expect(findCapabilities(table, 'replicate:owner/name')).toEqual({ capabilities: DEFAULT_CAPABILITIES })
  })

  it('a row in vimax.config.yaml replaces only the fields it sets of the shipped row, and adds new models', () => {
    const config = configIn(
      'capabilities:\n  "fal:fal-ai/veo3*": { seconds: [4, 6, 8, 10] }\n  "fal:acme/new-video": { seconds: [3], references: 4, first_frame: false }\n',
    ).load()
    expect(findCapabilities(config.capabilities, 'fal:fal-ai/veo3/fast').capabilities).toMatchObject({ seconds: [4, 6, 8, 10], aspectRatios: ['16:9', '9:16'], audio: 'optional' })
    expect(findCapabilities(config.capabilities, 'fal:acme/new-video').capabilities).toMatchObject({ seconds: [3], references: 4, firstFrame: false, lastFrame: false, audio: 'optional' })
  })

  it('a model with no row gets the conservative default and one warning naming the model and the fix', () => {
    const warnings: string[] = []
    const capabilities = videoCapabilitiesFor({ capabilities: {} }, 'acme:video-1', (message) => warnings.push(message))
    expect(capabilities).toEqual(DEFAULT_CAPABILITIES)
    expect(capabilities.references).toBe(0)
    expect(warnings).toEqual([expect.stringMatching(/^no capability row for acme:video-1: .*add a row under capabilities: in vimax\.config\.yaml/)])
  })

  it('a bad row is a config error naming the file, line and field, with every problem at once', () => {
    const { dir, load } = configIn('capabilities:\n  "fal:acme/x":\n    seconds: [0]\n    audio: loud\n    refs: 2\n')
    let error: unknown
    try {
      load()
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    const config = error as ConfigError
    expect(config.code).toBe('E_CONFIG_INVALID')
    expect(config.message).toContain(path.join(dir, 'vimax.config.yaml'))
    const details = (config.details ?? []).join('\n')
    expect(details).toContain('vimax.config.yaml:3:15 capabilities.fal:acme/x.seconds.0: expected a number ≥ 1, got 0')
    expect(details).toContain('vimax.config.yaml:4:12 capabilities.fal:acme/x.audio: expected none, optional or always, got "loud"')
    expect(details).toContain('vimax.config.yaml:5:5 capabilities.fal:acme/x.refs: unknown field')
  })
})
