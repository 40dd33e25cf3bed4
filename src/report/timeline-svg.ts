import { escapeHtml } from './escape-html.js'
import { formatUsd } from '../util/format-usd.js'
import type { ReportCall } from './report-input.js'
import { plural } from '../util/plural.js'

const WIDTH = 1000
const LABEL = 168
const RIGHT = 14
const TOP = 26
const TRACK = 12
const TRACK_GAP = 3
const LANE_PAD = 7
/** A cache hit takes a millisecond; it must still be a bar a person can see and point at. */
const MIN_BAR = 3
const KIND_ORDER = ['chat', 'image', 'speech', 'video', 'music']

export interface TimelineInput {
  readonly calls: readonly ReportCall[]
  /** Epoch ms the run started: time 0 on the axis. */
  readonly startedAt: number
  readonly wallMs: number
}

interface Placed {
  readonly call: ReportCall
  readonly track: number
  readonly x0: number
  readonly xCall: number
  readonly x1: number
}

/**
 * Every call as a bar on its lane (`provider:kind`), from the moment it asked for a slot: the
 * wait for the slot is a thin lead-in, the time at the provider the bar. Calls that overlap in a
 * lane are stacked on tracks, so the page shows how many ran at once. Empty for no calls.
 */
export function timelineSvg({ calls, startedAt, wallMs }: TimelineInput): string {
  if (calls.length === 0) return ''
  const begin = Math.min(startedAt, ...calls.map((call) => call.startedAt))
  const end = Math.max(begin + Math.max(1, wallMs), ...calls.map(endOf))
  const span = Math.max(1, end - begin)
  const x = (t: number) => LABEL + ((t - begin) / span) * (WIDTH - LABEL - RIGHT)
  const bands: string[] = []
  const bars: string[] = []
  let y = TOP
  lanesOf(calls).forEach(([lane, laneCalls], index) => {
    const placed = placeOnTracks(laneCalls, x)
    const tracks = Math.max(1, ...placed.map((p) => p.track + 1))
    const height = LANE_PAD * 2 + tracks * TRACK + (tracks - 1) * TRACK_GAP
    bands.push(
      `<rect class="lane-band${index % 2 === 1 ? ' odd' : ''}" x="0" y="${y}" width="${WIDTH}" height="${height}"/>`,
      `<text class="lane-label" x="10" y="${f(y + height / 2 + 4)}">${escapeHtml(lane)}<tspan class="lane-count"> · ${laneCalls.length}</tspan></text>`,
    )
    bars.push(`<g class="lane" data-lane="${escapeHtml(lane)}">`)
    for (const p of placed) bars.push(bar(p, y + LANE_PAD + p.track * (TRACK + TRACK_GAP)))
    bars.push('</g>')
    y += height
  })
  const height = y + 4
  // Bands under the grid, bars over it: the ticks stay readable across every lane.
  return [
    `<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="timeline of ${plural(calls.length, 'call')}">`,
    ...bands,
    ...axis(begin, span, x, height),
    ...bars,
    '</svg>',
  ].join('\n')
}

function lanesOf(calls: readonly ReportCall[]): [string, ReportCall[]][] {
  const lanes = new Map<string, ReportCall[]>()
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt || a.callId - b.callId)
  for (const call of sorted) {
    const key = `${call.provider}:${call.kind}`
    lanes.set(key, [...(lanes.get(key) ?? []), call])
  }
  const rank = (lane: ReportCall[]) => KIND_ORDER.indexOf(lane[0]!.kind)
  return [...lanes].sort((a, b) => rank(a[1]) - rank(b[1]) || a[0].localeCompare(b[0]))
}

/** Greedy interval colouring: a call goes on the first track free when it starts. */
function placeOnTracks(calls: readonly ReportCall[], x: (t: number) => number): Placed[] {
  const trackEnds: number[] = []
  return calls.map((call) => {
    const x0 = x(call.startedAt)
    const xCall = x(call.startedAt + call.queuedMs)
    const x1 = Math.max(x(endOf(call)), xCall + MIN_BAR)
    let track = trackEnds.findIndex((trackEnd) => trackEnd + 1 <= x0)
    if (track === -1) track = trackEnds.push(x1) - 1
    else trackEnds[track] = x1
    return { call, track, x0, xCall, x1 }
  })
}

function bar({ call, x0, xCall, x1 }: Placed, y: number): string {
  const classes = ['call', `kind-${call.kind}`, ...(call.cached ? ['cached'] : []), ...(call.ok ? [] : ['failed'])].join(' ')
  const title = `<title>${escapeHtml(describe(call))}</title>`
  const wait =
    xCall - x0 >= 0.5
      ? `<rect class="wait" x="${f(x0)}" y="${f(y + TRACK / 2 - 1.5)}" width="${f(xCall - x0)}" height="3">${title}</rect>`
      : ''
  return `${wait}<rect class="${classes}" x="${f(xCall)}" y="${y}" width="${f(x1 - xCall)}" height="${TRACK}" rx="2" data-call="${call.callId}">${title}</rect>`
}

function describe(call: ReportCall): string {
  const cost = call.cached
    ? `cache hit, saved ${call.savedUsd === undefined ? 'unknown' : formatUsd(call.savedUsd)}`
    : `cost ${call.costUsd === undefined ? 'unknown' : formatUsd(call.costUsd)}`
  return [
    `${call.subject ?? '(no subject)'} · ${call.provider}:${call.model}`,
    `${Math.round(call.ms)} ms at the provider${call.queuedMs > 0 ? `, ${Math.round(call.queuedMs)} ms waiting for a slot` : ''}`,
    cost,
    ...(call.ok ? [] : [`failed: ${call.errorCode ?? 'error'}`]),
  ].join('\n')
}

/** Ticks every 1, 2 or 5 × 10ⁿ ms, at most about eight of them. */
function axis(begin: number, span: number, x: (t: number) => number, height: number): string[] {
  const raw = span / 8
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? raw
  const decimals = step >= 1000 ? 0 : step >= 100 ? 1 : 2
  const out = ['<g class="axis">']
  for (let t = 0; t <= span + 1e-9; t += step) {
    const at = f(x(begin + t))
    out.push(`<line class="grid" x1="${at}" y1="${TOP - 6}" x2="${at}" y2="${height}"/>`, `<text class="tick" x="${at}" y="${TOP - 10}">${(t / 1000).toFixed(decimals)} s</text>`)
  }
  out.push('</g>')
  return out
}

const endOf = (call: ReportCall) => call.startedAt + call.queuedMs + call.ms
const f = (n: number) => (Math.round(n * 10) / 10).toString()
