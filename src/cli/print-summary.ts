import path from 'node:path'
import { Chalk } from 'chalk'
import type { GenerateResult } from '../pipeline/generate.js'
import { formatUsd } from '../util/format-usd.js'
import { plural } from '../util/plural.js'
import type { CliIo } from './io.js'

/** The --json summary. Scripts depend on these names: add fields, never rename them. */
export function summaryJson(result: GenerateResult, models: Record<string, string>): Record<string, unknown> {
  return {
    status: 'ok',
    title: result.title,
    output_dir: result.outDir,
    // A run stopped for review made no film yet.
    film: result.stoppedAfter ? null : result.film,
    subtitles: result.stoppedAfter ? null : result.subtitles,
    manifest: result.manifest,
    duration_s: result.durationSeconds,
    scenes: result.scenes,
    shots: result.shots,
    wall_ms: Math.round(result.wallMs),
    calls: result.calls,
    cached: result.cached,
    resumed: result.resumed,
    models,
    stopped_after: result.stoppedAfter ?? null,
    cost_usd: roundUsd(result.money.spentUsd),
    saved_usd: roundUsd(result.money.savedUsd),
    unpriced: result.money.unpriced,
  }
}

/** What a person reviews after each `--stop-after` stage. */
const REVIEW: Record<string, readonly string[]> = {
  script: ['script.md'],
  storyboard: ['storyboard.json', 'report.html'],
  frames: ['frames/', 'report.html'],
}

/** Sums of float prices drift (0.1 + 0.2); a millionth of a dollar is precision enough. */
export const roundUsd = (amount: number) => Math.round(amount * 1e6) / 1e6

export function printSummary(io: CliIo, result: GenerateResult, options: { readonly quiet: boolean; readonly color: boolean }): void {
  const film = path.relative(io.cwd, result.film) || result.film
  if (options.quiet) {
    io.stdout.write(`${film}\n`)
    return
  }
  const c = new Chalk({ level: options.color ? 1 : 0 })
  const perKind = (counts: GenerateResult['calls']) =>
    `chat ${counts.chat} · image ${counts.image} · video ${counts.video} · speech ${counts.speech} · music ${counts.music}`
  const folder = path.relative(io.cwd, result.outDir) || '.'
  const { money } = result
  const cost = `  cost    ${formatUsd(money.spentUsd)} estimated${money.unpriced > 0 ? ` + ${money.unpriced} call${money.unpriced === 1 ? '' : 's'} at unknown prices` : ''} · ${formatUsd(money.savedUsd)} saved by the cache`
  const head = result.stoppedAfter
    ? [
        `${c.yellow('■')} ${c.bold(result.title)}  stopped after ${result.stoppedAfter}, as asked`,
        `  review ${(REVIEW[result.stoppedAfter] ?? ['report.html'])
          .map((file) => `${folder}/${file}`)
          .join(' and ')}, then run again without --stop-after: finished work comes from the cache`,
      ]
    : [
        `${c.green('✔')} ${c.bold(result.title)}  ${film}`,
        `  ${result.durationSeconds.toFixed(1)} s · ${plural(result.scenes, 'scene')} · ${plural(result.shots, 'shot')} · made in ${(result.wallMs / 1000).toFixed(1)} s`,
      ]
  const also = result.stoppedAfter ? 'script.md, report.html, manifest.json' : 'film.srt, script.md, storyboard.json, report.html, manifest.json'
  io.stdout.write(
    [...head, `  calls   ${perKind(result.calls)}`, `  cached  ${perKind(result.cached)}`, cost, `  also    ${also} in ${folder}`].join('\n') + '\n',
  )
}
