import { portraitRequest } from '../agents/portrait-artist.js'
import type { Character, PortraitView } from '../film.js'
import type { ImageInput } from '../providers/types.js'
import { extensionFor } from '../media/media-type.js'
import { firstImage } from './first-image.js'
import { mediaToInput } from './media-input.js'
import { madeBy, type RunContext } from './run-context.js'

export type PortraitSheet = ReadonlyMap<string, { readonly [view in PortraitView]: Promise<ImageInput> }>

/**
 * Starts every character's portraits at once: the front view first, then side and back in
 * parallel as edits that take the front as their reference, so identity is anchored in one image.
 */
export function startPortraits(ctx: RunContext, cast: readonly Character[]): PortraitSheet {
  ctx.progress.expect('portraits', cast.length * 3)
  const sheet = new Map<string, { [view in PortraitView]: Promise<ImageInput> }>()
  for (const character of cast) {
    const front = drawView(ctx, character, 'front', undefined)
    const edit = (view: PortraitView) => front.then((input) => drawView(ctx, character, view, input))
    sheet.set(character.id, { front, side: edit('side'), back: edit('back') })
  }
  // Failures surface where a shot awaits the view; this only stops an unawaited view crashing the process.
  for (const views of sheet.values()) for (const view of Object.values(views)) view.catch(() => undefined)
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

/** Front views first, then side, then back, up to `limit` images. */
export async function referencesFor(sheet: PortraitSheet, characterIds: readonly string[], limit = 8): Promise<ImageInput[]> {
  const views: PortraitView[] = ['front', 'side', 'back']
  const wanted = views.flatMap((view) => characterIds.flatMap((id) => (sheet.get(id) ? [sheet.get(id)![view]] : []))).slice(0, limit)
  return Promise.all(wanted)
}
