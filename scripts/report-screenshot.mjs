#!/usr/bin/env node
// Makes docs/report.png: a real offline run of examples/lighthouse-idea.yaml (fresh cache, in a
// temp folder) and a full-page screenshot of the report.html it wrote, in headless Chromium. The
// offline models are free, so a vimax.config.yaml prices them (as the tests do) for the money
// figures to show; and the run first stops after the frames, so the page shows cache hits too.
// Runs the built CLI, so build first: `npm run build && node scripts/report-screenshot.mjs [out.png]`.
// Needs /usr/bin/chromium (Debian: apt-get install chromium); playwright-core drives it.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'

const root = fileURLToPath(new URL('..', import.meta.url))
const target = path.resolve(process.argv[2] ?? path.join(root, 'docs', 'report.png'))
const tmp = mkdtempSync(path.join(os.tmpdir(), 'vimax-report-shot-'))
const vimax = (...args) => execFileSync(process.execPath, [path.join(root, 'bin', 'vimax.js'), ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
const PRICES = `prices:
  offline:writer: { input_per_million: 2, output_per_million: 8 }
  offline:cards: { per_image: 0.04 }
  offline:animatic: { per_second: { 720p: 0.10, 1080p: 0.25 } }
`

try {
  const out = path.join(tmp, 'out')
  const cache = path.join(tmp, 'cache')
  writeFileSync(path.join(tmp, 'vimax.config.yaml'), PRICES)
  const spec = path.join(root, 'examples', 'lighthouse-idea.yaml')
  vimax('generate', spec, '-o', out, '--cache-dir', cache, '--quiet', '--stop-after', 'frames')
  vimax('generate', spec, '-o', out, '--cache-dir', cache, '--quiet')
  // The run's own page; `vimax report` rebuilds one only for a run that left none.
  let report = path.join(out, 'report.html')
  if (!existsSync(report)) report = JSON.parse(vimax('report', out, '--cache-dir', cache, '--json')).report
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  await page.goto(pathToFileURL(report).href, { waitUntil: 'load' })
  await page.screenshot({ path: target, fullPage: true })
  await browser.close()
  console.log(`wrote ${target}`)
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
