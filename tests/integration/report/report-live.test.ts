import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT, tempDir } from '../../support/run-cli.js'
import { spawnCli } from '../../support/spawn-cli.js'

const root = tempDir('vimax-report-live-')
afterAll(() => rmSync(root, { recursive: true, force: true }))

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

describe('report.html while a run works', () => {
  it('is there before the run ends — running, reloading itself, with the frames made so far — and says complete at the end', async () => {
    const out = path.join(root, 'out')
    const report = path.join(out, 'report.html')
    // Silent: the live page is what is tested, and voicing and mixing would only make the run slower.
    const spec = path.join(root, 'clockwork-silent.yaml')
    writeFileSync(spec, `${readFileSync(path.join(ROOT, 'examples', 'clockwork-storyboard.yaml'), 'utf8')}\naudio: false\n`)
    // Slow clips: the frames are done long before the film, which is when a person would look.
    const live = spawnCli(['generate', spec, '-o', out], {
      env: { VIMAX_CACHE_DIR: path.join(root, 'cache'), VIMAX_OFFLINE_LATENCY: 'video=6s' },
    })
    await live.waitFor(/frames 12\/12/)
    let page = ''
    for (let tries = 0; tries < 100 && !/img class="frame/.test(page); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      page = read(report)
    }
    expect(page).toContain('status-running')
    expect(page).toContain('<meta http-equiv="refresh" content="2">')
    expect(page).toMatch(/<img class="frame/)

    const { code } = await live.exit()
    expect(code, live.stderr()).toBe(0)
    const done = read(report)
    expect(done).toContain('status-complete')
    expect(done).not.toContain('http-equiv="refresh"')
  })
})
