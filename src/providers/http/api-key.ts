import { ConfigError } from '../../errors.js'

export interface LoadApiKeyInput {
  /** Named in the error: "openai". */
  readonly provider: string
  /** The environment variable(s) to read, first found wins; the first is named in the error. */
  readonly envVar: string | readonly string[]
  /** An explicit setting; wins over the environment. */
  readonly value?: string | undefined
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** What the key's variables hold: a usable key, or why there is none (never the value itself). */
export type ApiKeyState =
  | { readonly ok: true; readonly key: string; readonly variable: string }
  | { readonly ok: false; readonly problem: 'is not set' | 'is a placeholder, not a key'; readonly variable: string }

/**
 * The one rule for "is there a key": the explicit value, then each variable in order; empty
 * values and placeholders copied from a README count as missing. `vimax doctor`, the check
 * before a run and the provider's first call all ask this, so they never disagree.
 */
export function apiKeyState(input: LoadApiKeyInput): ApiKeyState {
  const env = input.env ?? process.env
  const names = typeof input.envVar === 'string' ? [input.envVar] : input.envVar
  const candidates = [{ value: input.value, variable: names[0]! }, ...names.map((name) => ({ value: env[name], variable: name }))]
  for (const { value, variable } of candidates) {
    if (value !== undefined && !isPlaceholderKey(value)) return { ok: true, key: value.trim(), variable }
  }
  const found = candidates.find(({ value }) => value !== undefined && value.trim() !== '')
  return found === undefined
    ? { ok: false, problem: 'is not set', variable: names[0]! }
    : { ok: false, problem: 'is a placeholder, not a key', variable: found.variable }
}

/**
 * Reads an API key when the first call needs it (never at start-up, so an offline run asks for
 * nothing). Placeholders count as missing: ViMax sent them as bearer tokens and got a baffling
 * 401 instead of "set the key".
 */
export function loadApiKey(input: LoadApiKeyInput): string {
  const state = apiKeyState(input)
  if (state.ok) return state.key
  throw new ConfigError(`${input.provider}: API key missing: ${state.variable} ${state.problem}`, {
    code: 'E_API_KEY_MISSING',
    hint: apiKeyHint(input.provider, state.variable),
  })
}

/** Without a provider, the same words for every provider reading `variable`: one hint per missing key. */
export function apiKeyHint(provider: string | undefined, variable: string): string {
  return `export ${variable}=<your ${provider ?? 'API'} key> (or put it in .env in this folder), or use the offline provider`
}

/** Like `loadApiKey`, for servers where a key is optional (Ollama, vLLM): undefined when absent. */
export function findApiKey(input: LoadApiKeyInput): string | undefined {
  const state = apiKeyState(input)
  return state.ok ? state.key : undefined
}

const PLACEHOLDERS = [
  /^$/,
  /^<.*>$/, // <YOUR_KEY>
  /^\$\{?[A-Z_]+\}?$/, // an unexpanded ${OPENAI_API_KEY}
  /\.\.\.|…/, // sk-... or "AIza…"
  /your[-_ ]?([a-z]+[-_ ]?)?(api[-_ ]?)?(key|token)/i,
  /^(x+|\*+|changeme|change[-_]me|placeholder|replace[-_]?me|todo|none|null|undefined|test|dummy|key|api[-_]?key)$/i,
]

export function isPlaceholderKey(value: string): boolean {
  const trimmed = value.trim().replace(/^["']|["']$/g, '')
  return PLACEHOLDERS.some((pattern) => pattern.test(trimmed)) || /\s/.test(trimmed)
}
