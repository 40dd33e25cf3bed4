import { rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { PipelineEvent } from '../../../src/pipeline/events.js'
import { generate } from '../../../src/pipeline/generate.js'
import { createOffline } from '../../../src/providers/offline/index.js'
import type { ChatModel } from '../../../src/providers/types.js'
import { countingImage, countingVideo } from '../../support/counting-models.js'
import { tempDir } from '../../support/run-cli.js'
import { specFrom } from '../../support/spec-file.js'
import { OFFLINE_AUDIO_REFS, offlineAudio } from '../../support/offline-audio.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const IDEA = `
idea: A courier cycles across a flooded city to deliver a violin before the concert starts.
requirement: three scenes
`
/** The same film without sound: for what only the image and video lanes show. */
const SILENT_IDEA = `${IDEA}audio: false\n`

/** The offline writer, except that scene 2's storyboard is held until the test releases it. */
function gatedChat(model: ChatModel) {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const gated: ChatModel = {
    ...model,
    async generate(request, options) {
      if (request.schema?.name === 'storyboard' && options?.subject === 'scene 2') await gate
      return model.generate(request, options)
    },
  }
  return { model: gated, release }
}

describe('the pipeline is dataflow', () => {
  it("films scene 1's first shot while scene 2's storyboard is still held back", async () => {
    const dir = tempDir()
    dirs.push(dir)
    const spec = await specFrom(dir, IDEA)
    const offline = createOffline({ workDir: path.join(dir, 'work') })
    const chat = gatedChat(offline.chat!('writer'))
    const events: PipelineEvent[] = []
    let releasedAfter: string | undefined
    const run = generate({
      spec,
      models: { chat: chat.model, image: offline.image!('cards'), video: offline.video!('animatic'), ...offlineAudio(offline) },
      modelRefs: { chat: 'offline:writer', image: 'offline:cards', video: 'offline:animatic', ...OFFLINE_AUDIO_REFS },
      outDir: path.join(dir, 'out'),
      laneLimits: () => ({ concurrency: 8 }),
      emit(event) {
        events.push(event)
        // Release scene 2 only once scene 1's first clip is done: if the pipeline had a barrier
        // between storyboards and clips, this would never happen and the run would hang.
        if (event.type === 'shot:done' && event.shotId === '1.1' && !releasedAfter) {
          releasedAfter = event.shotId
          chat.release()
        }
      },
    })
    const result = await run
    expect(releasedAfter).toBe('1.1')
    const firstClip = events.findIndex((event) => event.type === 'shot:done' && event.shotId === '1.1')
    const scene2Board = events.findIndex((event) => event.type === 'stage:progress' && event.stage === 'storyboards' && event.subject === 'scene 2')
    expect(firstClip).toBeGreaterThanOrEqual(0)
    expect(scene2Board).toBeGreaterThan(firstClip)
    expect(result.scenes).toBe(3)
  }, 180_000) // with sound: each scene's lines are voiced before its clips, and that must not wait for scene 2 either

  it('never runs more calls at once than a lane allows', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const spec = await specFrom(dir, SILENT_IDEA)
    const offline = createOffline({ workDir: path.join(dir, 'work'), latencyMs: { image: 15, video: 15 } })
    const image = countingImage(offline.image!('cards'))
    const video = countingVideo(offline.video!('animatic'))
    const result = await generate({
      spec,
      models: { chat: offline.chat!('writer'), image: image.model, video: video.model, ...offlineAudio(offline) },
      modelRefs: { chat: 'offline:writer', image: 'offline:cards', video: 'offline:animatic', ...OFFLINE_AUDIO_REFS },
      outDir: path.join(dir, 'out'),
      laneLimits: (_provider, kind) => ({ concurrency: kind === 'image' ? 2 : 3 }),
    })
    expect(image.count.calls).toBe(result.calls.image)
    expect(image.count.maxInFlight).toBe(2)
    expect(video.count.calls).toBe(result.shots)
    expect(video.count.maxInFlight).toBeLessThanOrEqual(3)
    expect(video.count.maxInFlight).toBeGreaterThan(1)
  })
})
