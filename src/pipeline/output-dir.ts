import { access, constants, mkdir, readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { ConfigError } from '../errors.js'

/** Checked before any call is paid for: a run that cannot write its film must not start. */
export async function prepareOutputDir(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined)
  if (info && !info.isDirectory()) {
    throw new ConfigError(`output folder ${outDir} is a file`, {
      code: 'E_OUTPUT_INVALID',
      hint: 'choose another folder with -o, or move the file away',
    })
  }
  try {
    await mkdir(outDir, { recursive: true })
    await access(outDir, constants.W_OK)
  } catch (error) {
    throw new ConfigError(`output folder ${outDir} is not writable`, {
      code: 'E_OUTPUT_INVALID',
      hint: 'choose a writable folder with -o',
      cause: error,
    })
  }
  await removeStaleTemps(outDir)
}

/** `shot-1.2.png.20205.tmp`: the temp name earlier versions left behind on every rerun. */
const LEFTOVER = /^[^.].*\.[A-Za-z0-9]+\.(\d+)\.tmp$/
const FOLDERS = ['.', 'frames', 'clips', 'portraits']

/**
 * Earlier versions linked temps to cache blobs, and a rename onto a link of the same blob is a
 * no-op that keeps the temp. Those leftovers are removed — unless their writer is still alive.
 */
async function removeStaleTemps(outDir: string): Promise<void> {
  for (const folder of FOLDERS) {
    const dir = path.join(outDir, folder)
    const names = await readdir(dir).catch(() => [] as string[])
    for (const name of names) {
      const pid = LEFTOVER.exec(name)?.[1]
      if (pid === undefined || name.startsWith('report.html.') || isAlive(Number(pid))) continue
      await rm(path.join(dir, name), { force: true }).catch(() => undefined)
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
