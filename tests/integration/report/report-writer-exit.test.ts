import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT, tempDir } from '../../support/run-cli.js'

const tmp = tempDir('vimax-writer-exit-')
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('the report writer', () => {
  it('never keeps a process alive: a pending timed write is dropped at exit', () => {
    const writer = pathToFileURL(path.join(ROOT, 'dist', 'report', 'report-writer.js')).href
    const script = `
      const { createReportWriter } = await import(${JSON.stringify(writer)})
      const w = createReportWriter({ outDir: ${JSON.stringify(tmp)}, title: 't', models: { chat: 'a', image: 'b', video: 'c' }, startedAt: Date.now(), minIntervalMs: 600000, warn: console.error })
      w.event({ type: 'warning', message: 'zebra-one' })
      await new Promise((resolve) => setTimeout(resolve, 200))
      w.event({ type: 'warning', message: 'zebra-two' })`
    const started = Date.now()
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 })
    expect(child.status, child.stderr).toBe(0)
    expect(Date.now() - started).toBeLessThan(10_000)
    const html = readFileSync(path.join(tmp, 'report.html'), 'utf8')
    expect(html).toContain('zebra-one')
    expect(html).not.toContain('zebra-two')
  })
})
