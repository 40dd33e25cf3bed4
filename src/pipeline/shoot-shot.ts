import { clipRequest, shootClip } from '../agents/camera-operator.js'
import { frameRequest } from '../agents/frame-artist.js'
import type { Shot } from '../film.js'
import { extensionFor } from '../media/media-type.js'
import { fitVideoRequest } from '../providers/capabilities/fit-video-request.js'
import type { ArtifactRecord } from './artifacts.js'
import { clipReferences } from './clip-references.js'
import { firstImage } from './first-image.js'
import { mediaToInput } from './media-input.js'
import { referencesFor, type PortraitSheet } from './portrait-sheet.js'
import { madeBy, type RunContext } from './run-context.js'
import { reaches } from './run-until.js'

export interface ShotResult {
  readonly shot: Shot
  readonly frame: ArtifactRecord
  /** Absent when the run stops after frames. */
  readonly clip?: ArtifactRecord
}

/** One shot: its frame (with its characters' portraits as references), then its clip. */
export async function shootShot(ctx: RunContext, shot: Shot, portraits: PortraitSheet): Promise<ShotResult> {
  const { spec, models } = ctx
  const subject = shotSubject(shot)
  const base = `shot-${fileSafe(shot.id)}`
  const references = await referencesFor(portraits, shot.characters)

  const frameStarted = ctx.now()
  const request = frameRequest({ shot, references, style: spec.style, seed: spec.seed, size: ctx.size, aspectRatio: spec.aspectRatio })
  const drawn = await models.image.generate(request, { signal: ctx.signal, subject })
  const image = firstImage(drawn, models.image, subject)
  const frameMeta = madeBy(ctx, { kind: 'frame', subject, model: ctx.modelRefs.image, startedAt: frameStarted }, drawn)
  const frame = await ctx.artifacts.writeMedia(`frames/${base}.${extensionFor(image.mediaType)}`, image, frameMeta)
  ctx.progress.done('frames', subject)
  if (!reaches(ctx.until, 'clips')) return { shot, frame }

  const clipStarted = ctx.now()
  // The label joins the cache key: naming the shot here would make identical shots two paid calls.
  const input = await mediaToInput(image, 'first frame')
  // Our voices speak the lines: a clip that voiced them too would double them, and an edited
  // line would buy the clip again.
  const spoken = spec.sound === false ? shot : { ...shot, dialogue: [] }
  const asked = clipRequest({ shot: spoken, frame: input, style: spec.style, seed: spec.seed, size: ctx.size, aspectRatio: spec.aspectRatio })
  const clipRefs = await clipReferences(portraits, shot, ctx.videoCapabilities.references)
  // Only when on: a silent clip keeps the cache key it always had.
  const wanted = { ...asked, ...(ctx.generateAudio === true && { generateAudio: true }), ...(clipRefs.length > 0 && { references: clipRefs }) }
  const fitted = fitVideoRequest(ctx.videoCapabilities, wanted)
  if (fitted.promptCut) {
    ctx.emit({ type: 'warning', message: `${subject}: the clip prompt was cut from ${fitted.promptCut.from} to ${fitted.promptCut.to} characters (${ctx.modelRefs.video} takes no more)` })
  }
  const shotRequest = fitted.request
  const shotClip = await shootClip(models.video, shotRequest, { signal: ctx.signal, stop: ctx.abandonPolls, subject, sleep: ctx.sleep, now: ctx.now })
  const made = madeBy(ctx, { kind: 'clip', subject, model: ctx.modelRefs.video, startedAt: clipStarted }, { ...shotClip.job, ...shotClip.meta })
  const sent = shotRequest.references?.map((reference) => reference.label)
  const clipMeta = sent ? { ...made, references: sent } : made
  const clip = await ctx.artifacts.writeMedia(`clips/${base}.${extensionFor(shotClip.video.mediaType)}`, shotClip.video, clipMeta)
  ctx.progress.done('clips', subject)
  ctx.emit({ type: 'shot:done', shotId: shot.id, sceneId: shot.sceneId })
  return { shot, frame, clip }
}

/** What a shot's calls and artifacts are about: the ledger, manifest and report match them by it. */
export function shotSubject(shot: Pick<Shot, 'id'>): string {
  return `shot ${shot.id}`
}

/** Shot ids come from specs; file names must not escape their folder. */
export function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_')
}
