import type { Labels, MetricFamily, Sample } from './metric-family.js'

/**
 * The Prometheus text exposition format 0.0.4. Families come out sorted by name and samples by
 * their labels, so the same run gives the same bytes whatever order its calls finished in (a CI
 * diff of two metrics files then shows only what changed). No timestamps: node_exporter's textfile
 * collector rejects them.
 */
export function renderExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = []
  for (const family of [...families].sort((a, b) => compare(a.name, b.name))) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`)
    for (const sample of [...family.samples].sort(bySeries)) {
      lines.push(`${family.name}${sample.suffix}${formatLabels(sample.labels)} ${formatValue(sample.value)}`)
    }
  }
  return lines.join('\n') + '\n'
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  return String(value)
}

// --- internal ---

// Histogram lines stay together per series: its buckets by `le`, then `_sum`, then `_count`.
const SUFFIX_RANK: Record<Sample['suffix'], number> = { '': 0, _bucket: 1, _sum: 2, _count: 3 }

function bySeries(a: Sample, b: Sample): number {
  return (
    compare(formatLabels(withoutLe(a.labels)), formatLabels(withoutLe(b.labels))) ||
    SUFFIX_RANK[a.suffix] - SUFFIX_RANK[b.suffix] ||
    le(a) - le(b)
  )
}

function withoutLe(labels: Labels): Labels {
  const { le: _le, ...rest } = labels
  return rest
}

const le = (sample: Sample) => (sample.labels.le === undefined ? 0 : sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le))

function formatLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`)
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`
}

// Model names come from config files and vendor answers; one stray quote must not break the file.
const escapeLabelValue = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')

// Code-unit order, not localeCompare: the bytes must not depend on the machine's locale.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
