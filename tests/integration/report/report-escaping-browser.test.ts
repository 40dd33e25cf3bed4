import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderReport } from '../../../src/report/render-report.js'
import { call, reportInput, shot } from '../../unit/report/report-fixture.js'

const CHROMIUM = '/usr/bin/chromium'
const PAYLOAD = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><svg onload="window.__pwned = 3"></svg>"'><b id="injected">x</b></style></title>`

describe.skipIf(!existsSync(CHROMIUM))('report.html with hostile text, in headless Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
  })
  afterAll(async () => browser?.close())

  it('shows every prompt as text: nothing runs, no element is injected', async () => {
    const html = renderReport(
      reportInput({
        title: PAYLOAD,
        logline: PAYLOAD,
        scenes: [{ id: '1', slugline: PAYLOAD, action: PAYLOAD, dialogue: [], characters: [] }],
        shots: [shot('1.1', '1', { firstFrame: PAYLOAD, videoPrompt: PAYLOAD, dialogue: [{ speaker: PAYLOAD, line: PAYLOAD }] })],
        characters: [{ id: 'mira', name: PAYLOAD, appearance: PAYLOAD, outfit: '' }],
        calls: [call({ subject: PAYLOAD, model: PAYLOAD, errorCode: PAYLOAD, ok: false })],
        error: { code: PAYLOAD, message: PAYLOAD },
        warnings: [PAYLOAD],
      }),
    )
    const page = await browser.newPage()
    const dialogs: string[] = []
    page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())))
    await page.setContent(html, { waitUntil: 'load' })
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await page.locator('#injected').count()).toBe(0)
    expect(await page.locator('script').count()).toBe(0)
    expect(await page.locator('h1').textContent()).toBe(PAYLOAD)
    expect(await page.locator('.first-frame summary').textContent()).toBe(PAYLOAD)
    expect(await page.locator('svg.timeline .call title').textContent()).toContain(PAYLOAD)
    expect(await page.title()).toBe(`${PAYLOAD} · vimax report`)
    expect(dialogs).toEqual([])
    await page.close()
  })
})
