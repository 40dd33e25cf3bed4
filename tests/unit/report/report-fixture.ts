import type { Shot } from '../../../src/film.js'
import type { ReportCall, ReportInput } from '../../../src/report/report-input.js'

export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0)

export function shot(id: string, sceneId = '1', extra: Partial<Shot> = {}): Shot {
  return { id, sceneId, firstFrame: `frame of ${id}`, videoPrompt: `move in on ${id}`, characters: [], dialogue: [], seconds: 4, take: 0, ...extra }
}

let nextCallId = 1

export function call(extra: Partial<ReportCall> = {}): ReportCall {
  return {
    callId: nextCallId++,
    provider: 'fal',
    model: 'flux',
    kind: 'image',
    subject: undefined,
    startedAt: T0 + 100,
    queuedMs: 0,
    ms: 500,
    cached: false,
    resumed: false,
    ok: true,
    errorCode: undefined,
    costUsd: 0.04,
    savedUsd: undefined,
    ...extra,
  }
}

/** One scene, two shots, a portrait, and whatever the test overrides. */
export function reportInput(extra: Partial<ReportInput> = {}): ReportInput {
  return {
    title: 'The Last Keeper',
    status: 'complete',
    runId: '20261125-120000-abcdef',
    specPath: '/films/keeper.yaml',
    models: { chat: 'openai:gpt-4o', image: 'fal:flux', video: 'fal:kling' },
    startedAt: T0,
    wallMs: 12_000,
    logline: 'A keeper waits for a ship that never comes.',
    characters: [{ id: 'mira', name: 'Mira', appearance: 'grey braid', outfit: 'oilskin coat' }],
    scenes: [{ id: '1', slugline: 'EXT. LIGHTHOUSE - NIGHT', action: 'Rain on the lamp.', dialogue: [], characters: ['Mira'] }],
    shots: [shot('1.1'), shot('1.2')],
    artifacts: [
      { path: 'portraits/mira-front.png', kind: 'portrait', subject: 'character mira (front)', cached: false },
      { path: 'frames/shot-1.1.png', kind: 'frame', subject: 'shot 1.1', cached: false },
      { path: 'clips/shot-1.1.mp4', kind: 'clip', subject: 'shot 1.1', cached: false },
    ],
    calls: [],
    error: undefined,
    finishedShots: ['1.1'],
    ...extra,
  }
}
