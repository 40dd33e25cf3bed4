import { copyFile, link, mkdir, readdir } from 'node:fs/promises'
import path from 'node:path'
import { modelCacheKey } from '../cache/cache-key.js'
import type { ImageModel, ImageResult, ModelsByKind, MusicModel, MusicResult, SpeechModel, SpeechResult, VideoModel } from '../providers/types.js'
import { sleep as realSleep, type Sleep } from '../util/sleep.js'

/**
 * The offline provider renders for real: a storyboard card per image (synchronous, on the main
 * thread) and an ffmpeg animatic per clip. A real provider does that work on its own machines, so
 * in a bench it is noise — on two cores, ten parallel renders outlast a simulated 6 s video job.
 * The same holds for the soundtrack's calls: an eSpeak process per line and an ffmpeg score.
 * This keeps each render the first time it is made and serves it again to later runs of the same
 * spec, still after the full simulated latency: timed runs measure vimax, not the simulator.
 */
export interface RenderReuse {
  /** Wraps one run's fresh offline models; `workDir` is the offline provider's render folder. */
  wrap(models: ModelsByKind, workDir: string): Promise<ModelsByKind>
}

export function createRenderReuse(options: {
  readonly dir: string
  readonly imageLatencyMs: number
  /** The simulated latencies of a spoken line and a music bed (0 when not given). */
  readonly speechLatencyMs?: number
  readonly musicLatencyMs?: number
  readonly sleep?: Sleep
}): RenderReuse {
  const images = new Map<string, ImageResult>()
  const sounds = new Map<string, SpeechResult | MusicResult>()
  const sleep = options.sleep ?? realSleep
  const clipsDir = path.join(options.dir, 'clips')

  const image = (model: ImageModel): ImageModel => ({
    ...model,
    async generate(request, call) {
      const key = modelCacheKey(model, request)
      const kept = images.get(key)
      if (kept === undefined) {
        const result = await model.generate(request, call)
        if (result.images.every((media) => media.kind === 'bytes')) images.set(key, result)
        return result
      }
      await sleep(options.imageLatencyMs, call?.signal)
      return { images: kept.images, warnings: kept.warnings }
    },
  })

  // Speech and music answers are bytes (WAV): kept in memory, served again after the latency.
  const sound = <M extends SpeechModel | MusicModel>(model: M, latencyMs: number): M => {
    const generate = async (request: Parameters<M['generate']>[0], call?: Parameters<M['generate']>[1]) => {
      const key = modelCacheKey(model, request)
      const kept = sounds.get(key)
      if (kept === undefined) {
        const result = await (model.generate as (r: typeof request, c: typeof call) => Promise<SpeechResult | MusicResult>)(request, call)
        if (result.audio.kind === 'bytes') sounds.set(key, result)
        return result
      }
      await sleep(latencyMs, call?.signal)
      return kept
    }
    return { ...model, generate } as M
  }

  // The offline video model names each animatic by a digest of its request and reuses a file
  // already there (src/media/still-clip.ts): so keeping the files is enough, and its job still
  // stays pending for the simulated latency.
  const video = (model: VideoModel): VideoModel => ({
    ...model,
    async status(job, call) {
      const status = await model.status(job, call)
      if (status.state === 'done' && status.video.kind === 'file') await keep(status.video.path, path.join(clipsDir, path.basename(status.video.path)))
      return status
    },
  })

  return {
    async wrap(models, workDir) {
      await mkdir(clipsDir, { recursive: true })
      await mkdir(workDir, { recursive: true })
      for (const name of await readdir(clipsDir)) await keep(path.join(clipsDir, name), path.join(workDir, name))
      return {
        ...models,
        image: image(models.image),
        video: video(models.video),
        speech: sound(models.speech, options.speechLatencyMs ?? 0),
        music: sound(models.music, options.musicLatencyMs ?? 0),
      }
    },
  }
}

/** A hard link (the run moves its copy into the cache), a copy across devices; an existing file is the same render. */
async function keep(from: string, to: string): Promise<void> {
  await link(from, to).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') return
    await copyFile(from, to)
  })
}
