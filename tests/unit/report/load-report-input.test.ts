import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Manifest } from '../../../src/pipeline/manifest.js'
import { loadReportInput } from '../../../src/report/load-report-input.js'
import { call } from './report-fixture.js'

const storyboard = {
  title: 'The Last Keeper',
  story_overview: 'A keeper waits for a ship.',
  aspect_ratio: '9:16',
  seed: 0,
  characters: [{ name: 'Mira Vance', appearance: 'grey braid' }, { name: 'Tom' }],
  scenes: [
    { scene_num: 1, slugline: 'EXT. LIGHTHOUSE - NIGHT', shots: [{ shot_id: '1.1', first_frame: 'Mira at the rail.', video_prompt: 'Push in.', characters: ['Mira Vance'], seconds: 5 }] },
    { scene_num: 2, shots: [{ shot_id: '2.1', first_frame: 'Tom rows.', video_prompt: 'Pan.', dialogue: ['Tom: Ahoy!'] }] },
  ],
}

function manifest(extra: Partial<Manifest> = {}): Manifest {
  return {
    version: 1,
    status: 'failed',
    run_id: '20261125-120000-abcdef',
    spec: { path: '/films/keeper.yaml', sha256: 'x' },
    title: 'The Last Keeper',
    aspect_ratio: '9:16',
    models: { chat: 'offline:writer', image: 'offline:cards', video: 'offline:animatic' },
    started_at: '2026-11-25T12:00:00.000Z',
    finished_at: '2026-11-25T12:00:09.000Z',
    wall_ms: 9000,
    film: undefined,
    shots: [
      { id: '1.1', scene: '1', take: 2, seconds: 5, frame: 'frames/shot-1.1.png', clip: 'clips/shot-1.1.mp4' },
      { id: '2.1', scene: '2', take: 0, seconds: 4 },
    ],
    artifacts: [
      { path: 'frames/shot-1.1.png', kind: 'frame', subject: 'shot 1.1', sha256: 'a', bytes: 1, model: 'offline:cards', cached: true, latency_ms: 3, cache_key: 'k' },
      { path: 'portraits/mira-vance-front.png', kind: 'portrait', subject: 'character mira-vance (front)', sha256: 'b', bytes: 1, model: 'offline:cards', cached: false, latency_ms: 3, cache_key: 'k' },
    ],
    error: { code: 'E_PROVIDER_HTTP', message: 'fal video: HTTP 500' },
    ...extra,
  }
}

let dir: string
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-report-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const write = (name: string, value: unknown) => writeFileSync(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value))

describe('loadReportInput', () => {
  it('rebuilds the page from manifest.json and storyboard.json as the run planned it', async () => {
    write('manifest.json', manifest())
    write('storyboard.json', storyboard)
    const calls = [call({ subject: 'shot 1.1' })]
    const input = (await loadReportInput(dir, { calls }))!
    expect(input).toMatchObject({
      title: 'The Last Keeper',
      status: 'failed',
      runId: '20261125-120000-abcdef',
      specPath: '/films/keeper.yaml',
      startedAt: Date.parse('2026-11-25T12:00:00.000Z'),
      wallMs: 9000,
      logline: 'A keeper waits for a ship.',
      error: { code: 'E_PROVIDER_HTTP', message: 'fal video: HTTP 500' },
      finishedShots: ['1.1'],
      aspectRatio: '9:16',
      calls,
      warnings: [],
    })
    expect(input.characters.map((c) => c.id)).toEqual(['mira-vance', 'tom'])
    expect(input.scenes.map((s) => [s.id, s.slugline])).toEqual([['1', 'EXT. LIGHTHOUSE - NIGHT'], ['2', 'SCENE 2']])
    expect(input.shots).toEqual([
      { id: '1.1', sceneId: '1', firstFrame: 'Mira at the rail.', videoPrompt: 'Push in.', characters: ['mira-vance'], dialogue: [], seconds: 5, take: 2 },
      { id: '2.1', sceneId: '2', firstFrame: 'Tom rows.', videoPrompt: 'Pan.', characters: ['tom'], dialogue: [{ speaker: 'Tom', line: 'Ahoy!' }], seconds: 4, take: 0 },
    ])
    expect(input.artifacts).toEqual([
      { path: 'frames/shot-1.1.png', kind: 'frame', subject: 'shot 1.1', cached: true },
      { path: 'portraits/mira-vance-front.png', kind: 'portrait', subject: 'character mira-vance (front)', cached: false },
    ])
  })

  it('says why the timeline is empty', async () => {
    write('manifest.json', manifest())
    expect((await loadReportInput(dir, { callsNote: 'no ledger' }))!.callsNote).toBe('no ledger')
  })

  it('takes the run id from the ledger when the manifest has none', async () => {
    write('manifest.json', manifest({ run_id: undefined }))
    expect((await loadReportInput(dir, { runId: 'from-ledger' }))!.runId).toBe('from-ledger')
  })

  it('shows a run that failed before its script: no storyboard, no warning', async () => {
    write('manifest.json', manifest({ shots: [], artifacts: [] }))
    const input = (await loadReportInput(dir))!
    expect(input.scenes).toEqual([])
    expect(input.shots).toEqual([])
    expect(input.warnings).toEqual([])
  })

  it('still renders when storyboard.json was edited into something invalid, and says so', async () => {
    write('manifest.json', manifest())
    write('storyboard.json', '{ "scenes": 3 }')
    const input = (await loadReportInput(dir))!
    expect(input.shots).toEqual([])
    expect(input.warnings?.[0]).toMatch(/^storyboard\.json left out: /)
  })

  it('is undefined for a folder without a manifest', async () => {
    expect(await loadReportInput(dir)).toBeUndefined()
  })
})
