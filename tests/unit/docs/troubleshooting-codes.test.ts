import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
/** A code is a quoted string literal: `code: 'E_SPEC_INVALID'`, `| 'E_PROVIDER_HTTP'`, `= 'E_ABANDONED'`. */
const CODE_LITERAL = /['"`](E_[A-Z][A-Z0-9_]*)['"`]/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(file)
    return entry.name.endsWith('.ts') ? [file] : []
  })
}

/** Every error code the code can produce, with the first file that names it. */
function codesInSource(): Map<string, string> {
  const codes = new Map<string, string>()
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(CODE_LITERAL)) {
      if (!codes.has(match[1]!)) codes.set(match[1]!, path.relative(ROOT, file))
    }
  }
  return codes
}

/** Codes named in the doc's `###` headings: each heading is one entry with its cause and fix. */
function codesInDoc(): Set<string> {
  const doc = readFileSync(path.join(ROOT, 'docs', 'troubleshooting.md'), 'utf8')
  const headings = doc.split('\n').filter((line) => line.startsWith('### '))
  return new Set(headings.flatMap((line) => [...line.matchAll(/\bE_[A-Z][A-Z0-9_]*\b/g)].map((match) => match[0])))
}

describe('docs/troubleshooting.md', () => {
  it('has an entry for every error code in src/', () => {
    const documented = codesInDoc()
    const missing = [...codesInSource()].filter(([code]) => !documented.has(code)).map(([code, file]) => `${code} (${file})`)
    expect(missing, 'add a "### `E_…`" entry with its cause and fix').toEqual([])
  })

  it('names no code that src/ no longer produces', () => {
    const produced = codesInSource()
    expect([...codesInDoc()].filter((code) => !produced.has(code))).toEqual([])
  })
})
