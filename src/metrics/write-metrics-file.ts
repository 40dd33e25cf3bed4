import { writeFile } from 'node:fs/promises'
import { writeAtomically } from '../media/temp-file.js'

/**
 * Writes the metrics file through a temp file in the same folder and a rename, creating the folder
 * if needed: node_exporter's textfile collector may read the folder at any moment and must never
 * see half a file. The temp name ends in `.tmp`, which the collector (it reads `*.prom`) ignores.
 */
export async function writeMetricsFile(target: string, text: string): Promise<void> {
  await writeAtomically(target, (temp) => writeFile(temp, text, 'utf8'))
}
