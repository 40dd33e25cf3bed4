import { PROVIDER_TYPES, type ConfigData } from '../config/config-schema.js'
import { ConfigError } from '../errors.js'
import { keyRequirement, providerKeyState } from './key-requirement.js'
import { parseModelRef } from './registry.js'

/**
 * Everything a run needs to reach its providers, checked before the first paid call: each
 * provider's type, base URL and key. Takes the refs by kind (chat, image, video, speech, music),
 * and lists every problem at once.
 */
export async function accessProblems(
  refs: Readonly<Record<string, string>>,
  providers: ConfigData['providers'],
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[]> {
  const kindsOf = new Map<string, string[]>()
  for (const [kind, ref] of Object.entries(refs)) {
    const { providerId } = parseModelRef(ref)
    kindsOf.set(providerId, [...(kindsOf.get(providerId) ?? []), kind])
  }
  const problems: string[] = []
  // One line per missing key: providers sharing a variable (gemini and gemini-openai) share the fix.
  const missing = new Map<string, { readonly at: number; readonly who: string[]; readonly ids: string[] }>()
  for (const [id, kinds] of kindsOf) {
    const config = providers?.[id]
    const who = `${kinds.join(', ')} (${id})`
    if (config === undefined) continue // resolveRunSettings names unknown providers
    const type = config.type ?? id
    if (type === 'offline') continue
    if (!(PROVIDER_TYPES as readonly string[]).includes(type)) {
      problems.push(`${who}: providers.${id} has no type; add "type:" (one of ${PROVIDER_TYPES.join(', ')})`)
      continue
    }
    if (config.base_url !== undefined && !isHttpUrl(config.base_url)) {
      problems.push(`${who}: providers.${id}.base_url: expected an http(s) URL, got ${JSON.stringify(config.base_url)}`)
    }
    if (type === 'comfyui') problems.push(...(await import('./comfyui/workflow-problems.js')).comfyWorkflowProblems(id, kinds, config))
    const requirement = await keyRequirement(id, config)
    if (type === 'compatible' && config.base_url === undefined && !(await isPresetName(config.preset))) {
      problems.push(`${who}: providers.${id} (type compatible) needs a base_url, e.g. http://localhost:8000/v1`)
    }
    if (requirement === undefined || requirement.optional) continue
    for (const variable of requirement.alsoRequired ?? []) {
      const also = providerKeyState(id, { envVars: [variable], optional: false }, env)
      if (!also.ok) problems.push(`${who}: ${also.variable} ${also.problem}; export ${also.variable}=<your ${id} key>`)
    }
    const state = providerKeyState(id, requirement, env)
    if (state.ok) continue
    const same = missing.get(state.variable) ?? { at: problems.length, who: [], ids: [] }
    missing.set(state.variable, same)
    same.who.push(who)
    same.ids.push(id)
    const owner = same.ids.length === 1 ? id : 'API'
    problems[same.at] = `${same.who.join(', ')}: ${state.variable} ${state.problem}; export ${state.variable}=<your ${owner} key>`
  }
  return problems
}

/** Throws one ConfigError (exit 2) naming every problem `accessProblems` found. */
export async function checkAccess(
  refs: Readonly<Record<string, string>>,
  providers: ConfigData['providers'],
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const problems = await accessProblems(refs, providers, env)
  if (problems.length === 0) return
  const keysOnly = problems.every((problem) => / (is not set|is a placeholder, not a key); export /.test(problem))
  throw new ConfigError(`cannot start: ${problems.length} problem${problems.length === 1 ? '' : 's'} with the providers this run needs (nothing was called)`, {
    code: keysOnly ? 'E_API_KEY_MISSING' : 'E_CONFIG_INVALID',
    details: problems,
    hint: 'set the keys in the environment or in .env in this folder, fix vimax.config.yaml, or run with --offline; `vimax doctor` checks a profile',
  })
}

async function isPresetName(name: string | undefined): Promise<boolean> {
  return name !== undefined && name in (await import('./openai-compatible/presets.js')).PRESETS
}

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol)
  } catch {
    return false
  }
}
