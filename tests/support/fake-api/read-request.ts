import type { IncomingMessage } from 'node:http'
import type { RecordedPart, RecordedRequest } from './types.js'

/** Reads and records a request: raw body, JSON when it is JSON, parts when it is multipart. */
export async function readRequest(req: IncomingMessage, url: URL, route: string, params: Record<string, string>): Promise<RecordedRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks)
  const type = String(req.headers['content-type'] ?? '')
  const record: RecordedRequest = {
    route,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    params,
    body,
    aborted: false,
  }
  if (type.includes('json') && body.length > 0) {
    try {
      return { ...record, json: JSON.parse(body.toString('utf8')) }
    } catch {
      return record
    }
  }
  if (type.startsWith('multipart/form-data')) return { ...record, parts: await parseMultipart(body, type) }
  return record
}

async function parseMultipart(body: Buffer, contentType: string): Promise<RecordedPart[]> {
  // The platform's own multipart parser, through a Request.
  const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData()
  const parts: RecordedPart[] = []
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') parts.push({ name, value })
    else parts.push({ name, filename: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) })
  }
  return parts
}
