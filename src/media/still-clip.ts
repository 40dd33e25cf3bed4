import { existsSync } from 'node:fs'
import { copyFile, link, mkdir, rm, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { MediaError } from '../errors.js'
import { sha256 } from '../util/digest.js'
import { renderAnimatic } from './animatic.js'
import { renderCard } from './card.js'
import { cardTextFromPrompt } from './card-text.js'
import { extensionFor, ffmpegReadsStill, sniffMediaType } from './media-type.js'
import type { MediaOptions } from './run-ffmpeg.js'

export interface StillClipInput extends MediaOptions {
  /** The first frame; without one a card is drawn from the prompt. */
  readonly image?: { readonly bytes: Uint8Array; readonly mediaType: string }
  readonly prompt: string
  readonly seconds: number
  readonly width: number
  readonly height: number
  readonly fps: number
  readonly seed: number
  readonly workDir: string
}

/** Bump when the output of the same input changes, so files from older versions are not reused. */
export const STILL_CLIP_VERSION = 1

/** The still's file extension, which is how ffmpeg's image reader picks a decoder; undefined if unsupported. */
export function stillExtension(bytes: Uint8Array): string | undefined {
  const type = sniffMediaType(bytes)
  return type !== undefined && ffmpegReadsStill(type) ? extensionFor(type) : undefined
}

/**
 * An animatic clip from a still (or from a card of the prompt), named by a digest of everything
 * that shapes it. Rendering is deterministic, so a file already in `workDir` under that name is
 * the same clip and is reused (a kept render) instead of rendering again.
 *
 * Each call gets a file of its own — in a folder of its own, under the same name — because the
 * caller may move it (the blob store does): identical jobs handed one shared path raced, and all
 * but the first found it gone (ENOENT).
 */
export async function renderStillClip(input: StillClipInput): Promise<string> {
  const imageDigest = input.image ? sha256(input.image.bytes) : null
  const key = sha256(
    JSON.stringify([STILL_CLIP_VERSION, input.prompt, input.seconds, input.width, input.height, input.fps, input.seed, imageDigest]),
  )
  const name = `animatic-${key.slice(0, 24)}.mp4`
  const own = path.join(input.workDir, `.clip-${randomBytes(6).toString('hex')}`)
  const out = path.join(own, name)
  if (await reuse(path.join(input.workDir, name), out)) return out
  const bytes = input.image?.bytes ?? renderCardFromPrompt(input)
  const extension = stillExtension(bytes)
  if (extension === undefined) {
    const sniffed = sniffMediaType(bytes) ?? `declared ${input.image?.mediaType}`
    throw new MediaError(`the first frame is not a PNG, JPEG, WebP, GIF or TIFF image (${sniffed})`, {
      code: 'E_MEDIA_UNSUPPORTED_IMAGE',
      hint: 'reroll the frame, or use an image model that returns PNG or JPEG',
    })
  }
  await mkdir(own, { recursive: true })
  const still = path.join(own, `still.${extension}`)
  await writeFile(still, bytes)
  try {
    await renderAnimatic({
      imagePath: still,
      outPath: out,
      seconds: input.seconds,
      width: input.width,
      height: input.height,
      fps: input.fps,
      seed: input.seed,
      signal: input.signal,
      env: input.env,
    })
  } catch (error) {
    await rm(own, { recursive: true, force: true })
    throw error
  } finally {
    await rm(still, { force: true })
  }
  return out
}

/** A render kept under its plain name, linked (or copied) into the caller's own folder. */
async function reuse(kept: string, out: string): Promise<boolean> {
  if (!existsSync(kept)) return false
  await mkdir(path.dirname(out), { recursive: true })
  try {
    await link(kept, out)
    return true
  } catch {
    // Another device, or the kept file went meanwhile: copy it, else render afresh.
    return copyFile(kept, out).then(
      () => true,
      () => false,
    )
  }
}

function renderCardFromPrompt(input: StillClipInput): Uint8Array {
  const { heading, body } = cardTextFromPrompt(input.prompt)
  return renderCard({ width: input.width, height: input.height, heading, body, thumbnails: [], seed: input.seed })
}
