import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { modelCacheKey } from '../../../src/cache/cache-key.js'
import { createCacheLayer } from '../../../src/cache/cache-layer.js'
import type { LeaseStore } from '../../../src/cache/call-lease.js'
import { openSqliteLeaseStore } from '../../../src/cache/sqlite-lease-store.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'
import type { ChatRequest, ImageRequest, SpeechModel, VideoModel, VideoRequest } from '../../../src/providers/types.js'
import { pollToEnd, scriptedChat, scriptedImage, scriptedVideo, type VideoScript } from './scripted-models.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0

const ask = (content: string): ChatRequest => ({ messages: [{ role: 'user', content }], temperature: 0 })
const draw = (prompt: string): ImageRequest => ({ prompt, aspectRatio: '1:1', width: 64, height: 64, references: [] })
const clip: VideoRequest = { prompt: 'a red door', aspectRatio: '1:1', width: 64, height: 64, seconds: 1 }

/** One cache folder, and a way to open it as a separate process would: its own SQLite connections and its own layer. */
function sharedFolder() {
  const dir = path.join(root, `case-${++n}`)
  const file = path.join(dir, 'cache', 'cache.sqlite')
  mkdirSync(path.join(dir, 'provider'), { recursive: true })
  const opened: Array<{ close(): Promise<void> }> = []
  return {
    dir,
    file,
    async process(options: { leases?: LeaseStore; leaseTtlMs?: number } = {}) {
      const warnings: string[] = []
      const records = await openSqliteRecordStore({ file, warn: (m) => warnings.push(m) })
      const leases = options.leases ?? openSqliteLeaseStore({ file: path.join(path.dirname(file), 'leases.sqlite') })
      opened.push(records, leases)
      const layer = createCacheLayer({ records, blobs: createBlobStore(path.join(dir, 'cache')), warn: (m) => warnings.push(m), leases, ...(options.leaseTtlMs && { leaseTtlMs: options.leaseTtlMs }) })
      return { layer, warnings }
    },
    close: () => Promise.all(opened.map((item) => item.close())),
  }
}

function gate() {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  if (!condition()) throw new Error('condition never held')
}

describe('two processes on one SQLite cache folder need the same uncached call', () => {
  it('chat: one pays, the other waits for its record and gets it as a hit', async () => {
    const folder = sharedFolder()
    const [a, b] = [await folder.process(), await folder.process()]
    const held = gate()
    const { model, script } = scriptedChat({ calls: 0, answers: [], gate: held.promise })
    const first = a.layer.chat(model).generate(ask('same'))
    await until(() => script.calls === 1) // A holds the lease and is paying
    const second = b.layer.chat(model).generate(ask('same'))
    await new Promise((resolve) => setTimeout(resolve, 150)) // B is waiting, not paying
    expect(script.calls).toBe(1)
    held.open()
    const [paid, waited] = await Promise.all([first, second])
    expect(script.calls).toBe(1)
    expect(paid).toMatchObject({ text: 'answer 1', cached: false })
    expect(waited).toMatchObject({ text: 'answer 1', cached: true, savedUsd: 0.01 })
    expect(waited.costUsd).toBeUndefined()
    await folder.close()
  })

  it('image: one pays, the other is served the same blob', async () => {
    const folder = sharedFolder()
    const [a, b] = [await folder.process(), await folder.process()]
    const held = gate()
    const { model, script } = scriptedImage({ calls: 0, gate: held.promise })
    const first = a.layer.image(model).generate(draw('a lighthouse'))
    await until(() => script.calls === 1)
    const second = b.layer.image(model).generate(draw('a lighthouse'))
    held.open()
    const [paid, waited] = await Promise.all([first, second])
    expect(script.calls).toBe(1)
    expect(waited.cached).toBe(true)
    expect(waited.images).toEqual(paid.images)
    await folder.close()
  })

  it('speech: one pays for a spoken line, the other is served its audio', async () => {
    const folder = sharedFolder()
    const [a, b] = [await folder.process(), await folder.process()]
    const held = gate()
    let calls = 0
    const voice: SpeechModel = {
      kind: 'speech',
      provider: 'scripted',
      modelId: 'voice-1',
      async generate() {
        calls++
        await held.promise
        return { audio: { kind: 'bytes', bytes: Buffer.from('RIFF-fake-wave'), mediaType: 'audio/wav' }, durationS: 1, costUsd: 0.002 }
      },
    }
    const line = { text: 'Hold your course.', voice: 'alloy', language: 'en' }
    const first = a.layer.speech!(voice).generate(line)
    await until(() => calls === 1)
    const second = b.layer.speech!(voice).generate(line)
    held.open()
    const [paid, waited] = await Promise.all([first, second])
    expect(calls).toBe(1)
    expect(paid.cached).toBe(false)
    expect(waited).toMatchObject({ cached: true, durationS: 1 })
    await folder.close()
  })

  it('video: the second start while the first is starting resumes the same job instead of starting another', async () => {
    const folder = sharedFolder()
    const [a, b] = [await folder.process(), await folder.process()]
    const script: VideoScript = { starts: 0, polls: 0, pendingPolls: 1, fileDir: path.join(folder.dir, 'provider') }
    const scripted = scriptedVideo(script).model
    const held = gate()
    const slowStart: VideoModel = { ...scripted, start: async (request, options) => { const job = scripted.start(request, options); await held.promise; return job } }
    const first = a.layer.video(slowStart).start(clip)
    await until(() => script.starts === 1)
    const second = b.layer.video(slowStart).start(clip)
    await new Promise((resolve) => setTimeout(resolve, 150))
    held.open()
    const [started, resumed] = await Promise.all([first, second])
    expect(script.starts).toBe(1)
    expect(resumed.id).toBe(started.id)
    expect(resumed.resumed).toBe(true)
    expect((await pollToEnd(b.layer.video(slowStart), resumed)).state).toBe('done')
    await folder.close()
  })

  it('a holder whose call outlasts the lease TTL keeps renewing it: the other keeps waiting and never pays', async () => {
    const folder = sharedFolder()
    const [a, b] = [await folder.process({ leaseTtlMs: 300 }), await folder.process({ leaseTtlMs: 300 })]
    const held = gate()
    const { model, script } = scriptedChat({ calls: 0, answers: [], gate: held.promise })
    const first = a.layer.chat(model).generate(ask('slow'))
    await until(() => script.calls === 1)
    const second = b.layer.chat(model).generate(ask('slow'))
    await new Promise((resolve) => setTimeout(resolve, 1_200)) // four TTLs: only renewals keep the lease A's
    expect(script.calls).toBe(1)
    held.open()
    expect(await second).toMatchObject({ text: 'answer 1', cached: true })
    expect(await first).toMatchObject({ cached: false })
    expect(script.calls).toBe(1)
    expect(a.warnings).toEqual([])
    await folder.close()
  })

  it('a holder that fails frees the lease at once: the waiting process then pays itself', async () => {
    const folder = sharedFolder()
    const [a, b] = [await folder.process(), await folder.process()]
    const held = gate()
    const { model, script } = scriptedChat({ calls: 0, answers: [new Error('vendor down'), 'second try'], gate: held.promise })
    const first = a.layer.chat(model).generate(ask('flaky'))
    await until(() => script.calls === 1)
    const second = b.layer.chat(model).generate(ask('flaky'))
    held.open()
    await expect(first).rejects.toThrow('vendor down')
    expect(await second).toMatchObject({ text: 'second try', cached: false })
    expect(script.calls).toBe(2)
    await folder.close()
  })

  it('a holder that died (its lease never renewed) blocks the other only until the lease expires', async () => {
    const folder = sharedFolder()
    const { model, script } = scriptedChat({ calls: 0, answers: [] })
    const b = await folder.process()
    const dead = openSqliteLeaseStore({ file: path.join(path.dirname(folder.file), 'leases.sqlite') })
    expect((await dead.acquire(`chat:${modelCacheKey(model, ask('orphan'))}`, 300)).held).toBe(true) // and is never renewed
    const result = await b.layer.chat(model).generate(ask('orphan'))
    expect(result).toMatchObject({ text: 'answer 1', cached: false })
    expect(script.calls).toBe(1)
    await dead.close()
    await folder.close()
  })

  it('a lease store that fails costs a warning, never the call', async () => {
    const folder = sharedFolder()
    const broken: LeaseStore = {
      backend: 'sqlite',
      acquire: () => Promise.reject(new Error('database is locked')),
      renew: async () => false,
      release: async () => undefined,
      close: async () => undefined,
    }
    const a = await folder.process({ leases: broken })
    const { model, script } = scriptedChat()
    expect(await a.layer.chat(model).generate(ask('hi'))).toMatchObject({ text: 'answer 1', cached: false })
    expect(await a.layer.chat(model).generate(ask('there'))).toMatchObject({ text: 'answer 2', cached: false })
    expect(script.calls).toBe(2)
    expect(a.warnings).toEqual([expect.stringMatching(/could not take a call lease in the sqlite store \(database is locked\).*may pay twice/)])
    await folder.close()
  })

  it('a lease store whose server went away adds no second warning to the record store\'s own, and the call is made', async () => {
    const folder = sharedFolder()
    const gone: LeaseStore = {
      backend: 'redis',
      acquire: () => Promise.reject(new Error('The client is closed')),
      renew: async () => false,
      release: async () => undefined,
      close: async () => undefined,
    }
    const a = await folder.process({ leases: gone })
    const { model, script } = scriptedChat()
    expect(await a.layer.chat(model).generate(ask('hi'))).toMatchObject({ text: 'answer 1', cached: false })
    expect(script.calls).toBe(1)
    expect(a.warnings).toEqual([])
    await folder.close()
  })
})
