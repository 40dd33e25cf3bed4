import { accessSync, constants } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

export type BinarySource = 'env' | 'path' | 'bundled' | 'missing'

export interface ResolvedBinary {
  readonly path: string
  readonly source: BinarySource
}

export interface ResolvedFfmpeg {
  readonly ffmpeg: string
  readonly ffprobe: string
  /** Where ffmpeg came from; ffprobe is resolved on its own and may differ. */
  readonly source: BinarySource
  readonly ffprobeSource: BinarySource
}

export type MediaTool = 'ffmpeg' | 'ffprobe'

const ENV_VAR: Record<MediaTool, string> = { ffmpeg: 'VIMAX_FFMPEG', ffprobe: 'VIMAX_FFPROBE' }
const PACKAGE: Record<MediaTool, string> = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
}

export function envVarFor(tool: MediaTool): string {
  return ENV_VAR[tool]
}

/**
 * A person's explicit choice wins, then the system build (usually newer than the npm one), then the
 * npm binary. Nothing is cached: resolving is a handful of stat calls, and caching would hide a
 * changed env from tests and long-lived processes. An env var pointing nowhere is still returned,
 * so spawning it fails with a hint naming that variable instead of silently falling back.
 */
export function resolveBinary(tool: MediaTool, env: NodeJS.ProcessEnv = process.env): ResolvedBinary {
  const fromEnv = env[ENV_VAR[tool]]
  if (fromEnv !== undefined && fromEnv !== '') return { path: fromEnv, source: 'env' }
  const onPath = findOnPath(tool, env)
  if (onPath !== undefined) return { path: onPath, source: 'path' }
  const bundled = bundledPath(tool)
  if (bundled !== undefined) return { path: bundled, source: 'bundled' }
  // A bare name: spawn reports ENOENT, which becomes E_FFMPEG_MISSING with a hint.
  return { path: tool, source: 'missing' }
}

export function resolveFfmpeg(env: NodeJS.ProcessEnv = process.env): ResolvedFfmpeg {
  const ffmpeg = resolveBinary('ffmpeg', env)
  const ffprobe = resolveBinary('ffprobe', env)
  return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path, source: ffmpeg.source, ffprobeSource: ffprobe.source }
}

function findOnPath(tool: MediaTool, env: NodeJS.ProcessEnv): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((dir) => dir !== '')
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : ['']
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, tool + ext.toLowerCase())
      if (isExecutable(candidate)) return candidate
    }
  }
  return undefined
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function bundledPath(tool: MediaTool): string | undefined {
  try {
    // The installer packages are CommonJS and pick the binary for this platform at require time;
    // they throw when no binary ships for it.
    const require = createRequire(import.meta.url)
    const found = (require(PACKAGE[tool]) as { path?: unknown }).path
    return typeof found === 'string' && isExecutable(found) ? found : undefined
  } catch {
    return undefined
  }
}
