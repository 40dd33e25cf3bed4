import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PipelineEvent } from '../../../src/pipeline/events.js'
import { createReportWriter } from '../../../src/report/report-writer.js'
import { shot, T0 } from './report-fixture.js'

const models = { chat: 'offline:writer', image: 'offline:cards', video: 'offline:animatic' }
const planShots = (id: string): PipelineEvent => ({ type: 'plan:shots', sceneId: '1', shots: [shot(id)] })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let dir: string
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-writer-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await sleep(5)
  }
}

const read = (outDir = dir) => {
  try {
    return readFileSync(path.join(outDir, 'report.html'), 'utf8')
  } catch {
    return ''
  }
}

describe('createReportWriter', () => {
  it('writes a live page soon after the first event, then at most once per interval, then the final page', async () => {
    const warnings: string[] = []
    const writer = createReportWriter({ outDir: dir, runId: 'run-1', specPath: 'keeper.yaml', title: 'Keeper', models, startedAt: T0, now: () => T0 + 3000, minIntervalMs: 60_000, warn: (m) => warnings.push(m) })
    writer.event(planShots('1.1'))
    await until(() => read().includes('data-shot="1.1"'))
    expect(read()).toContain('<meta http-equiv="refresh" content="2">')
    expect(read()).toContain('status-running')

    writer.event(planShots('1.2'))
    await sleep(150)
    expect(read()).not.toContain('data-shot="1.2"')

    const file = await writer.finish({ status: 'failed', error: { code: 'E_PROVIDER_HTTP', message: 'HTTP 500' } })
    expect(file).toBe(path.join(dir, 'report.html'))
    const html = read()
    expect(html).toContain('data-shot="1.2"')
    expect(html).toContain('status-failed')
    expect(html).toContain('E_PROVIDER_HTTP')
    expect(html).not.toContain('http-equiv="refresh"')
    expect(readdirSync(dir)).toEqual(['report.html'])
    expect(warnings).toEqual([])
  })

  it('rewrites a live page once the interval has passed', async () => {
    const writer = createReportWriter({ outDir: dir, title: 'Keeper', models, startedAt: T0, minIntervalMs: 40, warn: () => undefined })
    writer.event(planShots('1.1'))
    await until(() => read().includes('data-shot="1.1"'))
    writer.event(planShots('1.2'))
    await until(() => read().includes('data-shot="1.2"'))
    await writer.finish({ status: 'complete' })
  })

  it('cancels a pending timed write at finish, and ignores events after it', async () => {
    const writer = createReportWriter({ outDir: dir, title: 'Keeper', models, startedAt: T0, minIntervalMs: 80, warn: () => undefined })
    writer.event(planShots('1.1'))
    await until(() => read().includes('data-shot="1.1"'))
    writer.event(planShots('1.2'))
    await writer.finish({ status: 'complete' })
    writer.event(planShots('1.3'))
    await sleep(200)
    expect(read()).toContain('status-complete')
    expect(read()).not.toContain('data-shot="1.3"')
  })

  it('writes nothing for a run that failed before its first event (an unusable output folder)', async () => {
    const warnings: string[] = []
    const writer = createReportWriter({ outDir: dir, title: 'Keeper', models, startedAt: T0, warn: (m) => warnings.push(m) })
    await writer.finish({ status: 'failed', error: { code: 'E_OUTPUT_DIR', message: 'output folder is a file' } })
    expect(readdirSync(dir)).toEqual([])
    expect(warnings).toEqual([])
  })

  it('warns, never throws, when the page cannot be written', async () => {
    const blocked = path.join(dir, 'not-a-folder')
    writeFileSync(blocked, 'a file where the output folder should be')
    const warnings: string[] = []
    const writer = createReportWriter({ outDir: blocked, title: 'Keeper', models, startedAt: T0, minIntervalMs: 10, warn: (m) => warnings.push(m) })
    writer.event(planShots('1.1'))
    await sleep(50)
    writer.event(planShots('1.2'))
    await sleep(50)
    await expect(writer.finish({ status: 'complete' })).resolves.toBe(path.join(blocked, 'report.html'))
    // One for the live writes, however many failed, and one for the final page.
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(/^report: cannot write .*report\.html/)
  })

  it('leaves one whole page and no temp file, however fast the events come', async () => {
    const writer = createReportWriter({ outDir: dir, title: 'Keeper', models, startedAt: T0, minIntervalMs: 0, warn: () => undefined })
    for (let i = 0; i < 200; i++) writer.event(planShots(`1.${i}`))
    await sleep(20)
    for (let i = 200; i < 400; i++) writer.event(planShots(`1.${i}`))
    await writer.finish({ status: 'complete' })
    expect(readdirSync(dir)).toEqual(['report.html'])
    expect(read()).toContain('data-shot="1.399"')
    expect(read().trimEnd().endsWith('</html>')).toBe(true)
  })
})
