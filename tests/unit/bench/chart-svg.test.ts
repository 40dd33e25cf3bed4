import { describe, expect, it } from 'vitest'
import { benchChart, niceAxis } from '../../../src/bench/chart-svg.js'
import { benchResult, standardSpec } from './bench-fixture.js'

/**
 * Well-formedness without an XML library: every tag closes in order, attributes are quoted, and
 * text holds no raw "<" or stray "&".
 */
function checkWellFormed(xml: string): void {
  const stack: string[] = []
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '')
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y
  let at = 0
  while (at < body.length) {
    const next = body.indexOf('<', at)
    const text = body.slice(at, next === -1 ? body.length : next)
    expect(text, `text at ${at}`).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/)
    if (next === -1) break
    tag.lastIndex = next
    const match = tag.exec(body)
    if (!match) throw new Error(`malformed tag at ${next}: ${body.slice(next, next + 60)}`)
    const [, closing, name, , selfClosing] = match
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name)
    else if (!selfClosing) stack.push(name!)
    at = tag.lastIndex
  }
  expect(stack).toEqual([])
}

describe('benchChart', () => {
  const result = benchResult([standardSpec('lighthouse-idea'), standardSpec('night & <shift>', 12000), standardSpec('clockwork', 5000)])
  const svg = benchChart(result)

  it('is well-formed SVG', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    checkWellFormed(svg)
  })

  it('has one group per spec, each with its bars (edit runs left out), the bound and the ViMax model', () => {
    const groups = [...svg.matchAll(/<g class="spec" data-spec="([^"]*)">([\s\S]*?)<\/g>/g)]
    expect(groups.map((group) => group[1])).toEqual(['lighthouse-idea', 'night &amp; &lt;shift&gt;', 'clockwork'])
    for (const [, , inner] of groups) {
      expect(inner!.match(/<text[^>]*>(cold|warm|serial|16 lanes)<\/text>/g)).toHaveLength(4)
      expect(inner).toContain('bound 8.40 s')
      expect(inner).toContain('ViMax 16.0 s')
    }
  })

  it('labels its axis and every bar with its value', () => {
    expect(svg).toContain('wall time (s)')
    expect(svg).toContain('>9.00 s</text>')
    expect(svg).toContain('>90 ms</text>')
  })
})

describe('niceAxis', () => {
  it('rounds up to a step of 1, 2 or 5 × 10^k', () => {
    expect(niceAxis(48)).toEqual({ max: 60, step: 10 })
    expect(niceAxis(0.55)).toEqual({ max: 0.6, step: 0.2 })
  })
})
