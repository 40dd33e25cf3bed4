import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { renderReport } from './render-report.js'
import type { ReportInput } from './report-input.js'

export const REPORT_FILE = 'report.html'

let sequence = 0

/**
 * Renders and writes `<outDir>/report.html` through a temp file and a rename, so a browser
 * refreshing the page mid-write reads the old page or the new one, never half of one.
 */
export async function writeReportFile(outDir: string, input: ReportInput): Promise<string> {
  const target = path.join(outDir, REPORT_FILE)
  const temp = `${target}.${process.pid}.${++sequence}.tmp`
  await mkdir(outDir, { recursive: true })
  try {
    await writeFile(temp, renderReport(input))
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  return target
}
