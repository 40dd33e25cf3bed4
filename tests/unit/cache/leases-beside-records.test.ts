import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { cachePaths } from '../../../src/cache/cache-dir.js'
import { openCache } from '../../../src/cache/open-cache.js'
import type { ChatModel } from '../../../src/providers/types.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-leases-beside-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('call leases beside the SQLite records', () => {
  // Keyv writes records through the `sqlite3` package and the leases use better-sqlite3: two copies of
  // SQLite in one process do not see each other's locks, so sharing one file corrupts it (it did, under a
  // 100-shot bench: "wrong # of entries in index sqlite_autoindex_keyv_1").
  it('a run paying for thousands of calls at once leaves cache.sqlite intact', async () => {
    const cacheDir = path.join(root, 'cache')
    const warnings: string[] = []
    const cache = await openCache({ cacheDir, warn: (m) => warnings.push(m) })
    const model: ChatModel = {
      kind: 'chat',
      provider: 'stub',
      modelId: 'echo',
      async generate(request) {
        return { text: `${request.messages[0]!.content} ${'x'.repeat(3_000)}` }
      },
    }
    const chat = cache.layer.chat(model)
    await Promise.all(Array.from({ length: 3_000 }, (_, i) => chat.generate({ messages: [{ role: 'user', content: `line ${i}` }] })))
    await cache.close()

    const db = new Database(cachePaths(cacheDir).records, { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.prepare('SELECT count(*) AS n FROM keyv').get()).toEqual({ n: 3_000 })
    } finally {
      db.close()
    }
    expect(warnings).toEqual([])
  })
})
