import { type HttpClient, type MediaKind, responseProblem } from '../http/index.js'
import { asJobGone } from '../job-gone.js'
import type { CallOptions, Media, VideoJob } from '../types.js'
import { FAILED_STATUSES, parsePrediction, storedOutputs } from './prediction.js'

export type PredictionStatus =
  | { readonly state: 'pending'; readonly detail: string }
  | { readonly state: 'failed'; readonly message: string; readonly code: string }
  | { readonly state: 'done'; readonly media: Media; readonly requestId: string; readonly attempts: number }

/** Output links after Replicate removed the data (about an hour after the prediction): the output is gone. */
const DOWNLOAD_GONE = new Set([403, 404, 410])

/**
 * One look at a prediction: the outputs it already holds (a `Prefer: wait` answer that finished),
 * else `GET predictions/{id}`; once succeeded, its first output is downloaded from Replicate's
 * delivery host, which takes no token. A prediction Replicate no longer knows is E_PROVIDER_JOB_GONE.
 */
export async function pollPrediction(
  client: HttpClient,
  job: VideoJob,
  ctx: { readonly model: string; readonly call: CallOptions; readonly kind: MediaKind; readonly downloadDir?: string | undefined },
): Promise<PredictionStatus> {
  const call = { model: ctx.model, call: ctx.call }
  let outputs = storedOutputs(job.state)
  let requestId = job.requestId ?? job.id
  let attempts = job.attempts ?? 1
  try {
    if (outputs.length === 0) {
      const polled = await client.getJson(`predictions/${encodeURIComponent(job.id)}`, { ...call, parse: parsePrediction })
      const { status, error } = polled.value
      if (FAILED_STATUSES.has(status)) return { state: 'failed', message: error ?? `the prediction was ${status}`, code: status }
      if (status !== 'succeeded') return { state: 'pending', detail: status }
      outputs = [...polled.value.outputs]
      requestId = polled.requestId
      attempts = polled.attempts
    }
  } catch (error) {
    throw asJobGone(error, job)
  }
  const url = outputs[0]
  if (!url) throw client.fail(responseProblem('E_PROVIDER_EMPTY', `prediction ${job.id} succeeded with no ${ctx.kind} URL in its output`), call)
  try {
    const file = await client.download(url, { ...call, expect: ctx.kind, auth: false, dir: ctx.downloadDir })
    return { state: 'done', media: file.value, requestId, attempts }
  } catch (error) {
    throw asJobGone(error, job, DOWNLOAD_GONE)
  }
}
