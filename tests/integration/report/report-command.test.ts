import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'

const tmp = tempDir('vimax-report-cmd-')
const out = path.join(tmp, 'out')
const cache = path.join(tmp, 'cache')
let runId: string

beforeAll(async () => {
  const run = await runCli(['generate', 'examples/clockwork-storyboard.yaml', '-o', out, '--cache-dir', cache, '--json'])
  expect(run.code, run.stderr).toBe(0)
  runId = (JSON.parse(run.stdout) as { run_id: string }).run_id
}, 180_000)
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const calls = (html: string) => html.match(/<rect class="call[ "]/g)?.length ?? 0
const errorOf = (stdout: string) => JSON.parse(stdout) as { code: string; message: string; hint: string }

describe('vimax report', () => {
  it('rebuilds report.html from a run id prefix, and prints its path', async () => {
    rmSync(path.join(out, 'report.html'), { force: true })
    const run = await runCli(['report', runId.slice(0, 17), '--cache-dir', cache])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toBe(`${path.join(out, 'report.html')}\n`)
    const html = readFileSync(path.join(out, 'report.html'), 'utf8')
    expect(html).toContain(runId)
    expect(calls(html)).toBeGreaterThan(0)
  })

  it('still renders without a ledger, and the page says why the timeline is empty', async () => {
    const run = await runCli(['report', out, '--cache-dir', path.join(tmp, 'no-cache'), '--json'])
    expect(run.code, run.stderr).toBe(0)
    const html = readFileSync((JSON.parse(run.stdout) as { report: string }).report, 'utf8')
    expect(calls(html)).toBe(0)
    expect(html).toMatch(/No calls to show: there is no ledger at .*vimax\.db/)
    expect(html.match(/<article class="shot /g)).toHaveLength(12)
  })

  it('names the argument and the fix for a run nobody knows', async () => {
    const run = await runCli(['report', 'no-such-run', '--cache-dir', cache, '--json'])
    expect(run.code).toBe(2)
    expect(errorOf(run.stdout)).toMatchObject({ code: 'E_RUN_NOT_FOUND', message: expect.stringContaining('"no-such-run"') as string })
    expect(errorOf(run.stdout).hint).toMatch(/output folder.*vimax runs/)
  })

  it('refuses a folder without a manifest', async () => {
    const empty = path.join(tmp, 'empty')
    mkdirSync(empty, { recursive: true })
    const run = await runCli(['report', empty, '--cache-dir', cache, '--json'])
    expect(run.code).toBe(2)
    expect(errorOf(run.stdout)).toMatchObject({ code: 'E_REPORT_NO_MANIFEST', message: expect.stringContaining(empty) as string })
  })

  it('refuses a manifest it cannot read', async () => {
    const broken = path.join(tmp, 'broken')
    mkdirSync(broken, { recursive: true })
    writeFileSync(path.join(broken, 'manifest.json'), '{ not json')
    const run = await runCli(['report', broken, '--cache-dir', cache, '--json'])
    expect(run.code).toBe(2)
    expect(errorOf(run.stdout).code).toBe('E_REPORT_NO_MANIFEST')
  })
})
