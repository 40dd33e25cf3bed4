import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ledgerListener } from '../../../src/ledger/ledger-listener.js'
import { openLedger } from '../../../src/ledger/open-ledger.js'
import { countCalls } from '../../../src/pipeline/call-counts.js'
import type { PipelineEvent } from '../../../src/pipeline/events.js'
import { createCallObserver } from '../../../src/pipeline/with-events.js'
import type { MusicModel, SpeechModel } from '../../../src/providers/types.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const wav = (bytes: number) => ({ kind: 'bytes', bytes: new Uint8Array(bytes), mediaType: 'audio/wav' }) as const
const voice: SpeechModel = { kind: 'speech', provider: 'acme', modelId: 'voice-1', generate: async () => ({ audio: wav(480), costUsd: 0.002 }) }
const score: MusicModel = { kind: 'music', provider: 'acme', modelId: 'score-1', generate: async () => ({ audio: wav(9600), cached: true, savedUsd: 0.5 }) }

describe('speech and music calls as events', () => {
  it('are reported, counted per kind and recorded in the ledger with their kind, bytes and cost', async () => {
    const events: PipelineEvent[] = []
    const calls = countCalls()
    const ledger = openLedger(path.join(root, 'vimax.db'), { warn: (m) => expect.fail(m) })
    const runId = ledger.startRun({ specPath: 'idea.yaml', specSha256: 'f00', outputDir: '/out' })
    const record = ledgerListener(ledger, runId)
    const observe = createCallObserver((event) => {
      events.push(event)
      calls.observe(event)
      record(event)
    })
    await observe.speech(voice).generate({ text: 'Hi.', voice: 'greta', language: 'en' }, { subject: 'shot 1.1 line 1 (Ada)' })
    await observe.music(score).generate({ prompt: 'calm', seconds: 40 }, { subject: 'music' })
    expect(events.filter((event) => event.type === 'call:end')).toMatchObject([
      { kind: 'speech', provider: 'acme', model: 'voice-1', subject: 'shot 1.1 line 1 (Ada)', bytes: 480, costUsd: 0.002, cached: false },
      { kind: 'music', model: 'score-1', bytes: 9600, cached: true, savedUsd: 0.5 },
    ])
    expect(calls.made()).toMatchObject({ speech: 1, music: 0 })
    expect(calls.cached()).toMatchObject({ speech: 0, music: 1 })
    expect(calls.money()).toMatchObject({ spentUsd: 0.002, savedUsd: 0.5 })
    const rows = ledger.getRun(runId)!.calls
    expect(rows.map((row) => [row.kind, row.subject, row.cached, row.bytes])).toEqual([
      ['speech', 'shot 1.1 line 1 (Ada)', false, 480],
      ['music', 'music', true, 9600],
    ])
    ledger.close()
  })
})
