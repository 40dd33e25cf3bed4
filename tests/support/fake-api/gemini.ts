import { readFileSync } from 'node:fs'
import { encodePng } from '../../../src/media/png-encode.js'
import { TINY_MP4 } from './media.js'
import type { Exchange, Responder, Route } from './types.js'

export interface GeminiFakeOptions {
  /** `{done:false}` answers before an operation finishes; Infinity: it never does. Default 1. */
  pendingPolls?: number
  /** What downloads serve: bytes, or the path of a real clip (read per download). Default TINY_MP4. */
  video?: Uint8Array | string
  /** What Veo 3 downloads serve instead (the Gemini API's Veo 3 always makes sound): a clip with an audio track. Default `video`. */
  soundVideo?: Uint8Array | string
  /** Where downloads redirect: another fake's origin, to check the key is not carried along. Default this fake. */
  storageOrigin?: string
}

export interface GeminiFake extends GeminiFakeOptions {
  readonly routes: readonly Route[]
  /** Operations started so far, by id. */
  readonly operations: Map<string, { readonly model: string; polls: number }>
}

/** Vertex-only Veo fields: the Gemini API answers 400 to each (js-genai refuses them too). */
const VERTEX_ONLY = ['seed', 'fps', 'generateAudio', 'outputGcsUri', 'pubsubTopic', 'mask', 'compressionQuality', 'resizeMode', 'labels']
const VERTEX_ONLY_IMAGE = ['personGeneration', 'outputMimeType', 'outputCompressionQuality']
const SIZES: Record<string, [number, number]> = { '16:9': [32, 18], '9:16': [18, 32], '1:1': [16, 16] }
const RESPONSE_TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse'

/** A PNG of the asked aspect ratio, so orientation checks see real dimensions. */
export const pngOf = (width: number, height: number) => Buffer.from(encodePng({ width, height, rgb: new Uint8Array(width * height * 3).fill(90) })).toString('base64')
const imagePart = (data: string, thought = false) => ({ inlineData: { mimeType: 'image/png', data }, ...(thought ? { thought } : {}) })

/** `generateContent`'s answer: candidates with these parts, or no candidates (a blocked prompt). */
export function contentAnswer(parts: readonly unknown[] | undefined, finishReason = 'STOP', extra: Record<string, unknown> = {}) {
  const candidates = parts === undefined ? [] : [{ content: { role: 'model', parts }, finishReason, index: 0 }]
  return { candidates, usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 1290, totalTokenCount: 1302 }, modelVersion: 'fake', responseId: 'resp-1', ...extra }
}

const invalid = (x: Exchange, message: string) => x.error(400, { message, type: 'INVALID_ARGUMENT' })
// Request bodies are whatever the client sent; every field is checked before use.
type Body = Record<string, any>

function generateContent(x: Exchange) {
  const body = (x.request.json ?? {}) as Body
  const parts: Body[] = body.contents?.[0]?.parts ?? []
  const config: Body = body.generationConfig ?? {}
  if (!Array.isArray(parts) || !parts.some((p) => typeof p.text === 'string')) return invalid(x, 'contents[0].parts must hold a text part')
  const modalities: unknown = config.responseModalities ?? config.response_modalities
  if (!Array.isArray(modalities) || !modalities.includes('IMAGE')) return invalid(x, 'Model only supports responseModalities that include IMAGE')
  const vertex = VERTEX_ONLY_IMAGE.find((field) => config.imageConfig?.[field] !== undefined)
  if (vertex) return invalid(x, `${vertex} parameter is not supported in Gemini API.`)
  const references = parts.filter((p) => p.inlineData ?? p.inline_data).length
  const [w, h] = SIZES[config.imageConfig?.aspectRatio ?? '1:1'] ?? SIZES['1:1']!
  x.json(200, contentAnswer([{ text: `Here is the picture (${references} reference images).` }, imagePart(pngOf(w, h))]))
}

/** Google answers a wrong key with 400 INVALID_ARGUMENT, not 401 (the server's own check sends 401). */
export const keyInvalid: Responder = (x) =>
  x.error(400, {
    message: 'API key not valid. Please pass a valid API key.',
    type: 'INVALID_ARGUMENT',
    details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
  })

/** Answers for `api.script('gemini/generateContent', …)`. */
export const image = {
  noImage: ((x) => x.json(200, contentAnswer([{ text: 'I can describe it, but I will not draw it.' }], 'NO_IMAGE'))) as Responder,
  imageSafety: ((x) => x.json(200, contentAnswer([], 'IMAGE_SAFETY'))) as Responder,
  blocked: ((x) => x.json(200, contentAnswer(undefined, 'STOP', { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } }))) as Responder,
  /** A thinking model's interim image (a portrait draft) before the final landscape one. */
  thoughtThenImage: ((x) =>
    x.json(200, contentAnswer([{ text: 'Sketching…', thought: true }, imagePart(pngOf(18, 32), true), { text: 'Done.' }, imagePart(pngOf(32, 18))]))) as Responder,
  portrait: ((x) => x.json(200, contentAnswer([imagePart(pngOf(18, 32))]))) as Responder,
}

/** The loopback Gemini API: images, Veo jobs, file downloads with a redirect to storage. */
export function geminiFake(options: GeminiFakeOptions = {}): GeminiFake {
  const operations: GeminiFake['operations'] = new Map()
  let counter = 0

  function predict(x: Exchange) {
      const body = (x.request.json ?? {}) as Body
    const instance: Body | undefined = body.instances?.[0]
    const parameters: Body = body.parameters ?? {}
    if (typeof instance?.prompt !== 'string' || !instance.prompt.trim()) return invalid(x, 'instances[0].prompt is required')
    if (instance.image?.inlineData) return invalid(x, '`inlineData` isn\'t supported by this model. Use bytesBase64Encoded.')
    if (instance.image && (typeof instance.image.bytesBase64Encoded !== 'string' || typeof instance.image.mimeType !== 'string')) {
      return invalid(x, 'instances[0].image needs bytesBase64Encoded and mimeType')
    }
    const vertex = [...VERTEX_ONLY.filter((f) => parameters[f] !== undefined), ...(instance.image?.gcsUri ? ['gcsUri'] : [])]
    if (vertex.length > 0) return invalid(x, `\`${vertex[0]}\` isn't supported by this model.`)
    const model = x.request.params.model ?? 'veo'
    const allowed = /^veo-2\./.test(model) ? [5, 6, 7, 8] : [4, 6, 8]
    const seconds = parameters.durationSeconds === undefined ? 8 : Number(parameters.durationSeconds)
    if (!allowed.includes(seconds)) return invalid(x, `The number value for \`durationSeconds\` is out of bound: ${parameters.durationSeconds}.`)
    if (parameters.aspectRatio !== undefined && !['16:9', '9:16'].includes(parameters.aspectRatio)) return invalid(x, 'Unsupported aspect ratio.')
    const id = `op${++counter}`
    operations.set(id, { model, polls: 0 })
    x.json(200, { name: `models/${model}/operations/${id}` })
  }

  function poll(x: Exchange) {
      const id = x.request.params.id ?? ''
    const operation = operations.get(id)
    if (!operation) return x.error(404, { message: `Operation ${id} not found.` })
    operation.polls++
    const name = x.request.path.replace(/^\/v1beta\//, '')
    if (operation.polls <= (fake.pendingPolls ?? 1)) return x.json(200, { name, done: false })
    x.json(200, operationDone(name, { generatedSamples: [{ video: { uri: `${x.api.url}/v1beta/files/${id}:download?alt=media` } }] }))
  }

  function download(x: Exchange) {
      const location = `${fake.storageOrigin ?? x.api.url}/v1beta/storage/${x.request.params.id}.mp4`
    x.res.writeHead(302, { location }).end()
  }

  const serveVideo = (x: Exchange) => {
    const id = /\/storage\/([^/]+)\.mp4$/.exec(x.request.path)?.[1] ?? ''
    const veo3 = !/^veo-2\./.test(operations.get(id)?.model ?? 'veo-2.')
    const served = (veo3 ? fake.soundVideo : undefined) ?? fake.video
    const bytes = typeof served === 'string' ? readFileSync(served) : Buffer.from(served ?? TINY_MP4)
    x.res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(bytes.length) }).end(bytes)
  }

  const routes: Route[] = [
    { name: 'gemini/generateContent', method: 'POST', path: /^\/v1beta\/models\/(?<model>[^/:]+):generateContent$/, respond: generateContent },
    { name: 'gemini/predictLongRunning', method: 'POST', path: /^\/v1beta\/models\/(?<model>[^/:]+):predictLongRunning$/, respond: predict },
    { name: 'gemini/operation', method: 'GET', path: /^\/v1beta\/(models\/[^/]+\/)?operations\/(?<id>[^/]+)$/, respond: poll },
    { name: 'gemini/download', method: 'GET', path: /^\/v1beta\/files\/(?<id>[^/:]+):download$/, respond: download },
    // Storage signs its URLs instead of taking the key, like the bucket Google redirects to.
    { name: 'gemini/storage', method: 'GET', path: /^\/v1beta\/storage\/[^/]+\.mp4$/, auth: false, respond: serveVideo },
  ]
  // Mutable, so a test can change how later polls and downloads behave.
  const fake: GeminiFake = { ...options, operations, routes }
  return fake
}

const operationName = (x: Exchange) => x.request.path.replace(/^\/v1beta\//, '')
const operationDone = (name: string, generateVideoResponse: Record<string, unknown>) => ({
  name,
  done: true,
  response: { '@type': RESPONSE_TYPE, generateVideoResponse },
})

/** Answers for `api.script('gemini/operation', …)` and `api.script('gemini/download', …)`. */
export const veo = {
  pending: (progressPercent?: number): Responder => (x) =>
    x.json(200, { name: operationName(x), done: false, ...(progressPercent === undefined ? {} : { metadata: { progressPercent } }) }),
  failed: (code = 13, message = 'Video generation failed due to an internal error.'): Responder => (x) =>
    x.json(200, { name: operationName(x), done: true, error: { code, message } }),
  filtered: (reasons: readonly string[] = ['The prompt could not be submitted: it may violate our policies.']): Responder => (x) =>
    x.json(200, operationDone(operationName(x), { raiMediaFilteredCount: 1, raiMediaFilteredReasons: reasons })),
  encoded: (bytes: Uint8Array = TINY_MP4): Responder => (x) =>
    x.json(200, operationDone(operationName(x), { generatedSamples: [{ video: { encodedVideo: Buffer.from(bytes).toString('base64'), encoding: 'video/mp4' } }] })),
  expired: ((x) => x.error(404, { message: 'File not found or has expired.', type: 'NOT_FOUND' })) as Responder,
}
