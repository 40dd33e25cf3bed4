import type { ConfigData } from '../config/config-schema.js'
import type { RunSettings } from '../config/run-settings.js'
import { builtinProviders } from '../providers/builtin.js'
import type { HttpLog, Redactor } from '../providers/http/index.js'
import type { OfflineOptions } from '../providers/offline/options.js'
import { createRegistry } from '../providers/registry.js'
import { MODEL_KINDS, type ModelsByKind } from '../providers/types.js'
import { ConfigError } from '../errors.js'
import type { ModelFallbacks } from '../pipeline/fallback-model.js'

export interface OpenedModels {
  readonly models: ModelsByKind
  /** Each kind's models after the first, from a profile's list. */
  readonly fallbacks: ModelFallbacks
  /** Closes the shared connection pool, so idle sockets do not hold the process open. */
  close(): Promise<void>
}

/**
 * The models a run uses (one per kind), built from the config through the registry. HTTP providers share
 * one undici agent (explicit timeouts), one redactor and one request log.
 */
export async function openModels(options: {
  readonly settings: RunSettings
  readonly config: ConfigData
  readonly env: NodeJS.ProcessEnv
  readonly redactor: Redactor
  readonly workDir: string
  readonly offline?: OfflineOptions
  readonly log?: HttpLog | undefined
}): Promise<OpenedModels> {
  // Fallback models are checked with the first choices: a key missing for one would surface only mid-run.
  const everyRef: Record<string, string> = { ...options.settings.modelRefs }
  for (const kind of MODEL_KINDS) options.settings.fallbackRefs[kind].forEach((ref, index) => (everyRef[`${kind}[${index + 1}]`] = ref))
  const needsNetwork = Object.values(everyRef).some((ref) => !ref.startsWith('offline'))
  // Every key and base URL the run will use, before the first paid call; an offline run asks for none.
  if (needsNetwork) await (await import('../providers/check-access.js')).checkAccess(everyRef, options.config.providers, options.env)
  // undici loads only when a run leaves the machine: offline runs stay fast to start.
  const dispatcher = needsNetwork ? (await import('../providers/http/agent.js')).createAgent({}, options.env) : undefined
  const registry = createRegistry(
    builtinProviders({
      providers: options.config.providers,
      env: options.env,
      transport: { redactor: options.redactor, downloadDir: options.workDir, ...(dispatcher && { dispatcher }), ...(options.log && { log: options.log }) },
      offline: { workDir: options.workDir, ...options.offline },
    }),
  )
  const refs = options.settings.modelRefs
  const models = {
    chat: await registry.model('chat', refs.chat),
    image: await registry.model('image', refs.image),
    video: await registry.model('video', refs.video),
    speech: await registry.model('speech', refs.speech),
    music: await registry.model('music', refs.music),
  }
  const fallbacks: Record<string, unknown[]> = {}
  for (const kind of MODEL_KINDS) {
    const list = options.settings.fallbackRefs[kind]
    for (const [index, ref] of list.entries()) {
      const model = await registry.model(kind, ref).catch((error: unknown) => {
        throw inChain(error, `profiles.${options.settings.profile ?? ''}.${kind}[${index + 1}]`)
      })
      ;(fallbacks[kind] ??= []).push(model)
    }
  }
  return { models, fallbacks: fallbacks as ModelFallbacks, close: async () => dispatcher?.close() }
}

/** A fallback model the registry cannot make, named by its place in the profile's list. */
function inChain(error: unknown, where: string): unknown {
  if (!(error instanceof ConfigError)) return error
  return new ConfigError(`${where}: ${error.message}`, { code: error.code, ...(error.hint !== undefined && { hint: error.hint }), cause: error })
}
