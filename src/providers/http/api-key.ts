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

/**
 * Reads an API key when the first call needs it (never at start-up, so an offline run asks for
 * nothing). Placeholders copied from a README count as missing: ViMax sent them as bearer
 * tokens and got a baffling 401 instead of "set the key".
 */
export function loadApiKey(input: LoadApiKeyInput): string {
  const key = findApiKey(input)
  if (key !== undefined) return key
  const names = typeof input.envVar === 'string' ? [input.envVar] : input.envVar
  const found = [input.value, ...names.map((name) => (input.env ?? process.env)[name])].find((v) => v !== undefined && v !== '')
  const what = found === undefined ? 'is not set' : 'is a placeholder, not a key'
  throw new ConfigError(`${input.provider}: API key missing: ${names[0]} ${what}`, {
    code: 'E_API_KEY_MISSING',
    hint: `export ${names[0]}=<your ${input.provider} key> (or set it in the config), or use the offline provider`,
  })
}

/** Like `loadApiKey`, for servers where a key is optional (Ollama, vLLM): undefined when absent. */
export function findApiKey(input: LoadApiKeyInput): string | undefined {
  const env = input.env ?? process.env
  const names = typeof input.envVar === 'string' ? [input.envVar] : input.envVar
  for (const candidate of [input.value, ...names.map((name) => env[name])]) {
    if (candidate !== undefined && !isPlaceholderKey(candidate)) return candidate.trim()
  }
  return undefined
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
