import { describe, expect, it } from 'vitest'
import { CancelledError } from '../../../src/errors.js'
import { decodePng } from '../../../src/media/png-decode.js'
import { createOfflineImageModel } from '../../../src/providers/offline/image.js'
import type { ImageRequest, Media } from '../../../src/providers/types.js'

const request: ImageRequest = {
  prompt: 'Shot 1.2\nMira stands at the end of the pier, looking at the lighthouse.',
  aspectRatio: '16:9',
  width: 1280,
  height: 720,
  references: [],
  seed: 42,
}

function bytesOf(media: Media | undefined): Uint8Array {
  if (media?.kind !== 'bytes') throw new Error('expected bytes')
  return media.bytes
}

describe('offline image model', () => {
  it('describes itself as an offline image model with a renderer fingerprint', () => {
    const model = createOfflineImageModel('cards')
    expect(model).toMatchObject({ kind: 'image', provider: 'offline', modelId: 'cards', fingerprint: { renderer: 1 } })
  })

  it('renders a PNG card of the requested size, showing its references', async () => {
    const model = createOfflineImageModel('cards')
    const portrait = bytesOf((await model.generate({ ...request, prompt: 'Mira — front', width: 720, height: 1280 })).images[0])
    const plain = await model.generate(request)
    const withRefs = await model.generate({ ...request, references: [{ bytes: portrait, mediaType: 'image/png', label: 'Mira, front' }] })
    expect(plain.warnings).toEqual([])
    expect(withRefs.images).toHaveLength(1)
    expect(withRefs.images[0]).toMatchObject({ kind: 'bytes', mediaType: 'image/png' })
    const decoded = decodePng(bytesOf(withRefs.images[0]))
    expect([decoded.width, decoded.height]).toEqual([1280, 720])
    expect(Buffer.from(bytesOf(withRefs.images[0])).equals(Buffer.from(bytesOf(plain.images[0])))).toBe(false)
  })

  it('is deterministic, and a new take draws a different card', async () => {
    const model = createOfflineImageModel('cards')
    const a = bytesOf((await model.generate(request)).images[0])
    const b = bytesOf((await createOfflineImageModel('cards').generate(request)).images[0])
    const reroll = bytesOf((await model.generate({ ...request, take: 1 })).images[0])
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    expect(Buffer.from(a).equals(Buffer.from(reroll))).toBe(false)
  })

  it('waits the simulated latency through the injected sleep, honouring the signal', async () => {
    const waits: number[] = []
    const model = createOfflineImageModel('cards', {
      latencyMs: { image: 250 },
      sleep: async (ms, signal) => {
        waits.push(ms)
        if (signal?.aborted) throw new CancelledError()
      },
    })
    await model.generate(request)
    expect(waits).toEqual([250])
    const controller = new AbortController()
    controller.abort()
    await expect(model.generate(request, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError)
  })
})
