import path from 'node:path'
import { Chalk } from 'chalk'
import type { GenerateResult } from '../pipeline/generate.js'
import type { CliIo } from './io.js'

/** The --json summary. Scripts depend on these names: add fields, never rename them. */
export function summaryJson(result: GenerateResult, models: Record<string, string>): Record<string, unknown> {
  return {
    status: 'ok',
    title: result.title,
    output_dir: result.outDir,
    film: result.film,
    subtitles: result.subtitles,
    manifest: result.manifest,
    duration_s: result.durationSeconds,
    scenes: result.scenes,
    shots: result.shots,
    wall_ms: Math.round(result.wallMs),
    calls: result.calls,
    cached: result.cached,
    resumed: result.resumed,
    models,
  }
}

export function printSummary(io: CliIo, result: GenerateResult, options: { readonly quiet: boolean; readonly color: boolean }): void {
  const film = path.relative(io.cwd, result.film) || result.film
  if (options.quiet) {
    io.stdout.write(`${film}\n`)
    return
  }
  const c = new Chalk({ level: options.color ? 1 : 0 })
  const perKind = (counts: GenerateResult['calls']) => `chat ${counts.chat} · image ${counts.image} · video ${counts.video}`
  io.stdout.write(
    [
      `${c.green('✔')} ${c.bold(result.title)}  ${film}`,
      `  ${result.durationSeconds.toFixed(1)} s · ${result.scenes} scenes · ${result.shots} shots · made in ${(result.wallMs / 1000).toFixed(1)} s`,
      `  calls   ${perKind(result.calls)}`,
      `  cached  ${perKind(result.cached)}`,
      `  also    film.srt, script.md, storyboard.json, manifest.json in ${path.relative(io.cwd, result.outDir) || '.'}`,
    ].join('\n') + '\n',
  )
}
