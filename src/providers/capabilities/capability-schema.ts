import { z } from 'zod'

const ASPECTS = ['16:9', '9:16', '1:1'] as const

/**
 * One row of the capability table (configs/capabilities.yaml, or `capabilities:` in
 * vimax.config.yaml): what a video model takes, so the storyboard is fitted before paying.
 * Every field is optional; an unset one takes the conservative default (model-capabilities.ts).
 */
export const capabilityRowSchema = z.strictObject({
  seconds: z
    .array(z.number().int().min(1).max(600), { error: 'a list of whole seconds such as [4, 6, 8]' })
    .min(1)
    .optional()
    .describe('the clip durations the model makes, in whole seconds; absent: any whole second'),
  aspect_ratios: z
    .array(z.enum(ASPECTS, { error: 'one of "16:9", "9:16", "1:1"' }))
    .min(1)
    .optional()
    .describe('the frame shapes it makes; absent: all three'),
  resolutions: z.array(z.string().regex(/^\d+p$|^\dK$/, 'a resolution such as 720p or 4K')).optional().describe('what `vimax doctor` lists; informational'),
  first_frame: z.boolean({ error: 'true or false' }).optional().describe('takes the shot\'s frame as the first frame (default true)'),
  last_frame: z.boolean({ error: 'true or false' }).optional().describe('takes a last frame (default false)'),
  references: z.number().int().min(0).max(16).optional().describe('how many reference images go with the clip (the shot\'s characters\' portraits); 0 = none (default)'),
  audio: z.enum(['none', 'optional', 'always'], { error: 'none, optional or always' }).optional().describe('whether the clip has its own sound'),
  max_prompt_chars: z.number().int().min(1).optional().describe('longer prompts are cut before paying'),
})

export type CapabilityRow = z.infer<typeof capabilityRowSchema>

const CAPABILITY_KEY = /^[a-z0-9*][a-z0-9*-]*:\S+$/

export const capabilityTableSchema = z.record(z.string().regex(CAPABILITY_KEY), capabilityRowSchema, {
  error: (issue) => (issue.code === 'invalid_key' ? 'a key "provider:model", such as "fal:fal-ai/veo3*" (* matches any characters)' : undefined),
})

export type CapabilityTable = z.infer<typeof capabilityTableSchema>
