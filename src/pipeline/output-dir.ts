import { access, constants, mkdir, stat } from 'node:fs/promises'
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
}
