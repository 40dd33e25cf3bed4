import { z } from 'zod'

const nodeInput = z.string().regex(/^[^.\s]+\.[^.\s]+$/, 'a node input as "<node id>.<input name>", such as "6.text"')

/** Where each request value goes in the workflow; only the prompt is required. */
const inputs = z.strictObject({
  prompt: nodeInput.describe('the positive prompt text, e.g. "6.text" of a CLIPTextEncode node'),
  negative_prompt: nodeInput.optional().describe('a fixed negative prompt (the profile has none: the file\'s own text stays unless this is set)'),
  seed: nodeInput.optional().describe('the sampler\'s seed, e.g. "3.seed" (KSampler) or "25.noise_seed"'),
  width: nodeInput.optional(),
  height: nodeInput.optional(),
  image: nodeInput.optional().describe('a LoadImage node\'s "image": the reference (image) or first frame (video), uploaded first'),
  seconds: nodeInput.optional().describe('the clip\'s length in seconds, for nodes that take seconds'),
  frames: nodeInput.optional().describe('the clip\'s length in frames: seconds × fps + 1 (the first frame counts)'),
  fps: nodeInput.optional().describe('the frame rate the workflow saves at, set from `fps`'),
})

/** One kind's workflow: an API-format file (ComfyUI: Workflow → Export (API)) and its input mapping. */
export const comfyWorkflowSchema = z.strictObject({
  file: z.string().min(1).describe('the API-format workflow JSON, relative to the working folder'),
  inputs,
  fps: z.number().positive().optional().describe('video: frames per second, for `frames` and `fps` (default 16)'),
})

export const comfyWorkflowsSchema = z
  .strictObject({ image: comfyWorkflowSchema.optional(), video: comfyWorkflowSchema.optional() })
  .describe('comfyui: the workflow per kind, with where the prompt, seed, size, input image and duration go')

export type ComfyWorkflowConfig = z.infer<typeof comfyWorkflowSchema>
export type ComfyWorkflowsConfig = z.infer<typeof comfyWorkflowsSchema>
export type ComfyInputName = keyof ComfyWorkflowConfig['inputs']
