import type { CallMeta, CallOptions, ChatModel, ImageModel, MusicModel, SpeechModel, VideoJob, VideoModel, VideoRequest } from '../providers/types.js'
import { failedJobReason, fallbackReason } from './fallback-reason.js'

type GenerateModel = ChatModel | ImageModel | SpeechModel | MusicModel
type AnyChainModel = GenerateModel | VideoModel

export interface FallbackOptions {
  /**
   * Whether a model's own cache holds this request's result, or a job it started: a rerun serves
   * a result a fallback made (or resumes its job) without asking the first model again.
   */
  readonly has?: (model: AnyChainModel, request: unknown) => Promise<boolean>
  /** "shot 2: made by … because … refused (…)". */
  readonly warn: (message: string) => void
  /**
   * A clip request as the chain's member `index` takes it: the pipeline fitted it to the first
   * model's capabilities, and a fallback may allow other lengths, shapes or reference counts.
   */
  readonly fitVideo?: (index: number, request: VideoRequest) => VideoRequest
}

/** Each kind's models after the first, in the order a profile lists them. */
export interface ModelFallbacks {
  readonly chat?: readonly ChatModel[]
  readonly image?: readonly ImageModel[]
  readonly video?: readonly VideoModel[]
  readonly speech?: readonly SpeechModel[]
  readonly music?: readonly MusicModel[]
}

export const modelRef = (model: { readonly provider: string; readonly modelId: string }): string => `${model.provider}:${model.modelId}`

/**
 * A profile's models for one kind, in order, as one model: a call the first refuses (or cannot
 * take, or cannot serve past its retries) moves to the next. Each member is a whole chain of its
 * own (cache, lane, meter, provider), so each keeps its cache key, lane and price.
 */
export function fallbackGenerate<M extends GenerateModel>(chain: readonly M[], options: FallbackOptions): M {
  const first = chain[0]
  if (first === undefined) throw new Error('a fallback chain needs a model')
  if (chain.length === 1) return first
  const generate = async (request: never, callOptions?: CallOptions) => {
    const from = await firstHolding(chain, request, options)
    const moves: Move[] = []
    for (let index = from; ; index++) {
      const model = chain[index] as M
      try {
        const result = (await model.generate(request, movedOptions(callOptions, moves))) as CallMeta
        if (index === 0) return result
        warnMoved(chain, index, moves, callOptions, options)
        return { ...result, ...made(chain, index, moves) }
      } catch (error) {
        const why = index + 1 < chain.length ? fallbackReason(error) : undefined
        if (why === undefined) throw error
        moves.push(move(model, why, error))
      }
    }
  }
  return { ...first, generate } as M
}

interface OpenJob {
  index: number
  inner: VideoJob
  readonly request: VideoRequest
  readonly moves: Move[]
  /** The start's options: the warning names its subject, and a moved job starts with them. */
  readonly options: CallOptions | undefined
}

/**
 * Video moves on at start (a refusal or an outage before any job exists) and when a started
 * job fails with a refusal (a failed job is not billed): the next model's job is started and the
 * caller keeps polling the job it holds. A poll that throws or times out never moves — the job
 * stays recorded for a rerun to resume.
 */
export function fallbackVideo(chain: readonly VideoModel[], options: FallbackOptions): VideoModel {
  const first = chain[0]
  if (first === undefined) throw new Error('a fallback chain needs a model')
  if (chain.length === 1) return first
  // Keyed by the job object the caller holds: two members' cache hits may share an id.
  const open = new WeakMap<VideoJob, OpenJob>()

  const fitted = (index: number, request: VideoRequest) => (index === 0 || options.fitVideo === undefined ? request : options.fitVideo(index, request))
  const startFrom = async (from: number, request: VideoRequest, moves: Move[], callOptions: CallOptions | undefined) => {
    for (let index = from; ; index++) {
      const model = chain[index] as VideoModel
      try {
        return { index, inner: await model.start(fitted(index, request), movedOptions(callOptions, moves)) }
      } catch (error) {
        const why = index + 1 < chain.length ? fallbackReason(error) : undefined
        if (why === undefined) throw error
        moves.push(move(model, why, error))
      }
    }
  }

  return {
    ...first,
    async start(request, callOptions) {
      const moves: Move[] = []
      const { index, inner } = await startFrom(await firstHolding(chain, request, options, fitted), request, moves, callOptions)
      const job: VideoJob = index === 0 ? { ...inner } : { ...inner, ...made(chain, index, moves) }
      open.set(job, { index, inner, request, moves, options: callOptions })
      return job
    },
    async status(job, callOptions) {
      const entry = open.get(job)
      if (entry === undefined) return first.status(job, callOptions)
      const status = await (chain[entry.index] as VideoModel).status(entry.inner, callOptions)
      if (status.state === 'pending') return status
      if (status.state === 'done') {
        if (entry.index === 0) return status
        warnMoved(chain, entry.index, entry.moves, entry.options, options)
        return { ...status, ...made(chain, entry.index, entry.moves) }
      }
      const why = entry.index + 1 < chain.length ? failedJobReason(status) : undefined
      if (why === undefined) return status
      const failed = chain[entry.index] as VideoModel
      entry.moves.push({ text: `${modelRef(failed)} ${why}`, code: `${modelRef(failed)} E_PROVIDER_FAILED${status.code === undefined ? '' : ` (${status.code})`}` })
      const next = await startFrom(entry.index + 1, entry.request, entry.moves, { ...entry.options, ...callOptions })
      Object.assign(entry, next)
      return { state: 'pending' }
    },
  }
}

/** The first member whose cache holds the request; else the first. */
async function firstHolding<R>(chain: readonly AnyChainModel[], request: R, options: FallbackOptions, asked: (index: number, request: R) => unknown = (_, same) => same): Promise<number> {
  if (options.has === undefined) return 0
  for (let index = 0; index < chain.length; index++) if (await options.has(chain[index] as AnyChainModel, asked(index, request))) return index
  return 0
}

/**
 * Why a call left a model: words for the warning, manifest and report (they may quote the
 * vendor), and the code alone for the ledger, which never keeps a vendor's text.
 */
interface Move {
  readonly text: string
  readonly code: string
}

function move(model: AnyChainModel, why: string, error: unknown): Move {
  return { text: `${modelRef(model)} ${why}`, code: `${modelRef(model)} ${(error as { code?: string }).code ?? 'E_UNKNOWN'}` }
}

/** A call to a later model carries the moves so far, so its call event (and ledger row) names them. */
function movedOptions(callOptions: CallOptions | undefined, moves: readonly Move[]): CallOptions | undefined {
  return moves.length === 0 ? callOptions : { ...callOptions, fallbackFrom: moves.map((m) => m.code).join('; ') }
}

/** The meta of a result a later member made; one found in that member's cache was moved there by an earlier run. */
function made(chain: readonly AnyChainModel[], index: number, moves: readonly Move[]): Pick<CallMeta, 'madeBy' | 'fallbackReason'> {
  const because = moves.length > 0 ? moves.map((m) => m.text).join('; ') : `an earlier run moved it past ${modelRef(chain[0] as AnyChainModel)}`
  return { madeBy: modelRef(chain[index] as AnyChainModel), fallbackReason: because }
}

/** Said once, when the result exists: a moved call whose next model fails too is that model's error. */
function warnMoved(chain: readonly AnyChainModel[], index: number, moves: readonly Move[], callOptions: CallOptions | undefined, options: FallbackOptions): void {
  if (moves.length === 0) return
  options.warn(`${callOptions?.subject ?? 'a call'}: made by ${modelRef(chain[index] as AnyChainModel)} because ${moves.map((m) => m.text).join('; ')}`)
}
