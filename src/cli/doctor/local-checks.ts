import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { cachePaths } from '../../cache/cache-dir.js'
import { isVimaxError } from '../../errors.js'
import { openLedger } from '../../ledger/open-ledger.js'
import { checkMediaTools } from '../../media/media-tools.js'
import type { DoctorCheck } from './doctor-check.js'

export async function mediaChecks(env: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  try {
    const tools = await checkMediaTools({ env })
    return tools.map((tool) => ({ name: tool.tool, ok: true, detail: `${tool.version.replace(/ (https?:\/\/\S+\s*)?Copyright.*$/, '').trim()} (${tool.source}: ${tool.path})` }))
  } catch (error) {
    return [{ name: 'ffmpeg/ffprobe', ok: false, detail: isVimaxError(error) ? error.message : String(error), hint: isVimaxError(error) ? error.hint : undefined, exitCode: 4 }]
  }
}

export async function cacheChecks(cacheDir: string, env?: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  const probe = path.join(cacheDir, 'tmp', `.doctor-${process.pid}`)
  const writable: DoctorCheck = await mkdir(path.dirname(probe), { recursive: true })
    .then(() => writeFile(probe, 'ok'))
    .then(() => rm(probe, { force: true }))
    .then(
      () => ({ name: 'cache folder', ok: true, detail: `${cacheDir} is writable` }),
      (error: NodeJS.ErrnoException) => ({
        name: 'cache folder',
        ok: false,
        detail: `${cacheDir}: ${error.code ?? error.message}`,
        hint: 'choose a writable folder with --cache-dir or VIMAX_CACHE_DIR (runs still work, uncached)',
        exitCode: 2 as const,
      }),
    )
  const warnings: string[] = []
  const ledger = openLedger(cachePaths(cacheDir, env).ledger, { warn: (message) => warnings.push(message) })
  const runs = ledger.listRuns(1000).length
  ledger.close()
  const readable: DoctorCheck = ledger.enabled
    ? { name: 'ledger', ok: true, detail: `${runs} run${runs === 1 ? '' : 's'} recorded${warnings.length ? ` (${warnings.join('; ')})` : ''}` }
    : { name: 'ledger', ok: false, detail: warnings.join('; ') || 'cannot open vimax.db', hint: 'check the cache folder’s permissions', exitCode: 2 }
  return [writable, readable]
}
