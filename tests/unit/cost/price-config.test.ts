import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load-config.js'
import { priceBookFromConfig } from '../../../src/cost/price-book-from-config.js'
import { ConfigError } from '../../../src/errors.js'
import { MODEL_KINDS } from '../../../src/providers/types.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** The shipped config plus, when given, a vimax.config.yaml in a fresh working folder. */
function load(userConfig?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-prices-'))
  dirs.push(dir)
  if (userConfig !== undefined) fs.writeFileSync(path.join(dir, 'vimax.config.yaml'), userConfig)
  return loadConfig({ cwd: dir, env: { HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'xdg') } })
}

function problems(userConfig: string): string[] {
  try {
    load(userConfig)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('E_CONFIG_INVALID')
    return [...((error as ConfigError).details ?? [])]
  }
  return expect.unreachable('expected the config to be refused')
}

const chat = { kind: 'chat', inputTokens: 1_000_000, outputTokens: 1_000_000 } as const

describe('the shipped price table', () => {
  it('is loaded as a config layer, after the presets', () => {
    const config = load()
    expect(config.files.map((file) => path.basename(file))).toEqual(['providers.yaml', 'prices.yaml', 'capabilities.yaml'])
    expect(config.prices?.['openai:gpt-4.1-mini']).toEqual({ input_per_million: 0.4, output_per_million: 1.6 })
  })

  it('knows the offline models, at 0', () => {
    const book = priceBookFromConfig(load())
    expect(book.cost('offline', 'writer', chat)).toBe(0)
    expect(book.cost('offline', 'cards', { kind: 'image', images: 12, width: 1280, height: 720 })).toBe(0)
    expect(book.cost('offline', 'animatic', { kind: 'video', seconds: 60, width: 1280, height: 720 })).toBe(0)
    for (const kind of MODEL_KINDS) expect(book.knows('offline', { chat: 'writer', image: 'cards', video: 'animatic', speech: 'voice', music: 'score' }[kind], kind)).toBe(true)
  })

  it('prices every model a shipped provider or profile chooses by default (vllm names none)', () => {
    const config = load()
    const book = priceBookFromConfig(config)
    const unpriced = Object.entries(config.providers ?? {}).flatMap(([provider, entry]) =>
      MODEL_KINDS.flatMap((kind) => {
        const model = entry.models?.[kind]
        return model === undefined || book.knows(provider, model, kind) ? [] : [`${provider}:${model} (${kind})`]
      }),
    )
    expect(unpriced).toEqual([])
  })

  it('has a key of the form provider:model for every entry, each provider one the presets define', () => {
    const config = load()
    const text = parse(fs.readFileSync(new URL('../../../configs/prices.yaml', import.meta.url), 'utf8')) as { prices: Record<string, unknown> }
    for (const key of Object.keys(text.prices)) expect(Object.keys(config.providers ?? {})).toContain(key.split(':')[0])
  })

  it('leaves a model nobody listed unknown', () => {
    const book = priceBookFromConfig(load())
    expect(book.cost('openai', 'gpt-7-ultra', chat)).toBeUndefined()
    expect(book.cost('fal', 'fal-ai/some/new-model', { kind: 'video', seconds: 5, width: 1280, height: 720 })).toBeUndefined()
  })
})

describe('price overrides in vimax.config.yaml', () => {
  it('replace the shipped entry of the same key whole, and leave the others', () => {
    const config = load('prices:\n  openai:gpt-4.1-mini: { input_per_million: 1, output_per_million: 2 }\n  gemini:veo-3.1-fast-generate-preview:\n    per_second: { 720p: 0.1, 1080p: 0.3 }\n')
    const book = priceBookFromConfig(config)
    expect(book.cost('openai', 'gpt-4.1-mini', chat)).toBe(3)
    expect(book.cost('gemini', 'veo-3.1-fast-generate-preview', { kind: 'video', seconds: 8, width: 1920, height: 1080 })).toBeCloseTo(2.4)
    expect(book.cost('openai', 'gpt-4.1', chat)).toBe(10)
  })

  it('can price the offline writer, whose estimated tokens then cost money', () => {
    const book = priceBookFromConfig(load('prices:\n  offline:writer: { input_per_million: 1, output_per_million: 1 }\n'))
    expect(book.cost('offline', 'writer', { kind: 'chat', inputTokens: 500_000, outputTokens: 500_000 })).toBe(1)
  })

  it('can add a model the shipped table does not list', () => {
    const book = priceBookFromConfig(load('prices:\n  "my-llm:qwen2.5-14b": { input_per_million: 0, output_per_million: 0 }\n'))
    expect(book.knows('my-llm', 'qwen2.5-14b', 'chat')).toBe(true)
  })

  it('are validated like the rest of the config: file:line:col, the field, what was expected', () => {
    const found = problems(
      [
        'prices:',
        '  openai:gpt-4.1-mini:',
        '    input_per_million: -1',
        '    output_per_milion: 2',
        '  gpt-4o: { per_image: 0.1 }',
        '  fal:x: { per_second: cheap }',
        '  gemini:y: { per_image: { 720: 0.1 } }',
        '  openai:z: { input_per_million: 1 }',
        '',
      ].join('\n'),
    )
    const at = (field: string) => found.find((line) => line.includes(` ${field}: `))
    expect(found.every((line) => /vimax\.config\.yaml:\d+:\d+ prices\./.test(line))).toBe(true)
    expect(at('prices.openai:gpt-4.1-mini.input_per_million')).toMatch(/vimax\.config\.yaml:3:24 .*: expected a price in USD \(a number ≥ 0\), got -1$/)
    expect(at('prices.openai:gpt-4.1-mini.output_per_milion')).toMatch(/:4:5 .*unknown field; did you mean "output_per_million"\?$/)
    expect(at('prices.gpt-4o')).toMatch(/:5:11 .*expected a key "provider:model"/)
    expect(at('prices.fal:x.per_second')).toMatch(/:6:24 .*expected a price in USD, or prices by resolution such as \{ 720p: 0\.15, 1080p: 0\.40 \}, got "cheap"$/)
    expect(at('prices.gemini:y.per_image.720')).toMatch(/:7:\d+ .*expected prices by resolution keyed like 720p or 1080p/)
    expect(at('prices.openai:z.output_per_million')).toMatch(/:8:13 .*expected a price per million output tokens too/)
    expect(found).toHaveLength(6)
  })
})
