import { rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createS3Client } from '../cache/s3-client.js'
import { isS3Url, parseS3Url } from '../cache/s3-location.js'
import { withDotenv } from '../config/dotenv.js'
import { loadConfig } from '../config/load-config.js'
import type { PipelineEvent } from '../pipeline/events.js'
import { runGenerate } from '../run/run-generate.js'
import { parseSpec } from '../spec/parse-spec.js'
import type { FilmJobData, FilmJobResult } from './film-job.js'
import { uploadFolder } from './upload-folder.js'

/** What a worker brings to every film: its own folder, config, keys and cache. */
export interface FilmRunContext {
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  readonly cacheDir?: string
  /** `host:pid`, recorded on the film. */
  readonly worker: string
  readonly stop: AbortSignal
  readonly onEvent?: (event: PipelineEvent) => void
  readonly onWarning?: (message: string) => void
  readonly onNotice?: (message: string) => void
}

/**
 * One film, made by the same `runGenerate` as `vimax generate` (its cache, ledger and report),
 * into the job's folder — or into a staging folder uploaded to the job's `s3://` prefix. The
 * staging folder is named after the job, so a second attempt on this machine starts from the
 * first attempt's files.
 */
export async function runFilmJob(jobId: string, data: FilmJobData, ctx: FilmRunContext): Promise<FilmJobResult> {
  const spec = parseSpec(Buffer.from(data.specBase64, 'base64'), data.specPath)
  const toS3 = isS3Url(data.output)
  const outDir = toS3 ? path.join(os.tmpdir(), `vimax-job-${jobId}`) : data.output
  const result = await runGenerate(spec, {
    cwd: ctx.cwd,
    env: ctx.env,
    outDir,
    ...(ctx.cacheDir !== undefined && { cacheDir: ctx.cacheDir }),
    ...(data.profile !== undefined && { profile: data.profile }),
    stop: ctx.stop,
    ...(ctx.onEvent && { onEvent: ctx.onEvent }),
    ...(ctx.onWarning && { onWarning: ctx.onWarning }),
    ...(ctx.onNotice && { onNotice: ctx.onNotice }),
  })
  const sum = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((total, value) => total + value, 0)
  const facts = { runId: result.runId, worker: ctx.worker, calls: sum(result.calls), cached: sum(result.cached), resumed: sum(result.resumed) }
  if (!toS3) return { output: data.output, film: result.film, filmBytes: (await stat(result.film)).size, ...facts }
  const env = withDotenv(ctx.env, ctx.cwd)
  const location = parseS3Url(data.output, '--output')
  const client = createS3Client(loadConfig({ cwd: ctx.cwd, env }).cache?.s3 ?? {}, env)
  try {
    const objects = await uploadFolder(client, outDir, location)
    const relative = path.relative(outDir, result.film).split(path.sep).join('/')
    const film = objects.find((object) => object.key === (location.prefix ? `${location.prefix}/${relative}` : relative))
    await rm(outDir, { recursive: true, force: true })
    return { output: data.output, film: `s3://${location.bucket}/${film?.key ?? ''}`, filmBytes: film?.bytes ?? 0, ...facts }
  } finally {
    client.destroy()
  }
}
