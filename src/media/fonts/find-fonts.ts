import { execFile } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { parseCharset, scriptsCovered, type FoundFont } from './font-coverage.js'

const run = promisify(execFile)
const FORMAT = '%{file}\\t%{family[0]}\\t%{style[0]}\\t%{charset}\\n'
const FONT_FILE = /\.(ttf|otf|ttc|otc)$/i

export interface FindFontsOptions {
  /** `fonts.dir` from the config; VIMAX_FONTS_DIR in `env` wins over it. */
  readonly dir?: string | undefined
  readonly env?: NodeJS.ProcessEnv
}

/** The folder of fonts the user configured, if any. */
export function configuredFontsDir(options: FindFontsOptions): string | undefined {
  const dir = options.env?.VIMAX_FONTS_DIR?.trim() || options.dir
  return dir ? path.resolve(dir) : undefined
}

/**
 * Every usable font: the configured folder first, then the system's, each in a fixed order (regular
 * styles first, then by path) so the same machine always picks the same font for a script.
 */
export async function findFonts(options: FindFontsOptions = {}): Promise<FoundFont[]> {
  const env = options.env ?? process.env
  const dir = configuredFontsDir(options)
  const own = dir ? await listFonts(['fc-scan', '--format', FORMAT, dir], env, [dir], true) : []
  const system = await listFonts(['fc-list', '--format', FORMAT], env, systemFontDirs(env), false)
  const seen = new Set<string>()
  return [...own, ...system].filter((font) => !seen.has(font.file) && seen.add(font.file))
}

interface Listed extends FoundFont {
  readonly regular: boolean
}

async function listFonts(command: string[], env: NodeJS.ProcessEnv, dirs: string[], configured: boolean): Promise<FoundFont[]> {
  let listed: Listed[]
  try {
    const { stdout } = await run(command[0]!, command.slice(1), { env, maxBuffer: 64 * 1024 * 1024 })
    listed = stdout.split('\n').filter((line) => line.includes('\t')).map((line) => {
      const [file = '', family = '', style = '', charset = ''] = line.split('\t')
      const scripts = scriptsCovered(parseCharset(charset))
      return { file, family: family || path.parse(file).name, scripts, configured, regular: /^(regular|book|normal)$/i.test(style) }
    })
  } catch {
    // No fontconfig tools: the files are still usable by libass (fontsdir), their coverage unknown.
    listed = (await Promise.all(dirs.map(scanDir))).flat().map((file) => ({ file, family: path.parse(file).name, scripts: [], configured, regular: true }))
  }
  return listed
    .filter((font) => FONT_FILE.test(font.file))
    .sort((a, b) => Number(b.regular) - Number(a.regular) || compare(a.file, b.file) || compare(a.family, b.family))
    .map(({ regular: _regular, ...font }) => font)
}

/** Code-unit order, not the locale's: the same list on every machine. A .ttc's faces sort by family ("…CJK JP" first). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function systemFontDirs(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? os.homedir()
  return ['/usr/share/fonts', '/usr/local/share/fonts', path.join(home, '.local/share/fonts')]
}

async function scanDir(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true })
    return entries.filter((entry) => entry.isFile() && FONT_FILE.test(entry.name)).map((entry) => path.join(entry.parentPath ?? (entry as { path?: string }).path ?? dir, entry.name))
  } catch {
    return []
  }
}
