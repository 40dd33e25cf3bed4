import { z } from 'zod'
import { comfyWorkflowsSchema } from '../providers/comfyui/workflow-schema.js'
import { capabilityTableSchema } from '../providers/capabilities/capability-schema.js'

/** Duration strings as in the CLI flags: 500ms, 10s, 5m. */
const duration = z.string().regex(/^\s*\d+(\.\d+)?\s*(ms|s|m|h)?\s*$/, 'a duration such as 500ms, 10s or 5m')
/** Cache lifetimes: days are the natural unit. */
const ttlDuration = z.string().regex(/^\s*\d+(\.\d+)?\s*(ms|s|m|h|d)\s*$/, 'a duration such as 12h, 30d')
const modelRef = z.string().regex(/^[a-z0-9][a-z0-9-]*(:.+)?$/, '"provider" or "provider:model"')

const lane = z.strictObject({
  concurrency: z.number().int().min(1).max(256).optional().describe('calls (for video: jobs) in flight at once'),
  rpm: z.number().int().min(1).optional().describe('call starts per rolling minute'),
})

export const PROVIDER_TYPES = ['offline', 'openai', 'compatible', 'gemini', 'openrouter', 'fal', 'elevenlabs', 'kling', 'minimax', 'replicate', 'comfyui'] as const

/** How long to wait, per provider; every timeout's hint names the field that fired. */
const timeouts = z.strictObject({
  request: duration.optional().describe('the longest wait for an answer to begin, per attempt; silence is retried once (default 3m)'),
  body: duration.optional().describe('the longest silence inside an answer being received (default 1m)'),
  total: duration.optional().describe('one call, every attempt and wait between them included (default 15m)'),
  video_job: duration.optional().describe('a video job, from its start until the run stops waiting; a rerun resumes it (default 20m)'),
  image_job: duration.optional().describe('a queued image request (fal, Replicate, ComfyUI) until the run stops waiting (default 5m; ComfyUI 10m)'),
})

const provider = z.strictObject({
  type: z.enum(PROVIDER_TYPES).optional().describe('which implementation; defaults to the shipped entry of the same name'),
  preset: z.string().optional().describe('for type compatible: openrouter, ollama, vllm, deepseek or gemini-openai (chat); kokoro or piper (speech)'),
  base_url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
  api_key_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name').optional(),
  models: z
    .strictObject({ chat: z.string().optional(), image: z.string().optional(), video: z.string().optional(), speech: z.string().optional(), music: z.string().optional() })
    .optional(),
  lanes: z
    .strictObject({ chat: lane.optional(), image: lane.optional(), video: lane.optional(), speech: lane.optional(), music: lane.optional() })
    .optional(),
  poll_interval: duration.optional(),
  timeout: duration.optional().describe('overall deadline of one call, retries included (timeouts.total wins)'),
  timeouts: timeouts.optional(),
  max_retries: z.number().int().min(0).max(10).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  speech: z
    .strictObject({
      response_format: z
        .enum(['pcm', 'wav', 'mp3', 'opus', 'aac', 'flac'], { error: 'one of pcm, wav, mp3, opus, aac, flac' })
        .optional()
        .describe('what /audio/speech answers with (openai and compatible): pcm (default for openai, kept as WAV), wav (default for compatible), or mp3, opus, aac, flac (decoded by ffmpeg in the mix)'),
      instructions: z
        .string()
        .optional()
        .describe('style instructions for every line (gpt-4o-mini-tts); a character\'s voice_style in the spec wins'),
    })
    .optional()
    .describe('speech options of an openai or compatible provider'),
  workflows: comfyWorkflowsSchema.optional(),
})

/** One model, or models in order: a call the first refuses (or cannot serve) moves to the next. */
const modelChoice = z
  .union([modelRef, z.array(modelRef).min(1, 'at least one model')], { error: '"provider:model", or a list of them in order of preference' })
  .describe('a model, or a list tried in order: a refusal or an outage moves that one call to the next')

const profile = z.strictObject({
  description: z.string().optional(),
  chat: modelChoice.optional(),
  image: modelChoice.optional(),
  video: modelChoice.optional(),
  speech: modelChoice.optional(),
  music: modelChoice.optional(),
  generate_audio: z
    .boolean({ error: 'true or false' })
    .optional()
    .describe('video models that make sound (Veo 3, fal and OpenRouter models with an audio switch) make each clip\'s sound; it becomes the film\'s ambience stem (default false)'),
})

const USD = 'a price in USD (a number ≥ 0)'
const usd = z.number({ error: USD }).min(0, USD)
const RESOLUTION_PRICE = 'a price in USD, or prices by resolution such as { 720p: 0.15, 1080p: 0.40 }'
// The record's own error names the key's form: a wrong key ("720") is reported at that key.
const resolutionPrice = z.union([usd, z.record(z.string().regex(/^\d+p$/), usd, { error: 'prices by resolution keyed like 720p or 1080p' })], { error: RESOLUTION_PRICE })

const price = z
  .strictObject({
    input_per_million: usd.optional().describe('chat: USD per million input (prompt) tokens; needs output_per_million too'),
    output_per_million: usd.optional().describe('chat: USD per million output (completion) tokens; needs input_per_million too'),
    per_image: resolutionPrice
      .optional()
      .describe('image: USD per image, or per image by resolution (the short side: 720p, 1080p); the nearest tier at or above the request is used'),
    per_second: resolutionPrice
      .optional()
      .describe('video: USD per second, or per second by resolution (the short side: 720p, 1080p); the nearest tier at or above the request is used'),
    per_second_with_audio: resolutionPrice
      .optional()
      .describe('video: USD per second of a clip made with its sound (generate_audio), where the vendor charges more for it; else per_second'),
    per_million_characters: usd.optional().describe('speech: USD per million characters of text spoken (vendors that bill characters)'),
  })
  .superRefine(
    (entry, ctx) => {
      // One token price alone would leave the other to be guessed.
      if ((entry.input_per_million === undefined) !== (entry.output_per_million === undefined)) {
        const missing = entry.input_per_million === undefined ? 'input_per_million' : 'output_per_million'
        ctx.addIssue({ code: 'custom', path: [missing], message: `a price per million ${missing.split('_')[0]} tokens too (chat prices come in pairs)` })
      }
    },
    // A misspelt field is reported as such, not also as a missing one.
    { when: (payload) => payload.issues.length === 0 },
  )

const PRICE_KEY = /^[a-z0-9][a-z0-9-]*:\S+$/
const prices = z.record(z.string().regex(PRICE_KEY), price, {
  error: (issue) => (issue.code === 'invalid_key' ? 'a key "provider:model", such as "openai:gpt-4.1-mini" (or "ollama:*" for every model)' : undefined),
})

/** configs/providers.yaml, configs/prices.yaml and a person's vimax.config.yaml share this shape. */
export const configSchema = z.strictObject({
  profile: z.string().optional().describe('the profile used when neither --profile nor VIMAX_PROFILE says'),
  providers: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lowercase name'), provider).optional(),
  profiles: z.record(z.string(), profile).optional(),
  cache: z
    .strictObject({
      dir: z.string().optional().describe('cache folder, relative to this file (default ~/.cache/vimax); --cache-dir and VIMAX_CACHE_DIR win'),
      max_size: z.string().optional().describe('after each run, prune the cache below this size (e.g. 5GB)'),
      store: z.string().optional().describe('where records live: redis://[user:password@]host:port[/db] (or rediss://) for a team cache; or sqlite (the file in the cache folder, the default); when absent, REDIS_URL if set'),
      required: z.boolean().optional().describe('true: a cache store that cannot be reached fails the run (exit 2) instead of running uncached'),
      blobs: z.string().optional().describe('where media bytes live: s3://bucket/prefix for a team bucket (S3, MinIO, R2); default the cache folder; credentials from the standard AWS variables'),
      s3: z
        .strictObject({
          endpoint: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional().describe('the S3 API of MinIO, R2 or another S3-compatible store; absent for AWS'),
          region: z.string().optional().describe('the bucket\'s region (default AWS_REGION, else us-east-1; R2: auto)'),
          force_path_style: z.boolean().optional().describe('address the bucket as host/bucket rather than bucket.host (MinIO: true)'),
        })
        .optional(),
      local_copy: z.string().optional().describe('with cache.blobs on S3: the most disk the local read-through copy of blobs keeps (default 5GB)'),
      ttl: z
        .union([ttlDuration, z.strictObject({ chat: ttlDuration.optional(), image: ttlDuration.optional(), video: ttlDuration.optional(), speech: ttlDuration.optional(), music: ttlDuration.optional() })])
        .optional()
        .describe('how long a result stays cached after it was made, for every kind (30d) or per kind ({ chat: 30d, video: 180d }); VIMAX_CACHE_TTL wins'),
    })
    .optional(),
  prices: prices
    .optional()
    .describe('USD list prices keyed "provider:model"; an entry replaces the shipped one of the same key; a model not listed costs "unknown", never 0'),
  capabilities: capabilityTableSchema
    .optional()
    .describe('what each video model takes, keyed "provider:model" (* for a family): seconds, aspect_ratios, resolutions, first_frame, last_frame, references, audio, max_prompt_chars; a row replaces the fields it sets of the shipped row of the same key'),
  budget: z
    .strictObject({
      max_cost: z.number().positive().optional().describe('USD a run may spend at most; --max-cost wins'),
    })
    .optional(),
  fonts: z
    .strictObject({
      dir: z.string().optional().describe('a folder of .ttf/.otf/.ttc fonts searched before the system fonts (CJK, Arabic); VIMAX_FONTS_DIR wins'),
    })
    .optional(),
})

export type ConfigData = z.infer<typeof configSchema>
export type ProviderConfig = z.infer<typeof provider>
export type ProfileConfig = z.infer<typeof profile>
