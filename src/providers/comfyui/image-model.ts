import { jobImageModel } from '../job-image-model.js'
import type { Sleep } from '../../util/sleep.js'
import type { CallOptions, ImageJob, ImageModel, ImageRequest, ImageStatus } from '../types.js'
import { type ComfyContext, pollPrompt, queuePrompt, uploadImage } from './prompt-job.js'
import { requestValues, workflowFingerprint } from './request-values.js'
import { fillWorkflow, type ComfyWorkflow } from './workflow.js'

export interface ComfyImageConfig {
  readonly provider: string
  readonly modelId: string
  readonly context: Omit<ComfyContext, 'model' | 'kind'>
  readonly workflow: ComfyWorkflow
  readonly sleep: Sleep
  readonly pollIntervalMs: number
  readonly timeoutMs: number
}

/**
 * An image from the configured workflow: the first reference is uploaded for the mapped
 * LoadImage node (when there is one), the filled graph queued, then watched until its output
 * can be fetched.
 */
export function createComfyImageModel(config: ComfyImageConfig): ImageModel {
  const ctx: ComfyContext = { ...config.context, model: config.modelId, kind: 'image' }
  const { workflow } = config
  const polls = new Map<string, number>()
  return jobImageModel({
    kind: 'image',
    provider: config.provider,
    modelId: config.modelId,
    fingerprint: workflowFingerprint(workflow),
    pollIntervalMs: config.pollIntervalMs,
    timeoutMs: config.timeoutMs,
    sleep: config.sleep,
    async start(request: ImageRequest, call: CallOptions): Promise<ImageJob> {
      const values = requestValues(workflow, request)
      const [reference] = request.references
      const warnings: string[] = []
      if (reference && workflow.inputs.image) values.image = await uploadImage(ctx, reference, call)
      else if (reference) warnings.push(`reference images not sent: the image workflow maps no "image" input`)
      const job = await queuePrompt(ctx, fillWorkflow(workflow, values), call)
      return warnings.length === 0 ? job : { ...job, warnings }
    },
    async status(job: ImageJob, call: CallOptions): Promise<ImageStatus> {
      const count = (polls.get(job.id) ?? 0) + 1
      polls.set(job.id, count)
      const polled = await pollPrompt(ctx, job, call, count)
      if (polled.state === 'pending') return polled
      polls.delete(job.id)
      if (polled.state === 'failed') return polled
      return { state: 'done', images: [polled.media], requestId: polled.requestId }
    },
  })
}
