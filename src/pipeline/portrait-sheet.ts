import { portraitRequest } from '../agents/portrait-artist.js'
import type { Character, PortraitView } from '../film.js'
import type { ImageInput } from '../providers/types.js'
import { extensionFor } from '../media/media-type.js'
import { firstImage } from './first-image.js'
import { mediaToInput } from './media-input.js'
import { madeBy, type RunContext } from './run-context.js'

/**
 * The cast's portraits, drawn on demand: a view is requested the first time a shot asks for it
 * (the front first, since side and back are edits that take it as their reference), so no
 * portrait a shot does not use is ever paid for.
 */
export interface PortraitSheet {
  /** The character is in the cast (asking starts nothing). */
  has(characterId: string): boolean
  /** Undefined for a character not in the cast. */
  view(characterId: string, view: PortraitView): Promise<ImageInput> | undefined
  /** Resolves once every view requested so far has settled: a run ends only after its calls do. */
  settled(): Promise<void>
}

export function createPortraitSheet(ctx: RunContext, cast: readonly Character[]): PortraitSheet {
  const characters = new Map(cast.map((character) => [character.id, character]))
  const requested = new Map<string, Promise<ImageInput>>()
  const sheet: PortraitSheet = {
    has: (characterId) => characters.has(characterId),
    view(characterId, view) {
      const character = characters.get(characterId)
      if (character === undefined) return undefined
      const key = `${characterId}\0${view}`
      let drawn = requested.get(key)
      if (drawn === undefined) {
        ctx.progress.expect('portraits', 1)
        drawn = view === 'front' ? drawView(ctx, character, 'front', undefined) : sheet.view(characterId, 'front')!.then((front) => drawView(ctx, character, view, front))
        requested.set(key, drawn)
      }
      return drawn
    },
    async settled() {
      // A view settling may not request another today, but a loop costs nothing and stays right if one does.
      for (let count = -1; count !== requested.size; ) {
        count = requested.size
        await Promise.allSettled(requested.values())
      }
    },
  }
  return sheet
}

async function drawView(ctx: RunContext, character: Character, view: PortraitView, front: ImageInput | undefined): Promise<ImageInput> {
  const { spec } = ctx
  const request = portraitRequest({ character, view, style: spec.style, seed: spec.seed, size: ctx.size, aspectRatio: spec.aspectRatio, front })
  const startedAt = ctx.now()
  const subject = `character ${character.id} (${view})`
  const result = await ctx.models.image.generate(request, { signal: ctx.signal, subject })
  const image = firstImage(result, ctx.models.image, subject)
  const meta = madeBy(ctx, { kind: 'portrait', subject, model: ctx.modelRefs.image, startedAt }, result)
  await ctx.artifacts.writeMedia(`portraits/${character.id}-${view}.${extensionFor(image.mediaType)}`, image, meta)
  ctx.progress.done('portraits', subject)
  return mediaToInput(image, `${character.name}, ${view} view`)
}

/**
 * Front views first, then side, then back, up to `limit` images. Every view asked for is awaited,
 * failed or not, before the first failure is passed on: none is left running unwatched.
 */
export async function referencesFor(sheet: PortraitSheet, characterIds: readonly string[], limit = 8): Promise<ImageInput[]> {
  const views: PortraitView[] = ['front', 'side', 'back']
  const wanted = views.flatMap((view) => characterIds.flatMap((id) => (sheet.has(id) ? [{ id, view }] : []))).slice(0, limit)
  const settled = await Promise.allSettled(wanted.map(({ id, view }) => sheet.view(id, view)!))
  const failed = settled.find((outcome) => outcome.status === 'rejected')
  if (failed !== undefined) throw failed.reason
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<ImageInput>).value)
}
