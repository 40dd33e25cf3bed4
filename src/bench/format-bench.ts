import { Chalk } from 'chalk'
import type { PerKind } from '../pipeline/call-counts.js'
import type { BenchJson, LatencyFigures, ScenarioJson, SpecJson } from './bench-json.js'
import type { Latencies } from './plan.js'
import { textTable } from './text-table.js'
import { plural } from '../util/plural.js'

/** The terminal report: per spec a timing table and a calls table, then the targets. */
export function formatBench(result: BenchJson, options: { readonly color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 })
  const lines = [c.bold(`vimax bench · ${describeRun(result)}`), '']
  for (const spec of result.specs) lines.push(...formatSpec(spec, c), '')
  const { camera_tree_depth: d, selector_calls_per_frame: r, planning_calls_per_scene: p } = result.vimax_model_constants
  lines.push(c.dim(`critical path: ${result.critical_path_rule}`))
  lines.push(c.dim(`ViMax model (camera-tree depth ${d}, selector calls per frame ${r}, planning calls per scene ${p}): ${result.vimax_model_formula}`))
  lines.push(c.dim('bound = the critical path, or the busiest lane (calls ÷ slots × latency, after its first input, before what follows it) when longer'))
  lines.push(c.dim('efficiency = pipeline ÷ bound; speedup = ViMax model ÷ pipeline (assembly out of both; the "+asm" columns put it in)'), '')
  lines.push(c.bold('targets'))
  for (const target of result.targets) {
    const mark = target.met ? c.green('✓') : c.red('✗')
    lines.push(`  ${mark} ${target.spec}: ${target.name} ${formatNumber(target.value)} (target ${target.target})`)
  }
  lines.push('', c.dim(`took ${seconds(result.duration_ms)}`))
  return lines.join('\n')
}

function describeRun(result: BenchJson): string {
  const mode =
    result.mode === 'real'
      ? `real providers (${result.models.chat}, ${result.models.image}, ${result.models.video}, ${result.models.speech}, ${result.models.music})`
      : `offline, simulated ${latencies(result.simulated_latency_ms!)} (${latencies(result.latency_unscaled_ms!)} × ${result.time_scale})`
  const runs = `${result.runs} run${result.runs === 1 ? '' : 's'} each`
  return `${mode} · ${runs} · node ${result.node} · ${result.cpus} × ${result.cpu_model}`
}

function formatSpec(spec: SpecJson, c: InstanceType<typeof Chalk>): string[] {
  const plan = spec.plan
  const head = `${c.bold(spec.spec)} — ${spec.entry} · ${plural(plan.scenes, 'scene')} (${plan.shots_per_scene.join('+')} ${plan.shots_per_scene.reduce((a, b) => a + b, 0) === 1 ? 'shot' : 'shots'}) · ${plural(plan.characters, 'character')}`
  const bound = `critical path ${seconds(spec.critical_path.ms)} (${spec.critical_path.chain.join(' → ')})`
  const model = `ViMax model ${seconds(spec.vimax_model.ms)} (head ${seconds(spec.vimax_model.head_ms)} + scenes ${spec.vimax_model.scenes_ms.map(seconds).join(' + ')})`
  const reference = `latencies ${latencies(spec.latencies_ms)}`
  const name = (s: ScenarioJson) => (s.name === 'edit' ? `edit shot ${spec.edit.shot}` : s.name === spec.headline ? `${s.name} *` : s.name)
  const timing = textTable(
    ['scenario', 'lanes', 'wall', 'min', 'max', 'pipeline', 'assembly', 'bound', 'efficiency', '+asm', 'speedup', '+asm'],
    spec.scenarios.map((s) => [
      name(s),
      String(s.lanes === 'configured' ? 'config' : s.lanes),
      seconds(s.wall.median_ms),
      seconds(s.wall.min_ms),
      seconds(s.wall.max_ms),
      seconds(s.pipeline.median_ms),
      seconds(s.assembly.median_ms),
      boundOf(s),
      ratio(s.efficiency),
      ratio(s.efficiency_with_assembly),
      ratio(s.speedup, '×'),
      ratio(s.speedup_with_assembly, '×'),
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  )
  const calls = textTable(
    ['scenario', 'made c/i/v/s/m', 'cached c/i/v/s/m', 'hit rate', 'chat p50/p95', 'image p50/p95', 'video p50/p95', 'speech p50/p95', 'peak RSS'],
    spec.scenarios.map((s) => [
      name(s),
      perKind(s.calls),
      perKind(s.cached),
      `${Math.round(s.cache_hit_rate * 100)}%`,
      latency(s.latency.chat),
      latency(s.latency.image),
      latency(s.latency.video),
      latency(s.latency.speech ?? null),
      `${Math.round(s.peak_rss_mb)} MB`,
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  )
  const edit = spec.edit.exact
    ? c.green(`edit shot ${spec.edit.shot}: exactly 1 video call re-ran`)
    : c.red(`edit shot ${spec.edit.shot}: made ${perKind(spec.edit.calls)} calls, expected ${perKind(spec.edit.expected_calls)}`)
  return [head, `  ${bound}`, `  ${model}`, `  ${reference}`, '', indent(timing), '', indent(calls), `  ${edit} · warm wall ${percent(spec.warm_vs_cold)} of cold`]
}

// A result saved before the bound was lane-aware has none: its efficiency was against the critical path.
const boundOf = (s: ScenarioJson) => (s.bound == null ? '–' : `${seconds(s.bound.ms)}${s.bound.by === 'critical path' ? '' : ` (${s.bound.by})`}`)
const indent = (text: string) => text.replace(/^/gm, '  ')

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`
}

const ratio = (value: number | null, unit = '') => (value === null ? '–' : `${value.toFixed(2)}${unit}`)
// A saved result from before speech and music were kinds has no count for them.
const perKind = (value: PerKind) => `${value.chat}/${value.image}/${value.video}/${value.speech ?? 0}/${value.music ?? 0}`
const latency = (value: LatencyFigures | null) => (value === null ? '–' : `${seconds(value.p50_ms)} / ${seconds(value.p95_ms)}`)
const latencies = (value: Latencies) =>
  `chat ${seconds(value.chat)}, image ${seconds(value.image)}, video ${seconds(value.video)}, speech ${seconds(value.speech ?? 0)}, music ${seconds(value.music ?? 0)}`
const percent = (value: number) => `${(value * 100).toFixed(1)}%`
const formatNumber = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(value < 0.1 ? 4 : 2))
