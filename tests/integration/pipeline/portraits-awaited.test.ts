import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openCache } from '../../../src/cache/open-cache.js'
import { paidByThisRun, type PipelineEvent } from '../../../src/pipeline/events.js'
import { generate } from '../../../src/pipeline/generate.js'
import type { RunUntil } from '../../../src/pipeline/run-until.js'
import { createOffline } from '../../../src/providers/offline/index.js'
import type { ImageModel } from '../../../src/providers/types.js'
import { tempDir } from '../../support/run-cli.js'
import { specFrom } from '../../support/spec-file.js'
import { OFFLINE_AUDIO_REFS, offlineAudio } from '../../support/offline-audio.js'

// Orrin is cast but no shot shows him: his portraits are nothing the film uses.
const SPEC = `
title: The Clock Keepers
aspect_ratio: "16:9"
characters:
  - { name: Ada, appearance: a clockmaker with short grey hair, outfit: a leather apron }
  - { name: Orrin, appearance: a tall apprentice with red curls, outfit: a blue smock }
scenes:
  - shots:
      - { shot_id: 1, first_frame: Ada winds the great clock., video_prompt: Slow push in., characters: [Ada] }
      - { shot_id: 2, first_frame: Gears turn in the dark., video_prompt: Static close-up. }
`

const dirs: string[] = []
// Edits of a portrait nobody needs are held until the test ends: a run that does not await its calls returns without them.
let release!: () => void
const held = new Promise<void>((resolve) => (release = resolve))
afterAll(() => {
  release()
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }))
})

/** The offline image model, counting calls as they start (that is when a vendor bills them). */
function slowEdits(model: ImageModel): { model: ImageModel; started: string[] } {
  const started: string[] = []
  return {
    started,
    model: {
      ...model,
      async generate(request, options) {
        started.push(options?.subject ?? '?')
        if (request.references.length > 0 && request.prompt.startsWith('Orrin')) await held
        return model.generate(request, options)
      },
    },
  }
}

type ManifestJson = { artifacts: { path: string; kind: string }[] }

async function run(dir: string, until: RunUntil) {
  const spec = await specFrom(dir, SPEC)
  const offline = createOffline({ workDir: path.join(dir, 'work') })
  const image = slowEdits(offline.image!('cards'))
  const cache = await openCache({ cacheDir: path.join(dir, 'cache'), warn: () => undefined, scratchDir: path.join(dir, 'scratch') })
  const events: PipelineEvent[] = []
  const outDir = path.join(dir, 'out')
  try {
    await generate({
      spec,
      models: { chat: offline.chat!('writer'), image: image.model, video: offline.video!('animatic'), ...offlineAudio(offline) },
      modelRefs: { chat: 'offline:writer', image: 'offline:cards', video: 'offline:animatic', ...OFFLINE_AUDIO_REFS },
      outDir,
      laneLimits: () => ({ concurrency: 8 }),
      layer: cache.layer,
      memo: cache.memo,
      until,
      emit: (event) => events.push(event),
    })
  } finally {
    await cache.close()
  }
  const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as ManifestJson
  const paid = events.filter((event) => event.type === 'call:end' && event.kind === 'image' && paidByThisRun(event))
  const kept = manifest.artifacts.filter((artifact) => artifact.kind === 'portrait' || artifact.kind === 'frame')
  return { started: image.started, paid, kept }
}

describe.each(['film', 'frames'] as const)('a run to the %s', (until) => {
  it('ends only after every image call it started, keeps each one, and draws no portrait a shot does not use', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const first = await run(dir, until)
    // Ada's three views and two frames: all paid for, all in the manifest; nothing of Orrin's.
    expect(first.started.filter((subject) => subject.includes('orrin'))).toEqual([])
    expect(first.started).toHaveLength(5)
    expect(first.paid).toHaveLength(first.started.length)
    expect(first.kept).toHaveLength(first.started.length)

    const again = await run(dir, until)
    expect(again.started).toEqual([]) // everything paid for was kept in the cache
  })
})
