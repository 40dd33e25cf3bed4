import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeMedia } from '../../../src/media/probe.js'
import { cliEnv, ROOT } from '../../support/run-cli.js'

const run = promisify(execFile)

const SPEC = `title: Two Lamps
aspect_ratio: "16:9"
shot_seconds: 2
story_overview: A keeper lights two lamps at dusk.
characters:
  - name: Mara
    appearance: a woman of forty with short grey hair
scenes:
  - scene_num: 1
    slugline: EXT. LIGHTHOUSE - DUSK
    shots:
      - shot_id: 1
        first_frame: Mara climbs the spiral stair with a lantern.
        video_prompt: Slow tilt up the stair as Mara climbs.
        characters: [Mara]
      - shot_id: 2
        first_frame: The great lamp flares to life above the sea.
        video_prompt: Static wide shot; the beam sweeps the water.
        seconds: 3
`

/**
 * A program outside the repository that depends on vimax: `node_modules/vimax` links to the
 * package, so 'vimax' resolves through package.json `exports` exactly as after `npm install`.
 */
let consumer: string
beforeAll(() => {
  consumer = mkdtempSync(path.join(os.tmpdir(), 'vimax-consumer-'))
  mkdirSync(path.join(consumer, 'node_modules'))
  symlinkSync(ROOT, path.join(consumer, 'node_modules', 'vimax'), 'dir')
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }))
  writeFileSync(path.join(consumer, 'spec.yaml'), SPEC)
})
afterAll(() => rmSync(consumer, { recursive: true, force: true }))

async function node(script: string): Promise<unknown> {
  const file = path.join(consumer, `script-${Math.random().toString(36).slice(2)}.mjs`)
  writeFileSync(file, script)
  const { stdout, stderr } = await run(process.execPath, [file], { cwd: consumer, env: cliEnv(), timeout: 150_000 })
  // A library prints nothing of its own: the script's one JSON line is all there is.
  expect(stderr).toBe('')
  return JSON.parse(stdout)
}

describe("import { generate } from 'vimax'", () => {
  it('makes the film offline into the given folder and cache, without printing, and returns the run', async () => {
    const result = (await node(`
      import { generate, openCache } from 'vimax'
      const events = []
      const result = await generate('spec.yaml', {
        offline: true,
        outDir: 'out',
        cacheDir: 'cache',
        onEvent: (event) => events.push(event.type),
      })
      const cache = await openCache({ cacheDir: 'cache', warn: () => {} })
      const backend = cache.records.backend
      await cache.close()
      console.log(JSON.stringify({ result, sawCallEnd: events.includes('call:end'), backend }))
    `)) as { result: Record<string, unknown>; sawCallEnd: boolean; backend: string }
    const out = path.join(consumer, 'out')
    const film = path.join(out, 'film.mp4')
    expect(existsSync(film)).toBe(true)
    expect((await probeMedia(film)).durationSeconds).toBeCloseTo(5, 0)
    expect(result.result).toMatchObject({
      status: 'complete',
      title: 'Two Lamps',
      outDir: out,
      film,
      manifest: path.join(out, 'manifest.json'),
      report: path.join(out, 'report.html'),
      specPath: path.join(consumer, 'spec.yaml'),
      scenes: 1,
      shots: 2,
      calls: { chat: 0, video: 2 },
      models: { chat: expect.stringMatching(/^offline/), image: expect.stringMatching(/^offline/), video: expect.stringMatching(/^offline/) },
    })
    expect(result.result.durationSeconds).toBeCloseTo(5, 0)
    expect(result.result.runId).toMatch(/^\d{8}-\d{6}-/)
    expect(result.result.plan).toBeUndefined()
    expect(result.result.stoppedAfter).toBeUndefined()
    expect(result.sawCallEnd).toBe(true)
    expect(result.backend).not.toBe('disabled')
    expect(existsSync(path.join(consumer, 'cache', 'vimax.db'))).toBe(true)
  }, 180_000)

  it('rejects with the exported error classes, code and hint intact', async () => {
    const answer = (await node(`
      import { generate, ConfigError, VimaxError } from 'vimax'
      try {
        await generate('missing.yaml', { offline: true, cacheDir: 'cache' })
        console.log(JSON.stringify({ threw: false }))
      } catch (error) {
        console.log(JSON.stringify({ threw: true, config: error instanceof ConfigError, vimax: error instanceof VimaxError, code: error.code, hint: error.hint }))
      }
    `)) as Record<string, unknown>
    expect(answer).toMatchObject({ threw: true, config: true, vimax: true, code: 'E_SPEC_NOT_FOUND', hint: expect.any(String) })
  }, 60_000)
})

describe('the typed declarations', () => {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
  const compile = (source: string) => {
    writeFileSync(path.join(consumer, 'consumer.ts'), source)
    writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] },
        files: ['consumer.ts'],
      }),
    )
    return run(process.execPath, [tsc, '-p', consumer], { cwd: consumer, timeout: 120_000 }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    )
  }

  it("resolve for a TypeScript program importing 'vimax' (and catch a wrong use)", async () => {
    const good = await compile(`
      import { generate, loadSpec, openCache, ConfigError, type GenerateRunResult, type PipelineEvent } from 'vimax'
      const spec = await loadSpec('spec.yaml')
      const result: GenerateRunResult = await generate(spec, { offline: true, onEvent: (event: PipelineEvent) => void event.type })
      const seconds: number = result.durationSeconds
      const id: string = result.runId
      const cache = await openCache({ cacheDir: 'cache', warn: () => undefined })
      await cache.close()
      export const used = [seconds, id, ConfigError]
    `)
    expect(good).toBe('')
    const bad = await compile(`
      import { generate } from 'vimax'
      const result = await generate('spec.yaml', { offline: 'yes' })
      export const wrong: number = result.runId
    `)
    expect(bad).toMatch(/consumer\.ts\(3,\d+\): error TS2322/)
    expect(bad).toMatch(/consumer\.ts\(4,\d+\): error TS2322/)
  }, 240_000)

  it('accept the example in README "Toolkit API" as written', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## Toolkit API'))
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1]
    expect(example).toContain("from 'vimax'")
    expect(await compile(`${example}\nexport {}\n`)).toBe('')
  }, 240_000)
})
