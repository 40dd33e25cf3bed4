import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { CallRow, RunDetail } from '../../../src/ledger/ledger-types.js'
import { ROOT, runCli, type CliRun } from '../../support/run-cli.js'

/**
 * The offline models are free, so these tests price them in a user config: tokens, images and
 * seconds of video by resolution, exercising every kind of price the table knows.
 */
export const OFFLINE_PRICES = `prices:
  offline:writer: { input_per_million: 2, output_per_million: 8 }
  offline:cards: { per_image: 0.04 }
  offline:animatic: { per_second: { 720p: 0.10, 1080p: 0.25 } }
`

export interface PricedWorkspace {
  readonly dir: string
  vimax(args: readonly string[]): Promise<CliRun>
  json<T = Record<string, unknown>>(args: readonly string[]): Promise<{ run: CliRun; body: T }>
  runDetail(runId: string): Promise<RunDetail>
}

/** A working folder with the priced config, its own cache and output folder. */
export function pricedWorkspace(dir: string): PricedWorkspace {
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'vimax.config.yaml'), OFFLINE_PRICES)
  const common = ['--cache-dir', path.join(dir, 'cache')]
  const vimax = (args: readonly string[]) => runCli([...args, ...common], { cwd: dir, env: { VIMAX_CONFIG: '' } })
  const json = async <T,>(args: readonly string[]) => {
    const run = await vimax([...args, '--json'])
    let body: T
    try {
      body = JSON.parse(run.stdout) as T
    } catch {
      throw new Error(`not JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`)
    }
    return { run, body }
  }
  return {
    dir,
    vimax,
    json,
    runDetail: async (runId) => (await json<RunDetail>(['runs', 'show', runId])).body,
  }
}

export const example = (name: string) => path.join(ROOT, 'examples', name)

/** Paid (not cached), successful calls: what a run spent money on. */
export const paid = (calls: readonly CallRow[]) => calls.filter((call) => !call.cached && call.status === 'ok')

export const sumCost = (calls: readonly CallRow[]) => calls.reduce((total, call) => total + (call.costUsd ?? 0), 0)
