#!/usr/bin/env node
// Regenerates schema/vimax-spec.schema.json from the zod schema in src/spec.
// Reads the compiled module, so build first: `npm run build && node scripts/write-spec-schema.mjs`.
// With --check it writes nothing and exits 1 when the committed file is out of date.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const root = new URL('..', import.meta.url)
const target = fileURLToPath(new URL('schema/vimax-spec.schema.json', root))
const { specJsonSchemaText } = await import(new URL('dist/spec/spec-json-schema.js', root).href)

const text = specJsonSchemaText()
if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '')
  if (committed !== text) {
    console.error(`${target} is out of date: run npm run build && node scripts/write-spec-schema.mjs`)
    process.exit(1)
  }
  console.log(`${target} is up to date`)
} else {
  await writeFile(target, text)
  console.log(`wrote ${target}`)
}
