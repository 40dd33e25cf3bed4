// Start-up against the floor: `node -e 0` and `vimax --version` interleaved in one run, so machine
// noise hits both alike. Usage: node scripts/startup-bench.mjs [runs=20]
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const runs = Number(process.argv[2] ?? 20)
const bin = fileURLToPath(new URL('../bin/vimax.js', import.meta.url))
const cases = { 'node -e 0': ['-e', '0'], 'vimax --version': [bin, '--version'], 'vimax --help': [bin, '--help'] }
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
for (const args of Object.values(cases)) spawnSync(process.execPath, args, { stdio: 'ignore' }) // warm the file cache
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(cases)) {
    const started = process.hrtime.bigint()
    const run = spawnSync(process.execPath, args, { stdio: 'ignore' })
    samples[name].push(Number(process.hrtime.bigint() - started) / 1e6)
    if (run.status !== 0) throw new Error(`${name} exited ${run.status}`)
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const floor = median(samples['node -e 0'])
for (const [name, values] of Object.entries(samples)) {
  console.log(`${name.padEnd(16)} median ${median(values).toFixed(1)} ms  (+${(median(values) - floor).toFixed(1)} ms over node -e 0)`)
}
