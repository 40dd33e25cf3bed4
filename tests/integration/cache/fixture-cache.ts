import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { CliIo } from '../../../src/cli/io.js'
import { openCache } from '../../../src/cache/open-cache.js'
import { openLedger } from '../../../src/ledger/open-ledger.js'
import { scriptedChat, scriptedImage } from '../../unit/cache/scripted-models.js'

export const DAY = 86_400_000
export const NOW = Date.UTC(2025, 5, 1)

/**
 * A cache folder as a few runs leave it: chat answers and images of various ages, an orphan blob
 * and a stale temp file from a crash, and a ledger with two runs.
 */
export async function buildFixtureCache(cacheDir: string): Promise<{ chatKeys: string[]; imageKeys: string[]; runIds: string[] }> {
  let clock = NOW - 40 * DAY
  const cache = await openCache({ cacheDir, warn: (m) => { throw new Error(m) }, now: () => clock })
  const chat = cache.layer.chat(scriptedChat().model)
  const image = cache.layer.image(scriptedImage().model)
  const chatKeys: string[] = []
  const imageKeys: string[] = []
  for (const age of [40, 35, 10, 2, 1]) {
    clock = NOW - age * DAY
    chatKeys.push((await chat.generate({ messages: [{ role: 'user', content: `question at ${age} days` }] })).cacheKey!)
  }
  for (const age of [38, 5, 1]) {
    clock = NOW - age * DAY
    const result = await image.generate({ prompt: `frame at ${age} days ${'x'.repeat(4000)}`, aspectRatio: '1:1', width: 8, height: 8, references: [] })
    imageKeys.push(result.cacheKey!)
  }
  await cache.close()

  const old = (NOW - 3 * DAY) / 1000
  const orphan = path.join(cacheDir, 'blobs', 'ee', `${'e'.repeat(64)}.png`)
  mkdirSync(path.dirname(orphan), { recursive: true })
  writeFileSync(orphan, 'orphan bytes')
  utimesSync(orphan, old, old)
  const temp = path.join(cacheDir, 'tmp', '999-dead.part')
  mkdirSync(path.dirname(temp), { recursive: true })
  writeFileSync(temp, 'half a blob')
  utimesSync(temp, old, old)

  let ledgerClock = NOW - 2 * DAY
  const ledger = openLedger(path.join(cacheDir, 'vimax.db'), { warn: (m) => { throw new Error(m) }, now: () => ledgerClock })
  const runIds: string[] = []
  for (const cached of [false, true]) {
    const id = ledger.startRun({ specPath: 'examples/idea.yaml', outputDir: '/out/idea' })
    chatKeys.forEach((cacheKey, i) =>
      ledger.recordCall(
        { type: 'call:end', callId: i + 1, kind: 'chat', provider: 'scripted', model: 'chat-1', subject: `scene ${i + 1}`, cached, resumed: false, ms: cached ? 1 : 900,
          queuedMs: 0, attempts: cached ? undefined : 1, requestId: undefined, costUsd: cached ? undefined : 0.02, savedUsd: cached ? 0.02 : undefined, endedAt: ledgerClock, bytes: 40, cacheKey, error: undefined },
        id,
      ),
    )
    ledgerClock += 60_000
    ledger.finishRun(id, { status: 'complete' })
    runIds.push(id)
    ledgerClock += DAY
  }
  ledger.close()
  return { chatKeys, imageKeys, runIds }
}

export function captureIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text), isTTY: false },
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  }
}
