import { ERROR_PAGE, TINY_MP4, TINY_PNG } from './media.js'
import type { Route } from './types.js'

const BUILT_IN: Record<string, { body: Uint8Array | string; type: string }> = {
  'tiny.png': { body: TINY_PNG, type: 'image/png' },
  'tiny.mp4': { body: TINY_MP4, type: 'video/mp4' },
  // An error page served with 200, as CDNs do: a client must not take it for the video.
  'error.html': { body: ERROR_PAGE, type: 'text/html' },
}

/** A CDN: `GET /files/<name>` serves `api.files` or the built-ins, with no auth (like fal's). */
export const fileRoutes: readonly Route[] = [
  {
    name: 'files',
    method: 'GET',
    path: /^\/files\/(?<name>[^/]+)$/,
    auth: false,
    respond({ request, res, api }) {
      const name = request.params.name ?? ''
      const file = api.files.get(name) ?? BUILT_IN[name]
      if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      const body = typeof file.body === 'string' ? Buffer.from(file.body) : Buffer.from(file.body)
      res.writeHead(200, { 'content-type': file.type, 'content-length': String(body.length) }).end(body)
    },
  },
]
