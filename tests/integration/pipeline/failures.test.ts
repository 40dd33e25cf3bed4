import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { exitCodeFor } from '../../../src/cli/exit-code.js'
import { AgentError, ProviderError } from '../../../src/errors.js'
import { generate } from '../../../src/pipeline/generate.js'
import type { Manifest } from '../../../src/pipeline/manifest.js'
import { createOffline } from '../../../src/providers/offline/index.js'
import type { ChatModel, ImageModel } from '../../../src/providers/types.js'
import { tempDir } from '../../support/run-cli.js'
import { specFrom } from '../../support/spec-file.js'
import { OFFLINE_AUDIO_REFS, offlineAudio } from '../../support/offline-audio.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

async function setup(yaml: string) {
  const dir = tempDir()
  dirs.push(dir)
  const spec = await specFrom(dir, yaml)
  const offline = createOffline({ workDir: path.join(dir, 'work') })
  return { dir, spec, offline, outDir: path.join(dir, 'out') }
}

const refs = { chat: 'offline:writer', image: 'offline:cards', video: 'offline:animatic', ...OFFLINE_AUDIO_REFS }
const readManifest = (outDir: string) => JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest

describe('a failing run', () => {
  it('an answer still invalid after the repair stops the run with exit 3, naming the agent and scene', async () => {
    const { spec, offline, outDir } = await setup('idea: Two rival bakers share one oven.\nrequirement: three scenes\n')
    const writer = offline.chat!('writer')
    let storyboardCalls = 0
    const chat: ChatModel = {
      ...writer,
      async generate(request, options) {
        if (request.schema?.name === 'storyboard' && options?.subject === 'scene 2') {
          storyboardCalls += 1
          return { text: 'Sorry, I cannot draw storyboards today.' }
        }
        return writer.generate(request, options)
      },
    }
    const failure = await generate({
      spec,
      models: { chat, image: offline.image!('cards'), video: offline.video!('animatic'), ...offlineAudio(offline) },
      modelRefs: refs,
      outDir,
      laneLimits: () => ({ concurrency: 4 }),
    }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AgentError)
    expect((failure as AgentError).message).toMatch(/storyboard artist.*scene 2/)
    expect(exitCodeFor(failure)).toBe(3)
    expect(storyboardCalls).toBe(2) // the answer and one repair round-trip, no more
    const manifest = readManifest(outDir)
    expect(manifest.status).toBe('failed')
    expect(manifest.error?.code).toBe('E_AGENT_OUTPUT')
    expect(manifest.film).toBeUndefined()
  })

  it('a provider failure on one shot lets calls in flight finish and keeps them in the manifest', async () => {
    const { spec, offline, outDir } = await setup(`scenes:
  - shots:
      - { shot_id: a, first_frame: A lamp., video_prompt: Static. }
      - { shot_id: b, first_frame: A chair., video_prompt: Static. }
      - { shot_id: c, first_frame: A broken window., video_prompt: Static. }
`)
    const cards = offline.image!('cards')
    const image: ImageModel = {
      ...cards,
      async generate(request, options) {
        if (request.prompt.includes('broken window')) {
          throw new ProviderError('offline image cards: HTTP 500 for shot c', { code: 'E_PROVIDER_HTTP', provider: 'offline', subject: options?.subject })
        }
        return cards.generate(request, options)
      },
    }
    const failure = await generate({
      spec,
      models: { chat: offline.chat!('writer'), image, video: offline.video!('animatic'), ...offlineAudio(offline) },
      modelRefs: refs,
      outDir,
      laneLimits: () => ({ concurrency: 4 }),
    }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ProviderError)
    expect(exitCodeFor(failure)).toBe(3)
    const manifest = readManifest(outDir)
    expect(manifest.status).toBe('failed')
    const frames = manifest.artifacts.filter((artifact) => artifact.kind === 'frame').map((artifact) => artifact.subject)
    expect(frames.sort()).toEqual(['shot a', 'shot b'])
  })
})
