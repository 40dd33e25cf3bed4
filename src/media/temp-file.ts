import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'

/**
 * Writes through a sibling temp name and renames into place, so a killed render never leaves a
 * half-written file under the real name (a later run would take it for a finished one).
 */
export async function writeAtomically<T>(target: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  await mkdir(path.dirname(target), { recursive: true })
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
  try {
    const result = await write(temp)
    await rename(temp, target)
    return result
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
