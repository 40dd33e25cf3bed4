import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

/** Headings as a reader sees them: `## The cache: pay only…` → "The cache: pay only…", backticks dropped. */
function readmeSections(): Set<string> {
  const text = readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(/```[\s\S]*?```/g, '')
  return new Set(
    text
      .split('\n')
      .filter((line) => /^#{1,4} /.test(line))
      .map((line) => line.replace(/^#+ /, '').replace(/`/g, '').trim()),
  )
}

describe('README sections named by messages and hints', () => {
  it('every README "Section" a source file names is a heading of README.md', () => {
    const sections = readmeSections()
    const named = sourceFiles(path.join(ROOT, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/README "([^"]+)"/g)].map((match) => ({ file: path.relative(ROOT, file), section: match[1]! })),
    )
    expect(named.length).toBeGreaterThan(0)
    const missing = named.filter(({ section }) => !sections.has(section)).map(({ file, section }) => `${file}: README "${section}"`)
    expect(missing).toEqual([])
  })
})
