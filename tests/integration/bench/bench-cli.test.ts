import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BenchJson } from '../../../src/bench/bench-json.js'
import { runCli, tempDir } from '../../support/run-cli.js'

// Small film, tiny latencies, one run: a few seconds of real ffmpeg work per bench.
const TINY_SPEC = `title: Bench Tiny
aspect_ratio: "1:1"
shot_seconds: 1
characters:
  - name: Ada
    appearance: a girl of sixteen with copper-red hair
scenes:
  - shots:
      - { shot_id: 1, first_frame: Ada at the workbench., video_prompt: Slow push in. }
      - { shot_id: 2, first_frame: An empty attic at night., video_prompt: Static shot. }
  - shots:
      - { shot_id: 3, first_frame: Ada on the rooftop at sunrise., video_prompt: Slow pan right. }
`
const FAST = ['--latency', 'chat=5ms,image=5ms,video=40ms,speech=5ms,music=40ms', '--time-scale', '1', '--runs', '1', '--concurrency', '4']

let dir: string
let spec: string
let env: NodeJS.ProcessEnv
beforeAll(() => {
  dir = tempDir('vimax-bench-')
  spec = path.join(dir, 'tiny.yaml')
  writeFileSync(spec, TINY_SPEC)
  // No person's config or profile leaks in.
  env = { XDG_CONFIG_HOME: dir, VIMAX_PROFILE: '', VIMAX_CONFIG: '' }
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('vimax bench', () => {
  const saved = () => path.join(dir, 'saved.json')

  it('--json prints every documented figure; --save keeps the same result; --chart draws one group per spec', async () => {
    const chart = path.join(dir, 'chart.svg')
    const run = await runCli(['bench', spec, ...FAST, '--json', '--save', saved(), '--chart', chart], { cwd: dir, env })
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as BenchJson
    expect(Object.keys(result).sort()).toEqual(
      [
        'vimax_bench', 'vimax_version', 'node', 'platform', 'cpus', 'cpu_model', 'started_at', 'duration_ms', 'mode', 'models', 'runs',
        'latency_unscaled_ms', 'time_scale', 'simulated_latency_ms', 'reused_renders', 'concurrency', 'critical_path_rule', 'vimax_model_formula',
        'vimax_model_constants', 'specs', 'targets',
      ].sort(),
    )
    expect(result).toMatchObject({ mode: 'offline', runs: 1, time_scale: 1, concurrency: [4], simulated_latency_ms: { chat: 5, image: 5, video: 40 } })
    expect(Object.keys(result.vimax_model_constants).sort()).toEqual(['camera_tree_depth', 'planning_calls_per_scene', 'selector_calls_per_frame'])
    const [figures] = result.specs
    expect(result.specs).toHaveLength(1)
    expect(Object.keys(figures!).sort()).toEqual(
      ['spec', 'path', 'entry', 'plan', 'latencies_ms', 'critical_path', 'vimax_model', 'headline', 'scenarios', 'warm_vs_cold', 'edit'].sort(),
    )
    expect(figures).toMatchObject({ spec: 'tiny', entry: 'storyboard', headline: 'concurrent-4', plan: { scenes: 2, shots: 3, characters: 1, cast_call: false } })
    expect(Object.keys(figures!.plan).sort()).toEqual(['calls_per_cold_run', 'cast_call', 'characters', 'scenes', 'shots', 'shots_per_scene'])
    // --concurrency 4 without 1: no serial scenario.
    expect(figures!.scenarios.map((s) => s.name)).toEqual(['cold', 'warm', 'concurrent-4', 'edit'])
    for (const scenario of figures!.scenarios) {
      expect(Object.keys(scenario).sort(), scenario.name).toEqual(
        [
          'name', 'lanes', 'runs', 'wall', 'pipeline', 'assembly', 'calls', 'cached', 'cache_hit_rate', 'latency', 'phases', 'peak_rss_mb',
          'bound', 'efficiency', 'efficiency_with_assembly', 'speedup', 'speedup_with_assembly',
        ].sort(),
      )
      for (const time of [scenario.wall, scenario.pipeline, scenario.assembly]) expect(Object.keys(time).sort()).toEqual(['max_ms', 'median_ms', 'min_ms'])
      expect(Object.keys(scenario.latency).sort()).toEqual(['chat', 'image', 'music', 'speech', 'video'])
      expect(scenario.peak_rss_mb).toBeGreaterThan(0)
      // The phases of the median run add up to its wall (one run here).
      const phases = Object.values(scenario.phases)
      expect(phases).toHaveLength(5)
      expect(phases.reduce((sum, ms) => sum + ms, 0)).toBeCloseTo(scenario.wall.median_ms, -1)
    }
    const [cold, warm, concurrent, edit] = figures!.scenarios
    expect(cold!.calls).toEqual(figures!.plan.calls_per_cold_run)
    // Efficiency is against the lane-aware bound, which is never below the critical path.
    for (const run of [cold!, concurrent!]) {
      expect(Object.keys(run.bound!).sort()).toEqual(['busiest_lane', 'by', 'ms'])
      expect(run.bound!.ms).toBeGreaterThanOrEqual(figures!.critical_path.ms)
      expect(run.efficiency).toBeCloseTo(run.pipeline.median_ms / run.bound!.ms, 2)
    }
    expect(concurrent!.bound!.busiest_lane).toMatchObject({ concurrency: 4 })
    expect(cold!.latency.video).toMatchObject({ n: 3, p50_ms: expect.any(Number), p95_ms: expect.any(Number) })
    expect(warm).toMatchObject({ calls: { chat: 0, image: 0, video: 0, speech: 0, music: 0 }, cache_hit_rate: 1, efficiency: null, bound: null })
    expect(edit!.calls).toEqual({ chat: 0, image: 0, video: 1, speech: 0, music: 0 })
    expect(figures!.edit).toMatchObject({ shot: '2', exact: true })
    expect(result.targets.length).toBeGreaterThan(0)

    expect(camelCaseKeys(result)).toEqual([])
    expect(JSON.parse(readFileSync(saved(), 'utf8'))).toEqual(result)
    const svg = readFileSync(chart, 'utf8')
    expect(svg.match(/<g class="spec" data-spec="tiny">/g)).toHaveLength(1)
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true)
  })

  it('--baseline: exit 1 naming each figure that regressed, exit 0 when nothing did', async () => {
    const baseline = JSON.parse(readFileSync(saved(), 'utf8')) as BenchJson
    const scaled = (factor: number): BenchJson => ({
      ...baseline,
      specs: baseline.specs.map((spec) => ({
        ...spec,
        scenarios: spec.scenarios.map((s) => ({
          ...s,
          wall: { ...s.wall, median_ms: s.wall.median_ms * factor },
          efficiency: s.efficiency && s.efficiency * factor,
          speedup: s.speedup && s.speedup / factor,
        })),
      })),
    })
    const faster = path.join(dir, 'faster.json')
    const slower = path.join(dir, 'slower.json')
    writeFileSync(faster, JSON.stringify(scaled(0.1)))
    // A thousandfold margin: --render-cost adds the offline renders to every figure, and machine noise
    // must never be able to cross it, so this half of the test can only fail on a real comparison bug.
    writeFileSync(slower, JSON.stringify(scaled(1000)))

    const regressed = await runCli(['bench', spec, ...FAST, '--baseline', faster, '--max-regression', '10%'], { cwd: dir, env })
    expect(regressed.code).toBe(1)
    expect(regressed.stderr).toMatch(/^regression: tiny cold wall \d[\d.]* m?s vs \d[\d.]* m?s baseline \(\+\d+% > 10%\)$/m)
    expect(regressed.stdout).toContain('tiny') // the table is still printed

    expect(regressed.stderr).toMatch(/^\d+ regressions? beyond 10% against .*faster\.json \(compared per spec: /m)

    // --render-cost times the offline renders too: slower, still far within a thousand-times-slower baseline.
    const fine = await runCli(['bench', spec, ...FAST, '--baseline', slower, '--json', '--render-cost'], { cwd: dir, env })
    expect(fine.code, fine.stderr).toBe(0)
    expect(fine.stderr).toMatch(/no regression beyond 10% against/)
    expect(JSON.parse(fine.stdout)).toMatchObject({ reused_renders: false, comparison: { regressions: [], max_regression: 0.1 } })
    expect(camelCaseKeys(JSON.parse(fine.stdout))).toEqual([])
  })

  it('a script is edited through the storyboard.json it produced: that reruns fully cached, and the edit re-runs one clip', async () => {
    const script = path.join(dir, 'tiny-script.yaml')
    writeFileSync(script, 'aspect_ratio: "1:1"\nshot_seconds: 1\nstyle: ink wash\nscript: |\n  INT. ATTIC - NIGHT\n\n  MILO winds a music box.\n\n  MILO\n  One more time.\n')
    const run = await runCli(['bench', script, ...FAST, '--concurrency', '1', '--json'], { cwd: dir, env })
    expect(run.code).toBe(0)
    const [figures] = (JSON.parse(run.stdout) as BenchJson).specs
    expect(figures).toMatchObject({ entry: 'script', headline: 'cold', plan: { cast_call: true } })
    expect(figures!.scenarios.map((s) => s.name)).toEqual(['cold', 'warm', 'serial', 'edit'])
    expect(figures!.edit).toMatchObject({ calls: { chat: 0, image: 0, video: 1 }, exact: true })
  })

  it('--shots 3 runs a synthetic storyboard of 3 shots, speaking and scored, and reports its calls', async () => {
    const run = await runCli(['bench', '--shots', '3', ...FAST, '--json'], { cwd: dir, env, timeoutMs: 170_000 })
    expect(run.code, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout) as BenchJson
    // Alone, --shots replaces the examples.
    expect(result.specs.map((s) => s.spec)).toEqual(['synthetic-3-shots'])
    const [figures] = result.specs
    expect(figures).toMatchObject({ entry: 'storyboard', plan: { shots: 3, characters: 2 } })
    const cold = figures!.scenarios.find((s) => s.name === 'cold')!
    expect(cold.calls).toEqual(figures!.plan.calls_per_cold_run)
    // A clip per shot, a line on shots 1 and 3, one music bed: the soundtrack is on the board.
    expect(cold.calls).toMatchObject({ video: 3, speech: 2, music: 1 })
    expect(figures!.scenarios.find((s) => s.name === 'warm')!.calls).toEqual({ chat: 0, image: 0, video: 0, speech: 0, music: 0 })
  })

  it.each([
    [['--shots', '0'], /--shots: expected an integer ≥ 1, got "0"/],
    [['--shots', 'lots'], /--shots: expected an integer ≥ 1, got "lots"/],
    [['--shots', '20000'], /--shots: at most 10000 shots/],
    [['--runs', '0'], /--runs: expected an integer ≥ 1/],
    [['--concurrency', '4,x'], /--concurrency: expected an integer ≥ 1, got "x"/],
    [['--time-scale', '2'], /--time-scale: expected a number in \(0, 1\]/],
    [['--latency', 'video=later'], /--latency video: expected a duration/],
    [['--max-regression', '10%'], /--max-regression needs --baseline/],
    [['--baseline', 'missing.json'], /cannot read the baseline/],
    [['--real'], /--real: no paid provider is configured/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
  ])('%j is a usage error: exit 2 and a clear message', async (flags, message) => {
    const run = await runCli(['bench', spec, ...flags], { cwd: dir, env })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
  })

  it('--real without --yes says how many paid calls it would make, and refuses', async () => {
    const run = await runCli(['bench', spec, '--real', '--concurrency', '4'], { cwd: dir, env: { ...env, VIMAX_PROFILE: 'openai' } })
    expect(run.code).toBe(2)
    // openai draws the images, the clips stay offline: 3 portraits + 3 frames per cold run × (cold, 4 lanes).
    expect(run.stderr).toContain('--real makes about 12 paid provider calls; refusing without --yes')
    expect(run.stderr).toContain('tiny: 6 per cold run × 2 cold runs + 0 per edit × 1 edit = 12')
    expect(run.stderr).toMatch(/hint: add --yes/)
  })
})

/** Every key, at any depth, that is not snake_case (the CLI's JSON style, src/cli/json-style.ts). */
function camelCaseKeys(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => camelCaseKeys(item, `${at}[${index}]`))
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, item]) => [...(/[A-Z]/.test(key) ? [`${at}.${key}`] : []), ...camelCaseKeys(item, `${at}.${key}`)])
}
