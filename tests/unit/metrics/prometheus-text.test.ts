import { describe, expect, it } from 'vitest'
import { parsePrometheusText } from '../../support/prometheus-text.js'

// The reader the metrics tests rely on must itself reject what Prometheus would.
const HEAD = '# HELP t_seconds Time.\n# TYPE t_seconds histogram\n'
const histogram = (lines: string[]) => HEAD + lines.join('\n') + '\n'

describe('parsePrometheusText', () => {
  it('reads a valid histogram and unescapes label values', () => {
    const text = histogram(['t_seconds_bucket{a="x\\"y\\\\z\\n",le="1"} 1', 't_seconds_bucket{a="x\\"y\\\\z\\n",le="+Inf"} 2', 't_seconds_sum{a="x\\"y\\\\z\\n"} 3.5', 't_seconds_count{a="x\\"y\\\\z\\n"} 2'])
    const family = parsePrometheusText(text).get('t_seconds')!
    expect(family.samples[0]!.labels.a).toBe('x"y\\z\n')
    expect(family.samples.map((sample) => sample.value)).toEqual([1, 2, 3.5, 2])
  })

  it.each([
    ['a second TYPE', '# HELP a A.\n# TYPE a counter\n# TYPE a counter\na 1\n', /second TYPE/],
    ['a second HELP', '# HELP a A.\n# HELP a A.\n# TYPE a counter\na 1\n', /second HELP/],
    ['a sample of no declared family', '# HELP a A.\n# TYPE a counter\nb 1\n', /no declared family/],
    ['a family without HELP', '# TYPE a counter\na 1\n', /HELP and TYPE/],
    ['a family split in two', '# HELP a A.\n# TYPE a gauge\na{x="1"} 1\n# HELP b B.\n# TYPE b gauge\nb 1\na{x="2"} 1\n', /appears again/],
    ['a duplicate series', '# HELP a A.\n# TYPE a gauge\na{x="1"} 1\na{x="1"} 2\n', /duplicate/],
    ['an unknown escape', '# HELP a A.\n# TYPE a gauge\na{x="\\t"} 1\n', /invalid escape/],
    ['a raw quote in a value', '# HELP a A.\n# TYPE a gauge\na{x="a"b"} 1\n', /expected , or }/],
    ['a missing final newline', '# HELP a A.\n# TYPE a gauge\na 1', /newline/],
    ['a value that is not a number', '# HELP a A.\n# TYPE a gauge\na one\n', /not a number/],
    ['decreasing buckets', histogram(['t_seconds_bucket{le="1"} 2', 't_seconds_bucket{le="+Inf"} 1', 't_seconds_sum 1', 't_seconds_count 1']), /fewer/],
    ['+Inf unlike _count', histogram(['t_seconds_bucket{le="1"} 1', 't_seconds_bucket{le="+Inf"} 1', 't_seconds_sum 1', 't_seconds_count 2']), /_count is 2/],
    ['no +Inf bucket', histogram(['t_seconds_bucket{le="1"} 1', 't_seconds_sum 1', 't_seconds_count 1']), /\+Inf/],
    ['buckets out of order', histogram(['t_seconds_bucket{le="2"} 1', 't_seconds_bucket{le="1"} 1', 't_seconds_bucket{le="+Inf"} 1', 't_seconds_sum 1', 't_seconds_count 1']), /does not increase/],
    ['no _sum', histogram(['t_seconds_bucket{le="+Inf"} 1', 't_seconds_count 1']), /_sum and _count/],
  ])('rejects %s', (_, text, message) => {
    expect(() => parsePrometheusText(text)).toThrow(message)
  })
})
