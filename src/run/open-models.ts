import type { ConfigData } from '../config/config-schema.js'
import type { RunSettings } from '../config/run-settings.js'
import { builtinProviders } from '../providers/builtin.js'
import type { HttpLog, Redactor } from '../providers/http/index.js'
import type { OfflineOptions } from '../providers/offline/options.js'
import { createRegistry } from '../providers/registry.js'
import type { ModelsByKind } from '../providers/types.js'

export interface OpenedModels {
  readonly models: ModelsByKind
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
  const needsNetwork = Object.values(options.settings.modelRefs).some((ref) => !ref.startsWith('offline'))
  // Every key and base URL the run will use, before the first paid call; an offline run asks for none.
  if (needsNetwork) await (await import('../providers/check-access.js')).checkAccess(options.settings.modelRefs, options.config.providers, options.env)
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
  return { models, close: async () => dispatcher?.close() }
}
