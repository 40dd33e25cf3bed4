import { describe, expect, it } from 'vitest'
import { extractJson } from '../../../src/agents/extract-json.js'

const value = (text: string) => {
  const result = extractJson(text)
  if (!result.ok) throw new Error(result.error)
  return result.value
}

describe('extractJson', () => {
  it('reads plain JSON', () => {
    expect(value('{"a": 1}')).toEqual({ a: 1 })
    expect(value('[1, 2]')).toEqual([1, 2])
  })

  it('reads a ```json fence with prose around it', () => {
    expect(value('Here you go:\n```json\n{"title": "Dawn"}\n```\nEnjoy!')).toEqual({ title: 'Dawn' })
  })

  it('reads a bare fence', () => {
    expect(value('```\n{"ok": true}\n```')).toEqual({ ok: true })
  })

  it('prefers the json fence over another fence', () => {
    expect(value('```text\nnot json\n```\n```json\n{"x": 2}\n```')).toEqual({ x: 2 })
  })

  it('removes trailing commas in objects and arrays', () => {
    expect(value('{"a": [1, 2, 3,], "b": {"c": 1,},}')).toEqual({ a: [1, 2, 3], b: { c: 1 } })
  })

  it('keeps commas inside strings', () => {
    expect(value('{"line": "wait, ]}", "n": 1,}')).toEqual({ line: 'wait, ]}', n: 1 })
  })

  it('finds an object wrapped in prose without fences', () => {
    expect(value('Sure! The answer is {"scenes": [{"id": 1}]} — hope that helps.')).toEqual({ scenes: [{ id: 1 }] })
  })

  it('handles braces and quotes inside strings', () => {
    expect(value('Result: {"text": "a {curly} \\"quoted\\" [thing]", "n": 2} done')).toEqual({
      text: 'a {curly} "quoted" [thing]',
      n: 2,
    })
  })

  it('picks the outermost balanced value over a small one in the prose', () => {
    expect(value('Use the format [x]. Answer: {"shots": [{"a": 1}, {"a": 2}]}')).toEqual({ shots: [{ a: 1 }, { a: 2 }] })
  })

  it('strips a BOM', () => {
    expect(value('\uFEFF{"a": 1}')).toEqual({ a: 1 })
  })

  it('accepts smart quotes used as JSON quotes', () => {
    expect(value('{\u201Ctitle\u201D: \u201CDawn\u201D}')).toEqual({ title: 'Dawn' })
  })

  it('keeps smart quotes inside proper strings', () => {
    expect(value('{"line": "She said \u201Chi\u201D"}')).toEqual({ line: 'She said \u201Chi\u201D' })
  })

  it('reports an error for text without JSON', () => {
    const result = extractJson('I cannot help with that.')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(/no JSON/)
  })

  it('reports an error for JSON broken beyond repair', () => {
    const result = extractJson('{"a" 1 : : 2}')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(/invalid JSON/)
  })

  it('repairs unquoted keys, single quotes, comments and a missing comma without a model call', () => {
    expect(value("{scenes: [{title: 'A', n: 1,},], // done\n}")).toEqual({ scenes: [{ title: 'A', n: 1 }] })
    expect(value('Here you go:\n```json\n{"a": 1 "b": 2}\n```')).toEqual({ a: 1, b: 2 })
  })

  it('does not complete an answer that was cut off mid-way', () => {
    expect(extractJson('{"scenes": ["A", "B').ok).toBe(false)
    expect(extractJson('```json\n{scenes: ["A",\n```').ok).toBe(false)
  })

  it('reports an error for empty text', () => {
    expect(extractJson('   ').ok).toBe(false)
  })
})
