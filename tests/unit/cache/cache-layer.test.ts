import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { createCacheLayer, type CacheLayer } from '../../../src/cache/cache-layer.js'
import type { ImageRecord } from '../../../src/cache/cache-records.js'
import { createMemoryRecordStore, type RecordStore } from '../../../src/cache/record-store.js'
import { ProviderError } from '../../../src/errors.js'
import type { ChatRequest, ImageRequest } from '../../../src/providers/types.js'
import { scriptedChat, scriptedImage } from './scripted-models.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0

function setup(options: { read?: boolean; records?: RecordStore } = {}) {
  const dir = path.join(root, `cache-${++n}`)
  const warnings: string[] = []
  const records = options.records ?? createMemoryRecordStore()
  const blobs = createBlobStore(dir)
  const layer: CacheLayer = createCacheLayer({ records, blobs, warn: (m) => warnings.push(m), ...(options.read === undefined ? {} : { read: options.read }) })
  return { dir, warnings, records, blobs, layer }
}

const ask = (content: string): ChatRequest => ({ messages: [{ role: 'user', content }], temperature: 0 })
const draw = (prompt: string): ImageRequest => ({ prompt, aspectRatio: '1:1', width: 64, height: 64, references: [] })

describe('cache layer: chat', () => {
  it('serves the second identical request from the cache (one provider call for two)', async () => {
    const { layer } = setup()
    const { model, script } = scriptedChat()
    const chat = layer.chat(model)
    const first = await chat.generate(ask('hello'))
    const second = await chat.generate(ask('hello'))
    expect(script.calls).toBe(1)
    expect(first).toMatchObject({ text: 'answer 1', cached: false })
    expect(second).toMatchObject({ text: 'answer 1', cached: true, cacheKey: first.cacheKey })
    expect(second.costUsd).toBeUndefined()
    expect(first.cacheKey).toMatch(/^v1:/)
  })

  it('shares one call between identical requests in flight', async () => {
    const { layer } = setup()
    let release!: () => void
    const { model, script } = scriptedChat({ calls: 0, answers: [], gate: new Promise<void>((resolve) => (release = resolve)) })
    const chat = layer.chat(model)
    const both = Promise.all([chat.generate(ask('same')), chat.generate(ask('same'))])
    await new Promise((resolve) => setTimeout(resolve, 5))
    release()
    const [a, b] = await both
    expect(script.calls).toBe(1)
    expect(a.text).toBe(b.text)
    // The waiter paid nothing: it is reported as cached, without a cost of its own.
    expect([a.cached, b.cached].sort()).toEqual([false, true])
  })

  it('never stores an error or an empty answer', async () => {
    const { layer, records } = setup()
    const failure = new ProviderError('boom', { code: 'E_PROVIDER', provider: 'scripted' })
    const { model, script } = scriptedChat({ calls: 0, answers: [failure, '   ', 'good'] })
    const chat = layer.chat(model)
    await expect(chat.generate(ask('q'))).rejects.toBe(failure)
    expect((await chat.generate(ask('q'))).text).toBe('   ')
    expect(await records.list('chat')).toHaveLength(0)
    expect((await chat.generate(ask('q'))).text).toBe('good')
    expect((await chat.generate(ask('q'))).cached).toBe(true)
    expect(script.calls).toBe(3)
  })

  it('with read: false calls the provider every time but still writes', async () => {
    const records = createMemoryRecordStore()
    const { model, script } = scriptedChat()
    const writer = setup({ read: false, records }).layer.chat(model)
    await writer.generate(ask('x'))
    const again = await writer.generate(ask('x'))
    expect(script.calls).toBe(2)
    expect(again.cached).toBe(false)
    // Another run reading the same records gets the latest answer.
    const reader = setup({ records }).layer.chat(model)
    expect(await reader.generate(ask('x'))).toMatchObject({ text: 'answer 2', cached: true })
    expect(script.calls).toBe(2)
  })

  it('evicts an answer a caller rejected, so the next ask pays again', async () => {
    const { layer } = setup()
    const { model, script } = scriptedChat()
    const chat = layer.chat(model)
    const first = await chat.generate(ask('json please'))
    await layer.evict(first.cacheKey!)
    expect((await chat.generate(ask('json please'))).cached).toBe(false)
    expect(script.calls).toBe(2)
  })
})

describe('cache layer: image', () => {
  it('stores blob then record and hands back blob files, hit or not', async () => {
    const { layer, records, blobs } = setup()
    const { model, script } = scriptedImage()
    const image = layer.image(model)
    const first = await image.generate(draw('a door'))
    const second = await image.generate(draw('a door'))
    expect(script.calls).toBe(1)
    expect(second.cached).toBe(true)
    for (const result of [first, second]) {
      const media = result.images[0]!
      expect(media.kind).toBe('file')
      if (media.kind === 'file') expect(media.path.startsWith(blobs.dir)).toBe(true)
    }
    const [stored] = await records.list('image')
    expect((stored!.record as ImageRecord).blobs[0]!.mediaType).toBe('image/png')
  })

  it('moves a provider file into the store rather than copying it', async () => {
    const fileDir = path.join(root, `provider-${++n}`)
    mkdirSync(fileDir)
    const { layer } = setup()
    const { model } = scriptedImage({ calls: 0, fileDir })
    const result = await layer.image(model).generate(draw('moved'))
    const media = result.images[0]!
    expect(media.kind === 'file' && existsSync(media.path)).toBe(true)
    expect(readdirSync(fileDir)).toEqual([])
  })

  it('never stores an empty result or a failure', async () => {
    const { layer, records } = setup()
    const empty = scriptedImage({ calls: 0, empty: true })
    await layer.image(empty.model).generate(draw('nothing'))
    await layer.image(empty.model).generate(draw('nothing'))
    expect(empty.script.calls).toBe(2)
    const failing = scriptedImage({ calls: 0, fail: new Error('nope') })
    await expect(layer.image(failing.model).generate(draw('x'))).rejects.toThrow('nope')
    expect(await records.list()).toHaveLength(0)
  })

  const damage: Record<string, (file: string) => void> = {
    'a flipped byte': (file) => {
      const bytes = readFileSync(file)
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff
      writeFileSync(file, bytes)
    },
    truncation: (file) => truncateSync(file, 4),
    deletion: (file) => unlinkSync(file),
  }
  for (const [name, harm] of Object.entries(damage)) {
    it(`treats a blob damaged by ${name} as a miss: one warning, regenerated, never served`, async () => {
      const { layer, warnings } = setup()
      const { model, script } = scriptedImage()
      const image = layer.image(model)
      const first = await image.generate(draw('fragile'))
      const blob = first.images[0]!
      if (blob.kind !== 'file') throw new Error('expected a file')
      harm(blob.path)
      const second = await image.generate(draw('fragile'))
      expect(second.cached).toBe(false)
      expect(script.calls).toBe(2)
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(/missing or damaged/)
      // Replaced: the third request is a clean hit with intact bytes.
      const third = await image.generate(draw('fragile'))
      expect(third.cached).toBe(true)
      const media = third.images[0]!
      if (media.kind !== 'file') throw new Error('expected a file')
      expect(readFileSync(media.path).toString('latin1')).toContain('fragile #2')
      expect(warnings).toHaveLength(1)
    })
  }

  it('keeps going uncached, with one warning, when blobs cannot be written', async () => {
    const { layer, warnings, records, dir } = setup()
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'tmp'), 'a file where the temp folder should be')
    const { model, script } = scriptedImage()
    const image = layer.image(model)
    const a = await image.generate(draw('one'))
    await image.generate(draw('two'))
    expect(a.images[0]!.kind).toBe('bytes')
    expect(a.cached).toBe(false)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/could not store/)
    expect(await records.list()).toHaveLength(0)
    expect(script.calls).toBe(2)
  })
})
