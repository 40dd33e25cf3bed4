import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cachePaths } from '../../../src/cache/cache-dir.js'
import { openLedger } from '../../../src/ledger/open-ledger.js'
import { runCli, tempDir } from '../../support/run-cli.js'

const CHROMIUM = '/usr/bin/chromium'
/** The machine's network is closed: no first-run fetches, no component updates, no QUIC probes. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

interface StoryboardFile {
  readonly scenes: readonly { readonly shots: readonly unknown[] }[]
}

// CI installs Debian's chromium (.ci/run); a machine without it skips only this file.
describe.skipIf(!existsSync(CHROMIUM))('report.html of a real run, in headless Chromium', () => {
  const tmp = tempDir('vimax-report-')
  const out = path.join(tmp, 'out')
  const cache = path.join(tmp, 'cache')
  let browser: Browser
  let runId: string
  let ledgerCalls: number
  let leftByRun: string | undefined
  let report: string

  beforeAll(async () => {
    const run = await runCli(['generate', 'examples/clockwork-storyboard.yaml', '-o', out, '--cache-dir', cache, '--json'])
    expect(run.code, run.stderr).toBe(0)
    runId = (JSON.parse(run.stdout) as { run_id: string }).run_id
    const file = path.join(out, 'report.html')
    leftByRun = existsSync(file) ? readFileSync(file, 'utf8') : undefined
    rmSync(file, { force: true })

    const rebuilt = await runCli(['report', out, '--cache-dir', cache, '--json'])
    expect(rebuilt.code, rebuilt.stderr).toBe(0)
    report = (JSON.parse(rebuilt.stdout) as { report: string }).report
    expect(report).toBe(file)

    const ledger = openLedger(cachePaths(cache).ledger, { warn: (message) => expect.fail(message) })
    ledgerCalls = ledger.getRun(runId)?.calls.length ?? -1
    ledger.close()
    expect(ledgerCalls).toBeGreaterThan(0)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    rmSync(tmp, { recursive: true, force: true })
  })

  it('shows every shot with its frame, every portrait, and one timeline bar per call the ledger recorded, loading only local files', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' })

    const storyboard = JSON.parse(readFileSync(path.join(out, 'storyboard.json'), 'utf8')) as StoryboardFile
    const planned = storyboard.scenes.reduce((total, scene) => total + scene.shots.length, 0)
    const thumbnails = await page.$$eval('article.shot', (cards) => cards.map((card) => card.querySelector('img.frame')?.naturalWidth ?? 0))
    expect(thumbnails).toHaveLength(planned)
    expect(thumbnails.every((width) => width > 0), `thumbnail widths ${thumbnails.join(',')}`).toBe(true)
    const portraits = await page.$$eval('img.portrait', (images) => images.map((image) => image.naturalWidth))
    expect(portraits.length).toBeGreaterThan(0)
    expect(portraits.every((width) => width > 0)).toBe(true)

    expect(await page.locator('svg.timeline .call').count()).toBe(ledgerCalls)
    expect(await page.locator('.wait.call, .call.wait').count()).toBe(0)
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0)
    expect(await page.locator('.status').first().textContent()).toBe('complete')

    expect(requests.length).toBeGreaterThan(planned)
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([])

    const screenshot = path.join(tmp, 'report.png')
    await page.screenshot({ path: screenshot, fullPage: true })
    expect(statSync(screenshot).size).toBeGreaterThan(10_000)
    await page.close()
  })

  it('was written by the run itself too, with the same shots and calls', () => {
    expect(leftByRun, 'vimax generate left no report.html in the output folder').toBeDefined()
    expect(leftByRun).toContain('status-complete')
    expect(leftByRun).not.toContain('http-equiv="refresh"')
    expect(leftByRun!.match(/<article class="shot /g)).toHaveLength(readFileSync(report, 'utf8').match(/<article class="shot /g)!.length)
    expect(leftByRun!.match(/<rect class="call[ "]/g)).toHaveLength(ledgerCalls)
  })
})
