/**
 * The toolkit API: `import { generate } from 'vimax'`. The CLI is one client of it; everything
 * here is kept stable within a major version, and nothing here prints or exits.
 */
export { runGenerate as generate } from './run/run-generate.js'
export type { GenerateOptions, GeneratePlan, GenerateRunResult } from './run/generate-options.js'

export { loadSpec, type LoadSpecOptions } from './spec/load-spec.js'
export type { ResolvedSpec } from './spec/types.js'

export { openCache, type OpenCache, type OpenCacheOptions } from './cache/open-cache.js'
export { cachePaths, resolveCacheDir, type CachePaths } from './cache/cache-dir.js'

export { AgentError, BudgetError, CancelledError, ConfigError, MediaError, ProviderError, VimaxError, isVimaxError } from './errors.js'
export type { ProviderErrorOptions, VimaxErrorOptions } from './errors.js'

export type { CallEnd, PipelineEvent, StageName } from './pipeline/events.js'
export type { GenerateResult } from './pipeline/finish-run.js'
export type { RunPlan, PlanRow } from './pipeline/run-plan.js'
export type { AspectRatio, Character, Scene, Script, Shot } from './film.js'
export type { ChatModel, ImageModel, ModelKind, MusicModel, SpeechModel, VideoModel } from './providers/types.js'
