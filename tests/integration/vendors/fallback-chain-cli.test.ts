import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Manifest } from '../../../src/pipeline/manifest.js'
import { createFakeApi, FAKE_KEY, falFake, geminiFake, type Exchange, type FakeApi, type Route } from '../../support/fake-api/index.js'
import { ledgerCalls } from '../../support/ledger-calls.js'
import { tempDir } from '../../support/run-cli.js'
import { makeTestVideo } from '../media/fixtures.js'
import { vendorWorkspace, type Summary, type VendorWorkspace } from '../../support/vendor-run.js'

const scratch = tempDir()
let fal: FakeApi
let gemini: FakeApi
/** What fal answers shot 2's submit with (VENDOR_SPEC's shot 2 is the only prompt with "ferry emerges"). */
let shotTwo: 'refuse' | 'down' | 'ok' = 'refuse'

const FAL = 'fal:fal-ai/kling-video/v2.1/standard/image-to-video'
const GEMINI = 'gemini:veo-3.1-fast-generate-preview'

/** fal's queue, except that it refuses (content policy) or is down for shot 2. */
function refusingShotTwo(routes: readonly Route[]): Route[] {
  return routes.map((route) =>
    route.name !== 'fal/submit'
      ? route
      : {
          ...route,
          respond(x: Exchange) {
            const prompt = (x.request.json as { prompt?: string } | undefined)?.prompt ?? ''
            if (!prompt.includes('ferry emerges') || shotTwo === 'ok') return route.respond(x)
            if (shotTwo === 'down') return x.error(503, { message: 'Runner could not be scheduled', type: 'runner_scheduling_failure' })
            return x.error(400, { message: 'The prompt was flagged by the content policy checker', type: 'content_policy_violation' })
          },
        },
  )
}

beforeAll(async () => {
  const clip = path.join(scratch, 'clip.mp4')
  await makeTestVideo(clip, { width: 32, height: 18, fps: 12, seconds: 1 })
  fal = await createFakeApi({ dialect: 'fal', auth: 'key', routes: refusingShotTwo(falFake({ queuedPolls: 1, runningPolls: 1 }).routes) })
  fal.files.set('clip.mp4', { body: readFileSync(clip), type: 'video/mp4' })
  gemini = await createFakeApi({ dialect: 'gemini', auth: 'goog', routes: geminiFake({ video: clip }).routes })
}, 60_000)
afterAll(async () => {
  await Promise.all([fal.close(), gemini.close()])
  rmSync(scratch, { recursive: true, force: true })
})

const chainWorkspace = (video = '[fal, gemini]') =>
  vendorWorkspace(
    `providers:\n  fal: { base_url: "${fal.url}", poll_interval: 10ms, max_retries: 0 }\n  gemini: { base_url: "${gemini.url}/v1beta", poll_interval: 10ms }\n` +
      `profiles:\n  e2e: { chat: offline, image: offline, video: ${video}, speech: offline, music: offline }\n`,
    { FAL_KEY: FAKE_KEY, GEMINI_API_KEY: FAKE_KEY },
  )
const manifestOf = (work: VendorWorkspace) => JSON.parse(readFileSync(path.join(work.dir, 'out/manifest.json'), 'utf8')) as Manifest
const clipOf = (manifest: Manifest, shot: string) => manifest.artifacts.find((artifact) => artifact.kind === 'clip' && artifact.subject === shot)
const geminiStarts = () => gemini.requestsTo('gemini/predictLongRunning').length

describe('a profile listing video models in order moves a refused call to the next (fake fal and Gemini)', () => {
  it('fal refuses shot 2 (content policy): Gemini makes shot 2, fal every other shot; exit 0; manifest, report and ledger say so; a rerun makes no call', async () => {
    shotTwo = 'refuse'
    const work = chainWorkspace()
    const before = { fal: fal.requestsTo('fal/submit').length, gemini: geminiStarts() }
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(new RegExp(`shot 2: made by ${GEMINI} because ${FAL} refused \\(.*content policy`))
    expect(geminiStarts() - before.gemini).toBe(1)
    expect(fal.requestsTo('fal/submit').length - before.fal).toBe(2)

    const manifest = manifestOf(work)
    expect(clipOf(manifest, 'shot 1')).toMatchObject({ model: FAL })
    expect(clipOf(manifest, 'shot 1')?.fallback).toBeUndefined()
    expect(clipOf(manifest, 'shot 2')).toMatchObject({ model: GEMINI })
    expect(clipOf(manifest, 'shot 2')?.fallback).toMatch(new RegExp(`^${FAL} refused \\(.*content policy`))
    const report = readFileSync(path.join(work.dir, 'out/report.html'), 'utf8')
    expect(report).toContain(`Made by</dt><dd class="fallback">${GEMINI} because ${FAL} refused`)
    // The refused call does not make the shot a failure: the fallback made it.
    expect(report).toContain('data-shot="2" data-status="new"')

    const summary = JSON.parse(run.stdout) as Summary & { run_id: string }
    const videos = ledgerCalls(path.join(work.dir, 'cache')).filter((call) => call.run_id === summary.run_id && call.kind === 'video')
    expect(videos.map((call) => [call.subject, call.status, call.error_code]).sort()).toEqual([
      ['shot 1', 'ok', null],
      ['shot 2', 'error', 'E_PROVIDER_REFUSED'],
      ['shot 2', 'ok', null],
    ])
    // The ledger names what the call moved past by code alone (it never keeps a vendor's words).
    const db = new Database(path.join(work.dir, 'cache', 'vimax.db'), { readonly: true })
    const moved = db.prepare("SELECT provider, fallback_from FROM calls WHERE run_id = ? AND kind = 'video' AND fallback_from IS NOT NULL").all(summary.run_id)
    db.close()
    expect(moved).toEqual([{ provider: 'gemini', fallback_from: `${FAL} E_PROVIDER_REFUSED` }])

    // The rerun asks fal's cache, then Gemini's: both clips are hits, and neither vendor hears of it.
    const counts = { fal: fal.requests.length, gemini: gemini.requests.length }
    const rerun = await work.run()
    expect(rerun.code, rerun.stderr).toBe(0)
    expect((JSON.parse(rerun.stdout) as Summary).calls.video).toBe(0)
    expect((JSON.parse(rerun.stdout) as Summary).cached.video).toBe(2)
    expect({ fal: fal.requests.length, gemini: gemini.requests.length }).toEqual(counts)
    expect(clipOf(manifestOf(work), 'shot 2')).toMatchObject({ model: GEMINI })
  }, 240_000)

  it('fal down for shot 2 past its retries (503): Gemini makes shot 2', async () => {
    shotTwo = 'down'
    const work = chainWorkspace()
    const before = geminiStarts()
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(new RegExp(`shot 2: made by ${GEMINI} because ${FAL} was unavailable \\(`))
    expect(geminiStarts() - before).toBe(1)
    expect(clipOf(manifestOf(work), 'shot 2')).toMatchObject({ model: GEMINI })
  }, 240_000)

  it('a model the list names under an unknown provider: exit 2 naming the profile and the index, before any call', async () => {
    const work = chainWorkspace('[fal, nope:veo]')
    const counts = { fal: fal.requests.length, gemini: gemini.requests.length }
    const run = await work.run()
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('unknown provider "nope"')
    expect(run.stderr).toContain('profiles.e2e.video[1]')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect({ fal: fal.requests.length, gemini: gemini.requests.length }).toEqual(counts)
  })

  it('--dry-run prices the first choice and names the fallbacks', async () => {
    const work = chainWorkspace()
    const run = await work.run('--dry-run')
    expect(run.code, run.stderr).toBe(0)
    const plan = JSON.parse(run.stdout) as { calls: { provider: string; kind: string }[]; fallbacks: Record<string, string[]> }
    expect(plan.fallbacks).toEqual({ video: [GEMINI] })
    expect(plan.calls.filter((row) => row.kind === 'video').map((row) => row.provider)).toEqual(['fal'])
  })
})
