import type { PriceBook, PricedCall } from '../cost/price-book.js'
import type { AnyModel, ChatModel, ChatRequest, ImageModel, MusicModel, SpeechModel, VideoModel } from '../providers/types.js'
import type { Budget, BudgetHold } from './budget.js'
import { isPlaceholderModel } from './placeholder-models.js'
import { estimateSpeech } from './speech-estimate.js'

export interface Meter {
  chat(model: ChatModel): ChatModel
  image(model: ImageModel): ImageModel
  video(model: VideoModel): VideoModel
  speech(model: SpeechModel): SpeechModel
  music(model: MusicModel): MusicModel
}

/** What a chat call is assumed to answer when the request sets no limit: generous, as a cap must be. */
export const DEFAULT_CHAT_OUTPUT_TOKENS = 4096

/**
 * Prices every call that reaches a provider, once, outside every provider: an estimate from the
 * request before it starts (held against the budget, if any), the cost of what it returned after.
 * It sits inside the lane, so the budget judges a call when it would really start, and below the
 * cache, so a hit is never priced, held or refused.
 */
export function createMeter(options: { readonly prices?: PriceBook | undefined; readonly budget?: Budget | undefined }): Meter {
  const { prices } = options
  const costOf = (model: { provider: string; modelId: string }, call: PricedCall) => prices?.cost(model.provider, model.modelId, call)
  // A dry run's placeholders are priced like the real thing, but never held: nothing is spent.
  const budgetFor = (model: object) => (isPlaceholderModel(model) ? undefined : options.budget)
  const hold = (model: AnyModel, estimate: number | undefined, subject: string | undefined): BudgetHold | undefined =>
    budgetFor(model)?.hold(estimate, { kind: model.kind, provider: model.provider, model: model.modelId, subject })

  return {
    chat: (model) => ({
      ...model,
      async generate(request, options) {
        const estimate = estimateChatTokens(request)
        const held = hold(model, costOf(model, { kind: 'chat', ...estimate }), options?.subject)
        try {
          const result = await model.generate(request, options)
          const usage = result.usage ?? { inputTokens: estimate.inputTokens, outputTokens: Math.ceil(result.text.length / 4) }
          const costUsd = costOf(model, { kind: 'chat', ...usage })
          held?.settle(costUsd)
          return { ...result, costUsd }
        } catch (error) {
          held?.release()
          throw error
        }
      },
    }),
    image: (model) => ({
      ...model,
      async generate(request, options) {
        // A job an earlier run submitted (and paid for) is only polled: nothing to price or hold.
        if (options?.job?.resume !== undefined) return model.generate(request, options)
        const size = { width: request.width, height: request.height }
        const held = hold(model, costOf(model, { kind: 'image', images: 1, ...size }), options?.subject)
        try {
          const result = await model.generate(request, options)
          const costUsd = costOf(model, { kind: 'image', images: result.images.length, ...size })
          held?.settle(costUsd)
          return { ...result, costUsd }
        } catch (error) {
          held?.release()
          throw error
        }
      },
    }),
    speech: (model) => ({
      ...model,
      async generate(request, options) {
        const estimate = estimateSpeech(request)
        const held = hold(model, costOf(model, { kind: 'speech', ...estimate }), options?.subject)
        try {
          const result = await model.generate(request, options)
          const characters = result.characters ?? estimate.characters
          const costUsd = costOf(model, { kind: 'speech', characters, seconds: result.durationS ?? estimate.seconds })
          held?.settle(costUsd)
          return { ...result, costUsd }
        } catch (error) {
          held?.release()
          throw error
        }
      },
    }),
    music: (model) => ({
      ...model,
      async generate(request, options) {
        const held = hold(model, costOf(model, { kind: 'music', seconds: request.seconds }), options?.subject)
        try {
          const result = await model.generate(request, options)
          const costUsd = costOf(model, { kind: 'music', seconds: result.durationS ?? request.seconds })
          held?.settle(costUsd)
          return { ...result, costUsd }
        } catch (error) {
          held?.release()
          throw error
        }
      },
    }),
    video(model) {
      const holds = new Map<string, BudgetHold>()
      return {
        ...model,
        async start(request, options) {
          const costUsd = costOf(model, { kind: 'video', seconds: request.seconds, width: request.width, height: request.height, audio: request.generateAudio === true })
          const held = hold(model, costUsd, options?.subject)
          try {
            const job = await model.start(request, options)
            if (held) holds.set(job.id, held)
            return { ...job, costUsd }
          } catch (error) {
            held?.release()
            throw error
          }
        },
        async status(job, options) {
          const status = await model.status(job, options)
          if (status.state === 'pending') return status
          const held = holds.get(job.id)
          holds.delete(job.id)
          // The vendors we speak do not bill a failed job (a filtered Veo clip included).
          if (status.state === 'failed') held?.release()
          else held?.settle(job.costUsd)
          return status
        },
      }
    },
  }
}

/** Tokens in from the characters sent (about four per token), tokens out as the request allows. */
export function estimateChatTokens(request: ChatRequest): { inputTokens: number; outputTokens: number } {
  const characters = request.messages.reduce((total, message) => total + message.content.length, 0) + (request.schema ? JSON.stringify(request.schema.schema).length : 0)
  return { inputTokens: Math.ceil(characters / 4), outputTokens: request.maxTokens ?? DEFAULT_CHAT_OUTPUT_TOKENS }
}

