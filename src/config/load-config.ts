import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import os from 'node:os'
import path from 'node:path'
import { LineCounter, parseDocument } from 'yaml'
import { ConfigError } from '../errors.js'
import { expectedPhraseMap } from '../spec/expected-phrase.js'
import { yamlSourceMap } from '../spec/source-map.js'
import { configProblems } from './config-problems.js'
import { configSchema, type ConfigData } from './config-schema.js'
import { mergeConfigs } from './merge-configs.js'

export interface LoadedConfig extends ConfigData {
  /** The files read, lowest precedence first (the shipped presets and prices, then a person's own). */
  readonly files: readonly string[]
}

export const SHIPPED_CONFIG = new URL('../../configs/providers.yaml', import.meta.url)
export const SHIPPED_PRICES = new URL('../../configs/prices.yaml', import.meta.url)
export const SHIPPED_CAPABILITIES = new URL('../../configs/capabilities.yaml', import.meta.url)

/**
 * The shipped presets and price table, then `~/.config/vimax/config.yaml`, then
 * `vimax.config.yaml` in the working folder (or the file VIMAX_CONFIG names), each overriding the
 * one before. Every file is validated on its own, so a problem names the file, line and field it
 * is in.
 */
export function loadConfig(input: { readonly cwd: string; readonly env: NodeJS.ProcessEnv }): LoadedConfig {
  const userDir = input.env.XDG_CONFIG_HOME || path.join(input.env.HOME || os.homedir(), '.config')
  const explicit = input.env.VIMAX_CONFIG ? path.resolve(input.cwd, input.env.VIMAX_CONFIG) : undefined
  const candidates = [path.join(userDir, 'vimax', 'config.yaml'), explicit ?? path.join(input.cwd, 'vimax.config.yaml')]
  const layers: { file: string; data: ConfigData }[] = []
  for (const file of [SHIPPED_CONFIG, SHIPPED_PRICES, SHIPPED_CAPABILITIES].map((url) => fileURLToPath(url))) layers.push({ file, data: readConfigFile(file, true)! })
  for (const file of candidates) {
    const data = readConfigFile(file, file === explicit)
    if (data) layers.push({ file, data: anchorCacheDir(data, file) })
  }
  return { ...mergeConfigs(layers.map((layer) => layer.data)), files: layers.map((layer) => layer.file) }
}

/** A relative `cache.dir` means a folder next to the config file that names it, wherever vimax runs. */
function anchorCacheDir(data: ConfigData, file: string): ConfigData {
  const dir = data.cache?.dir
  if (dir === undefined || dir.trim() === '' || path.isAbsolute(dir)) return data
  return { ...data, cache: { ...data.cache, dir: path.resolve(path.dirname(file), dir) } }
}

export function readConfigFile(file: string, required: boolean): ConfigData | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new ConfigError(`cannot read config ${file}`, { code: 'E_CONFIG_INVALID', hint: 'check the path in VIMAX_CONFIG', cause: error })
  }
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true })
  const syntax = doc.errors[0]
  if (syntax) {
    const at = syntax.linePos?.[0] ?? { line: 1, col: 1 }
    throw new ConfigError(`invalid YAML in config ${file} at line ${at.line}, column ${at.col}`, {
      code: 'E_CONFIG_INVALID',
      details: [`${file}:${at.line}:${at.col} ${syntax.message.split('\n')[0]}`],
      hint: 'fix the YAML at that line',
    })
  }
  const data: unknown = doc.toJS() ?? {}
  const parsed = configSchema.safeParse(data, { error: expectedPhraseMap })
  if (parsed.success) return parsed.data
  const details = configProblems(parsed.error.issues, data, configSchema, file, yamlSourceMap(doc, lineCounter))
  throw new ConfigError(`invalid config ${file}: ${details.length} problem${details.length === 1 ? '' : 's'}`, {
    code: 'E_CONFIG_INVALID',
    details,
    hint: 'see README "Providers and configuration" (configs/providers.yaml and configs/prices.yaml show every field)',
  })
}
