import type { BenchJson, ScenarioJson, SpecJson } from '../../../src/bench/bench-json.js'

/** A small, hand-made bench result: the shape `vimax bench --json` prints, with round numbers. */
export function scenario(name: ScenarioJson['name'], wallMs: number, overrides: Partial<ScenarioJson> = {}): ScenarioJson {
  const cold = name !== 'warm' && name !== 'edit'
  return {
    name,
    lanes: name === 'serial' ? 1 : name.startsWith('concurrent-') ? Number(name.slice('concurrent-'.length)) : 'configured',
    runs: 1,
    wall: { median_ms: wallMs, min_ms: wallMs, max_ms: wallMs },
    pipeline: { median_ms: wallMs * 0.9, min_ms: wallMs * 0.9, max_ms: wallMs * 0.9 },
    assembly: { median_ms: wallMs * 0.1, min_ms: wallMs * 0.1, max_ms: wallMs * 0.1 },
    calls: name === 'warm' ? { chat: 0, image: 0, video: 0, speech: 0, music: 0 } : name === 'edit' ? { chat: 0, image: 0, video: 1, speech: 0, music: 0 } : { chat: 5, image: 13, video: 4, speech: 0, music: 0 },
    cached: name === 'warm' ? { chat: 5, image: 13, video: 4, speech: 0, music: 0 } : { chat: 0, image: 0, video: 0, speech: 0, music: 0 },
    cache_hit_rate: name === 'warm' ? 1 : 0,
    latency: { chat: null, image: { n: 13, p50_ms: 80, p95_ms: 120 }, video: { n: 4, p50_ms: 600, p95_ms: 650 }, speech: null, music: null },
    phases: { calls_ms: wallMs * 0.8, to_edit_ms: wallMs * 0.1, edit_ms: wallMs * 0.05, film_out_ms: wallMs * 0.03, finish_ms: wallMs * 0.02 },
    peak_rss_mb: 120,
    bound: cold ? { ms: 8400, by: 'critical path', busiest_lane: null } : null,
    efficiency: cold ? 1.05 : null,
    efficiency_with_assembly: cold ? 1.15 : null,
    speedup: cold ? 2.5 : null,
    speedup_with_assembly: cold ? 2.3 : null,
    ...overrides,
  }
}

export function specResult(name: string, scenarios: readonly ScenarioJson[]): SpecJson {
  return {
    spec: name,
    path: `/specs/${name}.yaml`,
    entry: 'storyboard',
    plan: { scenes: 2, shots: 4, characters: 3, shots_per_scene: [2, 2], cast_call: false, calls_per_cold_run: { chat: 0, image: 13, video: 4, speech: 0, music: 0 } },
    latencies_ms: { chat: 200, image: 800, video: 6000, speech: 0, music: 0 },
    critical_path: { ms: 8400, chain: ['image portrait front', 'image portrait side', 'image frame 1', 'video clip 1'] },
    vimax_model: { ms: 16000, head_ms: 2400, scenes_ms: [6800, 6800] },
    headline: 'concurrent-16',
    scenarios,
    warm_vs_cold: 0.01,
    edit: { shot: '2', expected_calls: { chat: 0, image: 0, video: 1, speech: 0, music: 0 }, calls: { chat: 0, image: 0, video: 1, speech: 0, music: 0 }, exact: true },
  }
}

export function benchResult(specs: readonly SpecJson[]): BenchJson {
  return {
    vimax_bench: 1,
    vimax_version: '0.1.0',
    node: 'v20.0.0',
    platform: 'linux x64',
    cpus: 2,
    cpu_model: 'Test CPU',
    started_at: '2026-01-01T00:00:00.000Z',
    duration_ms: 1000,
    mode: 'offline',
    models: { chat: 'offline:writer', image: 'offline:cards', video: 'offline:animatic', speech: 'offline:voice', music: 'offline:score' },
    runs: 1,
    latency_unscaled_ms: { chat: 2000, image: 8000, video: 60000, speech: 0, music: 0 },
    time_scale: 0.1,
    simulated_latency_ms: { chat: 200, image: 800, video: 6000, speech: 0, music: 0 },
    reused_renders: true,
    concurrency: [1, 16],
    critical_path_rule: 'rule',
    vimax_model_formula: 'formula',
    vimax_model_constants: { camera_tree_depth: 0, selector_calls_per_frame: 0, planning_calls_per_scene: 0 },
    specs,
    targets: [],
  }
}

export function standardSpec(name: string, coldMs = 9000): SpecJson {
  return specResult(name, [
    scenario('cold', coldMs),
    scenario('warm', 90),
    scenario('serial', coldMs * 4),
    scenario('concurrent-16', coldMs),
    scenario('edit', 6500),
  ])
}
