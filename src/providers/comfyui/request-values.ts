import { takeSeed } from '../fit-request.js'
import type { ImageRequest, JsonValue, VideoRequest } from '../types.js'
import type { ComfyInputName } from './workflow-schema.js'
import type { ComfyWorkflow } from './workflow.js'

/** Latent sizes must be multiples of 8; most video models want 16. */
const snap = (pixels: number) => Math.max(16, Math.round(pixels / 16) * 16)

/**
 * The request as values for the workflow's mapped inputs. A seed goes in only when the run has
 * one or asks for another take; otherwise the file's own seed stays (a fixed file, a fixed result).
 */
export function requestValues(workflow: ComfyWorkflow, request: ImageRequest | VideoRequest): Partial<Record<ComfyInputName, JsonValue>> {
  const values: Partial<Record<ComfyInputName, JsonValue>> = { prompt: request.prompt, width: snap(request.width), height: snap(request.height) }
  if (request.seed !== undefined || request.take) values.seed = takeSeed(request.seed ?? 0, request.take) ?? 0
  if ('seconds' in request) {
    values.seconds = request.seconds
    // Wan and LTX count the first frame: 5 s at 16 fps is 81 frames.
    values.frames = Math.round(request.seconds * workflow.fps) + 1
    values.fps = workflow.fps
  }
  return values
}

/** What joins the cache key: the file's content and how the request maps into it. */
export function workflowFingerprint(workflow: ComfyWorkflow): Record<string, JsonValue> {
  return { workflow: workflow.digest, inputs: { ...workflow.inputs } as Record<string, JsonValue>, fps: workflow.fps }
}
