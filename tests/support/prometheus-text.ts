/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: it throws on anything
 * Prometheus or node_exporter's textfile collector would reject, and on a few things they would
 * accept but a careful writer never emits (blank lines, undeclared families, a family split in
 * two, a histogram whose buckets do not add up).
 */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped'

export interface ParsedSample {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly value: number
  readonly timestamp?: number
}

export interface ParsedFamily {
  readonly name: string
  help: string | undefined
  type: MetricType | undefined
  readonly samples: ParsedSample[]
}

export function parsePrometheusText(text: string): Map<string, ParsedFamily> {
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('the text must end with a newline')
  const families = new Map<string, ParsedFamily>()
  const seenSeries = new Set<string>()
  let current: string | undefined
  const enter = (name: string, line: number) => {
    if (name !== current && families.has(name)) throw new Error(`line ${line}: family ${name} appears again after another family`)
    current = name
    const found = families.get(name)
    if (found) return found
    const family: ParsedFamily = { name, help: undefined, type: undefined, samples: [] }
    families.set(name, family)
    return family
  }

  const lines = text.split('\n').slice(0, -1)
  lines.forEach((raw, index) => {
    const line = index + 1
    if (raw === '') throw new Error(`line ${line}: blank line`)
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(raw)
    if (meta) {
      const [, keyword, name, rest] = meta as unknown as [string, 'HELP' | 'TYPE', string, string]
      const family = enter(name, line)
      if (family.samples.length > 0) throw new Error(`line ${line}: ${keyword} for ${name} after its samples`)
      if (keyword === 'HELP') {
        if (family.help !== undefined) throw new Error(`line ${line}: second HELP for ${name}`)
        family.help = unescape(rest, false, line)
      } else {
        if (family.type !== undefined) throw new Error(`line ${line}: second TYPE for ${name}`)
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) throw new Error(`line ${line}: unknown type "${rest}"`)
        family.type = rest as MetricType
      }
      return
    }
    if (raw.startsWith('#')) return
    const sample = parseSample(raw, line)
    const owner = familyOf(sample.name, families)
    if (owner === undefined) throw new Error(`line ${line}: sample ${sample.name} belongs to no declared family`)
    const family = enter(owner.name, line)
    if (family.help === undefined || family.type === undefined) throw new Error(`line ${line}: ${family.name} needs HELP and TYPE before its samples`)
    const series = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`
    if (seenSeries.has(series)) throw new Error(`line ${line}: duplicate series ${series}`)
    seenSeries.add(series)
    family.samples.push(sample)
  })

  for (const family of families.values()) {
    if (family.help === undefined || family.type === undefined) throw new Error(`${family.name}: HELP and TYPE must both be given`)
    if (family.type === 'histogram') checkHistogram(family)
  }
  return families
}

/** The value of the one sample with exactly these labels, or undefined. */
export function valueOf(families: Map<string, ParsedFamily>, name: string, labels: Record<string, string>): number | undefined {
  const family = familyOf(name, families)
  const wanted = JSON.stringify(Object.entries(labels).sort())
  return family?.samples.find((sample) => sample.name === name && JSON.stringify(Object.entries(sample.labels).sort()) === wanted)?.value
}

// --- internal ---

function familyOf(sampleName: string, families: Map<string, ParsedFamily>): ParsedFamily | undefined {
  const exact = families.get(sampleName)
  if (exact && exact.type !== 'histogram') return exact
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sampleName.endsWith(suffix)) continue
    const family = families.get(sampleName.slice(0, -suffix.length))
    if (family?.type === 'histogram' || (family?.type === 'summary' && suffix !== '_bucket')) return family
  }
  return undefined
}

function parseSample(raw: string, line: number): ParsedSample {
  const head = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(raw)
  if (!head) throw new Error(`line ${line}: no metric name in "${raw}"`)
  const name = head[1]!
  let at = name.length
  const labels: Record<string, string> = {}
  if (raw[at] === '{') {
    at += 1
    while (raw[at] !== '}') {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(raw.slice(at))
      if (!label) throw new Error(`line ${line}: bad label at column ${at + 1}`)
      const labelName = label[1]!
      if (labelName in labels) throw new Error(`line ${line}: label ${labelName} given twice`)
      at += label[0].length
      let value = ''
      for (;;) {
        const char = raw[at]
        if (char === undefined) throw new Error(`line ${line}: unterminated label value`)
        if (char === '"') break
        if (char === '\\') {
          value += unescape(raw.slice(at, at + 2), true, line)
          at += 2
        } else {
          value += char
          at += 1
        }
      }
      labels[labelName] = value
      at += 1
      if (raw[at] === ',') at += 1
      else if (raw[at] !== '}') throw new Error(`line ${line}: expected , or } at column ${at + 1}`)
      if (raw[at] === '}' && raw[at - 1] === ',') throw new Error(`line ${line}: trailing comma in labels`)
    }
    at += 1
  }
  const rest = /^ (\S+)(?: (-?\d+))?$/.exec(raw.slice(at))
  if (!rest) throw new Error(`line ${line}: expected " value [timestamp]" after the labels in "${raw}"`)
  return { name, labels, value: parseValue(rest[1]!, line), ...(rest[2] === undefined ? {} : { timestamp: Number(rest[2]) }) }
}

function parseValue(text: string, line: number): number {
  if (text === 'NaN') return NaN
  if (/^[+-]Inf$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new Error(`line ${line}: "${text}" is not a number`)
  return Number(text)
}

/** Label values may escape `\`, `"` and newline; HELP text only `\` and newline. */
function unescape(text: string, labelValue: boolean, line: number): string {
  return text.replace(/\\(.?)/g, (_, next: string) => {
    if (next === '\\') return '\\'
    if (next === 'n') return '\n'
    if (next === '"' && labelValue) return '"'
    throw new Error(`line ${line}: invalid escape "\\${next}"`)
  })
}

function checkHistogram(family: ParsedFamily): void {
  const series = new Map<string, { buckets: { le: number; count: number }[]; sum?: number; count?: number }>()
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels
    const key = JSON.stringify(Object.entries(rest).sort())
    const entry = series.get(key) ?? { buckets: [] }
    series.set(key, entry)
    if (sample.name.endsWith('_bucket')) {
      if (le === undefined) throw new Error(`${family.name}: a bucket without le`)
      entry.buckets.push({ le: parseValue(le, 0), count: sample.value })
    } else if (le !== undefined) throw new Error(`${family.name}: le on ${sample.name}`)
    else if (sample.name.endsWith('_sum')) entry.sum = sample.value
    else entry.count = sample.value
  }
  for (const [key, entry] of series) {
    const where = `${family.name}${key}`
    if (entry.sum === undefined || entry.count === undefined) throw new Error(`${where}: _sum and _count are both required`)
    entry.buckets.forEach((bucket, index) => {
      const previous = entry.buckets[index - 1]
      if (previous && !(bucket.le > previous.le)) throw new Error(`${where}: le ${bucket.le} does not increase`)
      if (previous && bucket.count < previous.count) throw new Error(`${where}: bucket le=${bucket.le} has fewer than the one below`)
    })
    const last = entry.buckets.at(-1)
    if (last?.le !== Infinity) throw new Error(`${where}: no le="+Inf" bucket (last)`)
    if (last.count !== entry.count) throw new Error(`${where}: le="+Inf" is ${last.count} but _count is ${entry.count}`)
  }
}
