import path from 'node:path'
import { resolveCacheDir } from '../../cache/cache-dir.js'
import { withDotenv } from '../../config/dotenv.js'
import { loadConfig } from '../../config/load-config.js'
import { resolveRunSettings } from '../../config/run-settings.js'
import { priceBookFromConfig } from '../../cost/price-book-from-config.js'
import { providerTimeouts } from '../../providers/provider-timeouts.js'
import { parseModelRef } from '../../providers/registry.js'
import type { ModelKind } from '../../providers/types.js'
import { loadSpec } from '../../spec/load-spec.js'
import type { ResolvedSpec } from '../../spec/types.js'
import type { DoctorCheck } from '../doctor/doctor-check.js'
import { capabilityCheck } from '../doctor/capability-checks.js'
import { cacheChecks, mediaChecks } from '../doctor/local-checks.js'
import { priceCheck } from '../doctor/price-checks.js'
import { keyCheck, reachCheck } from '../doctor/provider-checks.js'
import { s3Checks } from '../doctor/s3-checks.js'
import { redisChecks } from '../doctor/redis-checks.js'
import { queueChecks } from '../doctor/queue-checks.js'
import { formatDoctor } from '../doctor/format-doctor.js'
import { fontCheck } from '../doctor/font-checks.js'
import type { CliIo } from '../io.js'
import { jsonStyleWithDeprecated } from '../json-style.js'

export interface DoctorFlags {
  readonly spec?: string
  readonly profile?: string
  readonly offline?: boolean
  readonly cacheDir?: string
  readonly json?: boolean
}

const REACH_TIMEOUT_MS = 5_000

/** A spec that asks for nothing: the profile alone decides the models. */
const NO_SPEC = { models: {} } as ResolvedSpec

/**
 * What the chosen profile needs, checked: keys present (never shown), each provider's host
 * reachable, what each model costs, ffmpeg and ffprobe, the cache folder and the ledger. Exits non-zero when the profile
 * cannot run, with the exit code a run would have failed with.
 */
export async function doctorCommand(flags: DoctorFlags, io: CliIo): Promise<number> {
  const env = withDotenv(io.env, io.cwd)
  const config = loadConfig({ cwd: io.cwd, env })
  const spec = flags.spec ? await loadSpec(path.resolve(io.cwd, flags.spec)) : NO_SPEC
  const settings = resolveRunSettings({ spec, config, env, offline: flags.offline, profile: flags.profile })
  const providers = [...new Set(Object.values(settings.modelRefs).map((ref) => parseModelRef(ref).providerId))]
  const checks: DoctorCheck[] = [{ name: 'models', ok: true, detail: Object.entries(settings.modelRefs).map(([kind, ref]) => `${kind} ${ref}`).join(' · ') }]
  const reach: Promise<DoctorCheck>[] = []
  for (const id of providers) {
    const provider = config.providers?.[id] ?? {}
    const key = await keyCheck(id, provider, env)
    if (key) checks.push(key)
    // Never longer than a run would wait for an answer from this provider.
    const answerMs = Math.min(REACH_TIMEOUT_MS, providerTimeouts(id, provider).http.headersMs ?? REACH_TIMEOUT_MS)
    if (provider.base_url) reach.push(reachCheck(id, provider.base_url, env, answerMs))
  }
  const models = Object.fromEntries(
    Object.entries(settings.modelRefs).map(([kind, ref]) => {
      const { providerId, modelId } = parseModelRef(ref)
      return [kind, { provider: providerId, model: modelId ?? config.providers?.[providerId]?.models?.[kind as ModelKind] ?? '' }]
    }),
  ) as Record<ModelKind, { provider: string; model: string }>
  checks.push(priceCheck(models, priceBookFromConfig(config), config.budget?.max_cost))
  checks.push(capabilityCheck(config.capabilities, settings.modelRefs.video, settings.generateAudio))
  const cacheDir = resolveCacheDir({ flag: flags.cacheDir, env, cwd: io.cwd, configDir: config.cache?.dir })
  checks.push(...(await Promise.all(reach)), ...(await mediaChecks(env)), ...(await cacheChecks(cacheDir, env)), ...(await s3Checks(config.cache, env)), ...(await redisChecks(config.cache, env)), ...(await queueChecks(config.cache, env)))
  checks.push(await fontCheck({ dir: config.fonts?.dir, env, language: flags.spec ? spec.language : undefined }))
  const failed = checks.filter((check) => !check.ok)
  const exitCode = failed[0]?.exitCode ?? (failed.length > 0 ? 2 : 0)
  if (flags.json) io.stdout.write(`${JSON.stringify({ ok: failed.length === 0, profile: settings.profile ?? null, checks: jsonStyleWithDeprecated(checks), exit_code: exitCode })}\n`)
  else io.stdout.write(formatDoctor(checks, { profile: settings.profile, color: Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env) }))
  return exitCode
}
