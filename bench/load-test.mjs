#!/usr/bin/env node
// The team-cache load test (issue 11): many `vimax generate` processes at once over overlapping
// specs, against one real redis-server and one S3 server on loopback, through the offline
// provider with simulated vendor latency. Then the same runs on one shared SQLite cache folder.
// Reports errors, calls paid twice (from every run's ledger: each paid cache key once in all),
// throughput, and p50/p95 record lookups measured the same way on both backends.
//
//   npm run build && node bench/load-test.mjs [--runs 30] [--specs 6] [--latency chat=200ms,image=500ms,video=1s]
//                                             [--backends redis,sqlite] [--lookups 2000] [--ramp-ms 500]
//                                             [--queued 10] [--workers 2] [--json]
//
// Needs redis-server (Debian: apt-get install redis-server; or VIMAX_TEST_REDIS_SERVER=/path) and
// the dev dependency @20minutes/s3rver. Exits 1 when any run failed or any call was paid twice.
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const REDIS_SERVER = process.env.VIMAX_TEST_REDIS_SERVER ?? '/usr/bin/redis-server'
const BUCKET = 'vimax-load'

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    specs: { type: 'string', default: '6' },
    latency: { type: 'string', default: 'chat=200ms,image=500ms,video=1s' },
    backends: { type: 'string', default: 'redis,sqlite' },
    lookups: { type: 'string', default: '2000' },
    // Launches spread over a few seconds: 30 Node start-ups in the same instant on 2 cores can
    // starve a run's 3-s Redis connect, and that run would go uncached (counted as degraded).
    'ramp-ms': { type: 'string', default: '500' },
    // Of the films on Redis, how many go through `vimax batch` to `vimax worker` processes.
    queued: { type: 'string', default: '10' },
    workers: { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
})
const RUNS = Number(flags.runs)
const SPECS = Number(flags.specs)
const LOOKUPS = Number(flags.lookups)
const RAMP_MS = Number(flags['ramp-ms'])
const QUEUED = Number(flags.queued)
const WORKERS = Number(flags.workers)
const log = (line) => process.stderr.write(`${line}\n`)

if (!existsSync(path.join(ROOT, 'dist', 'cache', 'redis-record-store.js'))) {
  log('dist/ is missing: run npm run build first')
  process.exit(2)
}
if (!existsSync(REDIS_SERVER)) {
  log(`${REDIS_SERVER} is not installed (apt-get install redis-server, or set VIMAX_TEST_REDIS_SERVER)`)
  process.exit(2)
}

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-load-'))
// The runs use a copy of the built package: a rebuild of dist/ during the test must not break them.
const APP = path.join(root, 'app')
for (const part of ['bin', 'dist', 'configs', 'schema', 'package.json']) if (existsSync(path.join(ROOT, part))) cpSync(path.join(ROOT, part), path.join(APP, part), { recursive: true })
symlinkSync(path.join(ROOT, 'node_modules'), path.join(APP, 'node_modules'))
const BIN = path.join(APP, 'bin', 'vimax.js')
const dist = (file) => pathToFileURL(path.join(APP, 'dist', file)).href

const { spread } = await import(dist('bench/measure.js'))
const { openRecordStore } = await import(dist('cache/open-record-store.js'))
const { resolveRecordBackend } = await import(dist('cache/record-backend.js'))

const services = []
try {
  const specs = writeSpecs(path.join(root, 'specs'), SPECS)
  const results = []
  for (const backend of flags.backends.split(',').map((name) => name.trim())) {
    if (backend === 'redis') results.push(await redisPhase(specs))
    else if (backend === 'sqlite') results.push(await sqlitePhase(specs))
    else throw new Error(`--backends: unknown backend "${backend}" (redis, sqlite)`)
  }
  const ok = results.every((phase) => phase.errors === 0 && phase.paidTwice === 0)
  if (flags.json) process.stdout.write(`${JSON.stringify({ runs: RUNS, specs: SPECS, latency: flags.latency, phases: results }, null, 2)}\n`)
  else process.stdout.write(`${table(results)}\n`)
  process.exitCode = ok ? 0 : 1
} finally {
  for (const stop of services.reverse()) await stop()
  if (flags.keep) log(`kept ${root}`)
  else rmSync(root, { recursive: true, force: true })
}

/** N small storyboards (1:1, 1-s shots, no sound), each with two shots of its own. */
function writeSpecs(dir, count) {
  mkdirSync(dir, { recursive: true })
  const things = ['a brass lamp', 'a paper boat', 'a red kite', 'an old clock', 'a glass of water', 'a sleeping cat', 'a tin robot', 'a green bottle']
  return Array.from({ length: count }, (_, i) => {
    const thing = `${things[i % things.length]} number ${i + 1}`
    const file = path.join(dir, `film-${i + 1}.yaml`)
    writeFileSync(
      file,
      `title: Load ${i + 1}\naspect_ratio: "1:1"\nshot_seconds: 1\naudio: false\nscenes:\n  - shots:\n` +
        `      - { shot_id: 1, first_frame: ${thing} on a desk., video_prompt: Slow push in. }\n` +
        `      - { shot_id: 2, first_frame: ${thing} by a window., video_prompt: Slow pan left. }\n`,
    )
    return file
  })
}

/**
 * Every run a machine of its own (its own cache folder and ledger), all on one Redis and one
 * bucket; `--queued` of the films go through `vimax batch` to `--workers` worker processes.
 */
async function redisPhase(specs) {
  const redis = await startRedis()
  const s3 = await startS3()
  const cwd = mkdtempSync(path.join(root, 'team-'))
  writeFileSync(
    path.join(cwd, 'vimax.config.yaml'),
    // The workers have no --offline: the profile keeps them on the offline provider too.
    `profile: offline\ncache:\n  store: ${redis.url}\n  blobs: s3://${BUCKET}/films\n  s3: { endpoint: "${s3.endpoint}", region: us-east-1, force_path_style: true }\n`,
  )
  const queued = WORKERS > 0 ? Math.min(QUEUED, RUNS) : 0
  const machines = Array.from({ length: RUNS - queued + (queued > 0 ? WORKERS : 0) }, (_, i) => path.join(cwd, `machine-${i + 1}`))
  const phase = await runAll('redis + s3', specs, cwd, (i) => machines[i], s3.env, queued)
  const paid = machines.flatMap((dir) => paidCalls(dir))
  const lookups = await measureLookups(resolveRecordBackend({ cache: { store: redis.url }, env: {} }), path.join(cwd, 'lookup.sqlite'), paid)
  return { ...phase, ...countPaid(paid), lookups }
}

/** One machine: every run on the same cache folder (SQLite records, local blobs). */
async function sqlitePhase(specs) {
  const cwd = mkdtempSync(path.join(root, 'local-'))
  writeFileSync(path.join(cwd, 'vimax.config.yaml'), 'cache:\n  store: sqlite\n')
  const cacheDir = path.join(cwd, 'cache')
  const phase = await runAll('sqlite (one folder)', specs, cwd, () => cacheDir, {}, 0)
  const paid = paidCalls(cacheDir)
  const lookups = await measureLookups(resolveRecordBackend({ cache: { store: 'sqlite' }, env: {} }), path.join(cacheDir, 'cache.sqlite'), paid)
  return { ...phase, ...countPaid(paid), lookups }
}

/**
 * All films at once; film i is spec i mod N, so each spec is made by RUNS/N films together. The
 * last `queued` films are queued (one `vimax batch` each, its own output) and made by the workers,
 * which start with the CLI runs and exit once the queue is empty.
 */
async function runAll(name, specs, cwd, cacheDirOf, env, queued) {
  const direct = RUNS - queued
  log(`${name}: ${RUNS} films over ${specs.length} specs (${direct} vimax generate${queued ? `, ${queued} queued for ${WORKERS} vimax worker` : ''}), latency ${flags.latency}`)
  const runEnv = { ...env, REDIS_URL: '', VIMAX_OFFLINE_LATENCY: flags.latency }
  const started = performance.now()
  const launched = Array.from({ length: direct }, async (_, i) => {
    await new Promise((resolve) => setTimeout(resolve, i * RAMP_MS))
    return cli(['generate', specs[i % specs.length], '-o', path.join(cwd, 'out', `run-${i + 1}`), '--offline', '--json', '--cache-dir', cacheDirOf(i)], { cwd, env: runEnv })
  })
  const viaQueue = queued === 0 ? Promise.resolve({ workers: [], failedFilms: 0 }) : queueAndWork(specs, cwd, (w) => cacheDirOf(direct + w), runEnv, queued, direct)
  const runs = await Promise.all(launched)
  const { workers, failedFilms } = await viaQueue
  const wallMs = performance.now() - started
  const failed = [...runs, ...workers].filter((run) => run.code !== 0)
  for (const run of failed.slice(0, 3)) log(`  a process failed (exit ${run.code}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`)
  const everyone = [...runs, ...workers]
  const warnings = new Set(everyone.flatMap((run) => run.stderr.split('\n').filter((line) => /warn/i.test(line))))
  for (const line of [...warnings].slice(0, 8)) log(`  ${line}`)
  // A run that lost its shared store or bucket still succeeds, but no longer proves single payment.
  const degraded = everyone.filter((run) => /continuing without a cache|cannot be reached|did not answer|lost the connection/.test(run.stderr)).length
  const errors = failed.length + failedFilms
  log(`  done in ${(wallMs / 1000).toFixed(1)} s, ${errors} errors, ${degraded} processes degraded`)
  return { backend: name, runs: RUNS, queued, workers: workers.length, errors, degraded, wallSeconds: round(wallMs / 1000), filmsPerMinute: round((RUNS - errors) / (wallMs / 60_000)) }
}

/** Queues the films one `vimax batch` at a time, then runs the workers until the queue is empty. */
async function queueAndWork(specs, cwd, cacheDirOf, env, queued, offset) {
  for (let q = 0; q < queued; q++) {
    const batch = await cli(['batch', specs[(offset + q) % specs.length], '-o', path.join(cwd, 'out', `queued-${q + 1}`), '--json'], { cwd, env })
    if (batch.code !== 0) throw new Error(`vimax batch failed (exit ${batch.code}): ${batch.stderr.trim()}`)
  }
  const perWorker = String(Math.ceil(queued / WORKERS))
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, (_, w) => cli(['worker', '--until-empty', '--concurrency', perWorker, '--quiet', '--cache-dir', cacheDirOf(w)], { cwd, env })),
  )
  const status = await cli(['batch', 'status', '--json'], { cwd, env })
  const counts = status.code === 0 ? JSON.parse(status.stdout.trim().split('\n').pop()).counts : undefined
  if (!counts) log(`  vimax batch status failed (exit ${status.code}): ${status.stderr.trim()}`)
  return { workers, failedFilms: counts ? queued - (counts.done ?? 0) : queued }
}

/** The calls a ledger says were paid (made, not from the cache, not a resumed job), with their cache keys. */
function paidCalls(cacheDir) {
  const file = path.join(cacheDir, 'vimax.db')
  if (!existsSync(file)) return []
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare(`SELECT kind, cache_key AS key FROM calls WHERE cached = 0 AND resumed = 0 AND status = 'ok'`).all()
  } finally {
    db.close()
  }
}

/**
 * Each distinct cache key should be paid once across every run; the surplus is what was paid
 * twice. A call without a key was made by a run that had no cache (it could not reach Redis and
 * said so): counted apart, as the cost of degrading rather than failing.
 */
function countPaid(paid) {
  const byKey = new Map()
  const keyed = paid.filter((call) => call.key)
  for (const call of keyed) byKey.set(`${call.kind}:${call.key}`, (byKey.get(`${call.kind}:${call.key}`) ?? 0) + 1)
  const twice = [...byKey.values()].filter((count) => count > 1)
  return { paidCalls: keyed.length, distinctKeys: byKey.size, paidTwice: twice.reduce((total, count) => total + count - 1, 0), paidUncached: paid.length - keyed.length }
}

/** `RecordStore.get` of the records the runs wrote, one at a time, through the same code for both backends. */
async function measureLookups(backend, file, paid) {
  const keys = [...new Map(paid.filter((call) => call.key).map((call) => [`${call.kind}:${call.key}`, call])).values()]
  if (keys.length === 0) return undefined
  const store = await openRecordStore(backend, { file, warn: (message) => log(`  lookup store: ${message}`) })
  try {
    const times = []
    let hits = 0
    for (let i = 0; i < LOOKUPS + 100; i++) {
      const { kind, key } = keys[i % keys.length]
      const started = performance.now()
      const record = await store.get(kind, key)
      const ms = performance.now() - started
      // The first hundred warm the connection and the page cache.
      if (i >= 100) {
        times.push(ms)
        if (record) hits++
      }
    }
    const s = spread(times)
    return { n: s.n, hits, p50Ms: round(s.median, 3), p95Ms: round(s.p95, 3) }
  } finally {
    await store.close()
  }
}

function cli(args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

async function startRedis() {
  const port = await freePort()
  const dir = mkdtempSync(path.join(root, 'redis-'))
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  services.push(() => new Promise((resolve) => (child.exitCode === null ? (child.once('exit', resolve), child.kill('SIGTERM')) : resolve())))
  for (const deadline = Date.now() + 10_000; ; ) {
    if (await canConnect(port)) break
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { url: `redis://127.0.0.1:${port}` }
}

async function startS3() {
  const { default: S3rver } = await import('@20minutes/s3rver')
  const directory = mkdtempSync(path.join(root, 's3-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] })
  const address = await server.run()
  services.push(() => server.close())
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    env: { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' },
  }
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.end(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function round(value, digits = 1) {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

function table(phases) {
  const rows = [
    ['backend', 'films', 'queued', 'errors', 'degraded', 'paid calls', 'distinct keys', 'paid twice', 'paid uncached', 'wall s', 'films/min', 'lookup p50 ms', 'lookup p95 ms'],
    ...phases.map((p) => [p.backend, p.runs, p.queued, p.errors, p.degraded, p.paidCalls, p.distinctKeys, p.paidTwice, p.paidUncached, p.wallSeconds, p.filmsPerMinute, p.lookups?.p50Ms ?? '-', p.lookups?.p95Ms ?? '-']),
  ].map((row) => row.map(String))
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)))
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ')).join('\n')
}
