import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PROVIDER_TYPES } from '../../../src/config/config-schema.js'
import { readConfigFile } from '../../../src/config/load-config.js'
import { ConfigError } from '../../../src/errors.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function problems(text: string): { file: string; details: readonly string[] } {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.yaml`)
  writeFileSync(file, text)
  try {
    readConfigFile(file, true)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return { file, details: (error as ConfigError).details }
  }
  throw new Error('expected the config to be rejected')
}

describe('config problems read like spec problems', () => {
  it('an unknown provider type lists the allowed types and what was given', () => {
    const { file, details } = problems('providers:\n  mine:\n    type: openai-ish\n')
    expect(details).toEqual([`${file}:3:11 providers.mine.type: expected one of ${PROVIDER_TYPES.join(', ')}, got "openai-ish"`])
  })

  it('a base URL that is not http(s) says so, with the value', () => {
    const { file, details } = problems('providers:\n  openai:\n    base_url: not a url\n  gemini:\n    base_url: ftp://example.com/v1\n')
    expect(details).toEqual([
      `${file}:3:15 providers.openai.base_url: expected an http(s) URL, got "not a url"`,
      `${file}:5:15 providers.gemini.base_url: expected an http(s) URL, got "ftp://example.com/v1"`,
    ])
  })

  it('no zod wording leaks: wrong types, bounds, durations and unknown timeouts', () => {
    const { file, details } = problems(
      'providers:\n  openai:\n    max_retries: 11\n    lanes: { chat: { concurrency: "many" } }\n    timeouts: { request: soon, video_jobs: 30m }\n',
    )
    expect(details).toEqual([
      `${file}:3:18 providers.openai.max_retries: expected a number ≤ 10, got 11`,
      `${file}:4:35 providers.openai.lanes.chat.concurrency: expected a number, got "many"`,
      `${file}:5:26 providers.openai.timeouts.request: expected a duration such as 500ms, 10s or 5m, got "soon"`,
      `${file}:5:32 providers.openai.timeouts.video_jobs: unknown field; did you mean "video_job"?`,
    ])
    for (const line of details) expect(line).not.toMatch(/Invalid|expected expected|received/)
  })
})
