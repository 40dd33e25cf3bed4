import { badResponse } from '../http/index.js'
import type { JsonValue } from '../types.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined)

/** A prediction as Replicate answers it, reduced to what a client acts on. */
export interface Prediction {
  readonly id: string
  /** starting, processing, succeeded, failed, canceled, aborted — or a value newer than this code. */
  readonly status: string
  /** Media URLs found in `output`, in order (a string, an array of strings, or an object of them). */
  readonly outputs: readonly string[]
  readonly error?: string
}

export const FAILED_STATUSES = new Set(['failed', 'canceled', 'aborted'])

export function parsePrediction(body: unknown): Prediction {
  if (!isObject(body)) throw badResponse('expected a prediction object')
  const id = text(body.id)
  const status = text(body.status)
  if (!id || !status) throw badResponse('the prediction has no id or status')
  const error = typeof body.error === 'string' ? text(body.error) : isObject(body.error) ? JSON.stringify(body.error) : undefined
  return { id, status, outputs: outputUrls(body.output), ...(error ? { error } : {}) }
}

/** Every URL in a model's output, whatever its shape; models name their outputs freely. */
export function outputUrls(output: unknown): string[] {
  if (typeof output === 'string') return /^(https?:|data:)/.test(output) ? [output] : []
  if (Array.isArray(output)) return output.flatMap(outputUrls)
  if (isObject(output)) return Object.values(output).flatMap(outputUrls)
  return []
}

/** `owner/name` (the model's latest version) or `owner/name:version`, as in `replicate:owner/name`. */
export interface ModelAddress {
  readonly path: string
  readonly version?: string
}

export function modelAddress(modelId: string): ModelAddress {
  const [name, version] = modelId.split(':', 2)
  if (version) return { path: 'predictions', version }
  return { path: `models/${name}/predictions` }
}

/** The create body: a version id goes in the body, a model's latest version is in the path. */
export function createBody(address: ModelAddress, input: Record<string, JsonValue>): Record<string, JsonValue> {
  return address.version ? { version: address.version, input } : { input }
}

/** What a started prediction keeps on disk: its id, and the outputs if it finished while we waited. */
export function predictionState(prediction: Prediction): JsonValue {
  return { status: prediction.status, outputs: [...prediction.outputs] }
}

export function storedOutputs(state: JsonValue | undefined): string[] {
  if (!isObject(state) || state.status !== 'succeeded' || !Array.isArray(state.outputs)) return []
  return state.outputs.filter((url): url is string => typeof url === 'string')
}
