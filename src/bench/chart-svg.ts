import type { BenchJson, ScenarioJson, SpecJson } from './bench-json.js'
import { plural } from '../util/plural.js'

const BAR = 46
const GAP = 10
const GROUP_PAD = 36
const LEFT = 70
const TOP = 78
const PLOT = 300
const BOTTOM = 88
const COLORS: Record<string, string> = { cold: '#4c78a8', warm: '#72b7b2', serial: '#f58518', concurrent: '#54a24b' }
const BOUND = '#2e7d32'
const VIMAX = '#c62828'

/**
 * The bench as grouped bars, one group per spec: cold vs warm, serial vs each concurrency. The
 * solid part of a bar is the pipeline, the pale top is assembly; dashed lines mark the
 * critical-path bound (no schedule is faster) and the ViMax schedule model. Hand-written SVG,
 * so the chart needs no dependency and diffs as text.
 */
export function benchChart(result: BenchJson): string {
  const groups = result.specs.map((spec) => ({ spec, bars: spec.scenarios.filter((s) => s.name !== 'edit') }))
  const widths = groups.map((group) => group.bars.length * (BAR + GAP) - GAP + 2 * GROUP_PAD)
  const width = Math.max(860, LEFT + widths.reduce((total, w) => total + w, 0) + 40)
  const height = TOP + PLOT + BOTTOM
  const peak = Math.max(1, ...result.specs.flatMap((spec) => [spec.vimax_model.ms, ...spec.scenarios.map((s) => s.wall.median_ms)]))
  const axis = niceAxis(peak / 1000)
  const y = (ms: number) => TOP + PLOT - (ms / 1000 / axis.max) * PLOT
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="24" font-size="16" font-weight="bold">vimax bench: wall time per scenario (median of ${result.runs} run${result.runs === 1 ? '' : 's'})</text>`,
    `<text x="${LEFT}" y="42" fill="#555">${escape(subtitle(result))}</text>`,
    ...legend(LEFT, 58),
    ...yAxis(axis, y, width),
  ]
  let x = LEFT
  groups.forEach((group, index) => {
    out.push(...specGroup(group.spec, group.bars, x, widths[index]!, y))
    x += widths[index]!
  })
  out.push('</svg>')
  return `${out.join('\n')}\n`
}

function specGroup(spec: SpecJson, bars: readonly ScenarioJson[], left: number, width: number, y: (ms: number) => number): string[] {
  const out = [`<g class="spec" data-spec="${escape(spec.spec)}">`]
  bars.forEach((bar, index) => {
    const x = left + GROUP_PAD + index * (BAR + GAP)
    const color = COLORS[bar.name.startsWith('concurrent-') ? 'concurrent' : bar.name] ?? '#888'
    const pipelineTop = y(bar.pipeline.median_ms)
    const wallTop = Math.min(pipelineTop, y(bar.wall.median_ms))
    out.push(
      `<rect x="${x}" y="${f(pipelineTop)}" width="${BAR}" height="${f(TOP + PLOT - pipelineTop)}" fill="${color}"><title>${escape(`${bar.name}: pipeline ${s(bar.pipeline.median_ms)}`)}</title></rect>`,
      `<rect x="${x}" y="${f(wallTop)}" width="${BAR}" height="${f(pipelineTop - wallTop)}" fill="${color}" fill-opacity="0.4"><title>${escape(`${bar.name}: assembly ${s(bar.assembly.median_ms)}`)}</title></rect>`,
      // A white halo keeps a value readable where a reference line crosses it.
      `<text x="${x + BAR / 2}" y="${f(wallTop - 5)}" text-anchor="middle" font-size="11" stroke="#ffffff" stroke-width="3" paint-order="stroke">${s(bar.wall.median_ms)}</text>`,
      `<text x="${x + BAR / 2}" y="${TOP + PLOT + 16}" text-anchor="middle" font-size="11">${escape(label(bar))}</text>`,
    )
  })
  const from = left + GROUP_PAD - 6
  const to = left + width - GROUP_PAD + 6
  out.push(marker(from, to, y(spec.critical_path.ms), BOUND), marker(from, to, y(spec.vimax_model.ms), VIMAX))
  const detail = `${spec.entry}, ${plural(spec.plan.scenes, 'scene')}, ${plural(spec.plan.shots, 'shot')}`
  const middle = left + width / 2
  // The reference values go under the group, not on their lines, where they would cross bar labels.
  out.push(
    `<text x="${middle}" y="${TOP + PLOT + 38}" text-anchor="middle" font-weight="bold">${escape(spec.spec)}</text>`,
    `<text x="${middle}" y="${TOP + PLOT + 54}" text-anchor="middle" fill="#555" font-size="11">${escape(detail)}</text>`,
    `<text x="${middle}" y="${TOP + PLOT + 70}" text-anchor="middle" font-size="11">` +
      `<tspan fill="${BOUND}">bound ${s(spec.critical_path.ms)}</tspan> · <tspan fill="${VIMAX}">ViMax ${s(spec.vimax_model.ms)}</tspan></text>`,
    '</g>',
  )
  return out
}

function marker(from: number, to: number, at: number, color: string): string {
  return `<line x1="${f(from)}" y1="${f(at)}" x2="${f(to)}" y2="${f(at)}" stroke="${color}" stroke-width="2" stroke-dasharray="6 4"/>`
}

function yAxis(axis: { max: number; step: number }, y: (ms: number) => number, width: number): string[] {
  const out = [`<text transform="translate(18 ${TOP + PLOT / 2}) rotate(-90)" text-anchor="middle" fill="#333">wall time (s)</text>`]
  for (let tick = 0; tick <= Math.round(axis.max / axis.step); tick++) {
    const value = clean(tick * axis.step)
    const at = f(y(value * 1000))
    out.push(
      `<line x1="${LEFT}" y1="${at}" x2="${width - 20}" y2="${at}" stroke="#e5e5e5"/>`,
      `<text x="${LEFT - 8}" y="${at}" dy="4" text-anchor="end" fill="#333">${value}</text>`,
    )
  }
  out.push(`<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + PLOT}" stroke="#333"/>`)
  return out
}

function legend(x: number, y: number): string[] {
  const items: [string, string, boolean][] = [
    ['cold', COLORS.cold!, false],
    ['warm (cached)', COLORS.warm!, false],
    ['serial (1 per lane)', COLORS.serial!, false],
    ['concurrent', COLORS.concurrent!, false],
    ['critical-path bound', BOUND, true],
    ['ViMax schedule model', VIMAX, true],
  ]
  const out: string[] = []
  let at = x
  for (const [text, color, line] of items) {
    out.push(
      line
        ? `<line x1="${at}" y1="${y - 4}" x2="${at + 18}" y2="${y - 4}" stroke="${color}" stroke-width="2" stroke-dasharray="6 4"/>`
        : `<rect x="${at}" y="${y - 10}" width="12" height="12" fill="${color}"/>`,
      `<text x="${at + (line ? 22 : 16)}" y="${y}">${escape(text)}</text>`,
    )
    at += (line ? 26 : 20) + text.length * 6.2 + 14
  }
  return out
}

function subtitle(result: BenchJson): string {
  const where = `${result.cpus} × ${result.cpu_model}, node ${result.node}`
  if (result.mode === 'real') return `real providers · ${where} · pale top of a bar: assembly`
  const l = result.simulated_latency_ms!
  return `offline, simulated chat ${s(l.chat)}, image ${s(l.image)}, video ${s(l.video)} (× ${result.time_scale}) · ${where} · pale top: assembly`
}

const label = (bar: ScenarioJson) => (bar.name.startsWith('concurrent-') ? `${bar.lanes} lanes` : bar.name)

/** A round axis maximum (1, 2 or 5 × 10^k steps) a little above the largest value. */
export function niceAxis(max: number): { max: number; step: number } {
  const rough = max / 5
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power
  return { max: clean(Math.ceil((max * 1.08) / step) * step), step: clean(step) }
}

/** 3 × 0.2 is 0.6000000000000001 in floating point; axis labels want 0.6. */
const clean = (value: number) => Number(value.toPrecision(12))

const s = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`)
const f = (value: number) => (Math.round(value * 10) / 10).toString()

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
