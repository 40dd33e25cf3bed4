import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { measureLookups, measurePrune } from './cache-micro.js'
import { measureStartup } from './cli-startup.js'
import type { Spread } from './measure.js'
import { textTable } from './text-table.js'

/**
 * `npm run bench`: the micro-benchmarks, each as a median and its spread — record lookup and
 * prune at 100,000 cache records, and CLI start-up. `--json` for scripts; `--startup-runs n`.
 */
async function main(argv: readonly string[]): Promise<void> {
  const index = argv.indexOf('--startup-runs')
  const startupRuns = index === -1 ? 20 : Number(argv[index + 1])
  const lookups = await measureLookups()
  const prune = await measurePrune()
  const version = await measureStartup(['--version'], { runs: startupRuns })
  const help = await measureStartup(['--help'], { runs: startupRuns })
  if (argv.includes('--json')) {
    const r = (value: number) => Math.round(value * 1000) / 1000
    const figures = (s: Spread) => ({ n: s.n, median_ms: r(s.median), p95_ms: r(s.p95), min_ms: r(s.min), max_ms: r(s.max) })
    const json = {
      node: process.version,
      cache_lookup: { records: lookups.records, record_get: figures(lookups.get), layer_hit: figures(lookups.layerHit) },
      cache_prune: { records: prune.records, deleted_records: prune.deletedRecords, deleted_blobs: prune.deletedBlobs, read: figures(prune.read), plan: figures(prune.plan), apply: figures(prune.apply), total: figures(prune.total) },
      cli_startup: { version: figures(version), help: figures(help) },
    }
    process.stdout.write(`${JSON.stringify(json)}\n`)
    return
  }
  const ms = (value: number) => (value < 10 ? value.toFixed(3) : value.toFixed(0))
  const row = (name: string, s: Spread, target: string) => [name, String(s.n), ms(s.median), ms(s.p95), ms(s.min), ms(s.max), target]
  const records = lookups.records.toLocaleString('en')
  const table = textTable(
    ['measure (ms)', 'n', 'median', 'p95', 'min', 'max', 'target'],
    [
      row(`cache: record get, ${records} records`, lookups.get, '< 1'),
      row('cache: chat hit through the layer', lookups.layerHit, ''),
      row(`cache: prune ${prune.records.toLocaleString('en')} records (${prune.deletedRecords} deleted)`, prune.total, '< 5000'),
      row('cli: vimax --version', version, '< 150'),
      row('cli: vimax --help', help, ''),
    ],
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  )
  process.stdout.write(`${table}\n`)
}

// A script (`node dist/bench/micro.js`), never imported for its side effects.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
