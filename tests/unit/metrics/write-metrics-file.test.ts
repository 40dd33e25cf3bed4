import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeMetricsFile } from '../../../src/metrics/write-metrics-file.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-metrics-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const folder = () => path.join(root, `case-${++n}`)

describe('writeMetricsFile', () => {
  it('creates the folder and leaves only the file, no temp file', async () => {
    const dir = path.join(folder(), 'textfile', 'nested')
    const target = path.join(dir, 'vimax.prom')
    await writeMetricsFile(target, 'vimax_run_status{status="complete"} 1\n')
    expect(readFileSync(target, 'utf8')).toBe('vimax_run_status{status="complete"} 1\n')
    expect(readdirSync(dir)).toEqual(['vimax.prom'])
  })

  it('replaces an existing file whole', async () => {
    const dir = folder()
    mkdirSync(dir)
    const target = path.join(dir, 'vimax.prom')
    writeFileSync(target, 'old contents that are longer than the new ones\n'.repeat(100))
    await writeMetricsFile(target, 'new\n')
    expect(readFileSync(target, 'utf8')).toBe('new\n')
    expect(readdirSync(dir)).toEqual(['vimax.prom'])
  })

  it('swaps the file rather than rewriting it in place: a reader of the old file still reads it whole', async () => {
    const dir = folder()
    mkdirSync(dir)
    const target = path.join(dir, 'vimax.prom')
    const old = 'vimax_run_status{status="complete"} 1\n'
    writeFileSync(target, old)
    const reader = openSync(target, 'r') // the textfile collector, mid-read
    try {
      await writeMetricsFile(target, 'vimax_run_status{status="failed"} 1\n')
      const seen = Buffer.alloc(100)
      expect(seen.subarray(0, readSync(reader, seen, 0, 100, 0)).toString()).toBe(old)
    } finally {
      closeSync(reader)
    }
    expect(readFileSync(target, 'utf8')).toBe('vimax_run_status{status="failed"} 1\n')
  })

  it('fails without leaving a temp file when the target cannot be replaced', async () => {
    const dir = folder()
    const target = path.join(dir, 'vimax.prom')
    mkdirSync(path.join(target, 'inside'), { recursive: true }) // a folder where the file should go
    await expect(writeMetricsFile(target, 'x 1\n')).rejects.toThrow()
    expect(readdirSync(dir)).toEqual(['vimax.prom'])
  })
})
