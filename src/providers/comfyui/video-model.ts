import type { CallOptions, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../types.js'
import { type ComfyContext, pollPrompt, queuePrompt, uploadImage } from './prompt-job.js'
import { requestValues, workflowFingerprint } from './request-values.js'
import { fillWorkflow, type ComfyWorkflow } from './workflow.js'

export interface ComfyVideoConfig {
  readonly provider: string
  readonly modelId: string
  readonly context: Omit<ComfyContext, 'model' | 'kind'>
  readonly workflow: ComfyWorkflow
  readonly pollIntervalMs: number
}

/**
 * A clip from the configured workflow. The prompt id is the job the run records, so a crash
 * resumes it through /history instead of queueing the workflow again. Capabilities are the
 * workflow's: any duration and aspect (the capability table's `comfyui:*` row says so).
 */
export function createComfyVideoModel(config: ComfyVideoConfig): VideoModel {
  const ctx: ComfyContext = { ...config.context, model: config.modelId, kind: 'video' }
  const { workflow } = config
  const polls = new Map<string, number>()
  return {
    kind: 'video',
    provider: config.provider,
    modelId: config.modelId,
    fingerprint: workflowFingerprint(workflow),
    pollIntervalMs: config.pollIntervalMs,
    async start(request: VideoRequest, call: CallOptions = {}): Promise<VideoJob> {
      const values = requestValues(workflow, request)
      const warnings: string[] = []
      if (request.image && workflow.inputs.image) values.image = await uploadImage(ctx, request.image, call)
      else if (request.image) warnings.push('first frame not sent: the video workflow maps no "image" input')
      const job = await queuePrompt(ctx, fillWorkflow(workflow, values), call)
      return warnings.length === 0 ? job : { ...job, warnings }
    },
    async status(job: VideoJob, call: CallOptions = {}): Promise<VideoStatus> {
      const count = (polls.get(job.id) ?? 0) + 1
      polls.set(job.id, count)
      const polled = await pollPrompt(ctx, job, call, count)
      if (polled.state === 'pending') return { state: 'pending', ...(polled.progress === undefined ? {} : { progress: polled.progress }) }
      polls.delete(job.id)
      if (polled.state === 'failed') return polled
      return { state: 'done', video: polled.media, requestId: polled.requestId, attempts: polled.attempts }
    },
  }
}
