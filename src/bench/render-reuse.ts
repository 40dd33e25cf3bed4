import { copyFile, link, mkdir, readdir } from 'node:fs/promises'
import path from 'node:path'
import { modelCacheKey } from '../cache/cache-key.js'
import type { ImageModel, ImageResult, ModelsByKind, VideoModel } from '../providers/types.js'
import { sleep as realSleep, type Sleep } from '../util/sleep.js'

/**
 * The offline provider renders for real: a storyboard card per image (synchronous, on the main
 * thread) and an ffmpeg animatic per clip. A real provider does that work on its own machines, so
 * in a bench it is noise — on two cores, ten parallel renders outlast a simulated 6 s video job.
 * This keeps each render the first time it is made and serves it again to later runs of the same
 * spec, still after the full simulated latency: timed runs measure vimax, not the simulator.
 */
export interface RenderReuse {
  /** Wraps one run's fresh offline models; `workDir` is the offline provider's render folder. */
  wrap(models: ModelsByKind, workDir: string): Promise<ModelsByKind>
}

export function createRenderReuse(options: { readonly dir: string; readonly imageLatencyMs: number; readonly sleep?: Sleep }): RenderReuse {
  const images = new Map<string, ImageResult>()
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
      return { ...models, image: image(models.image), video: video(models.video) }
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
