/** A valid 1×1 RGBA PNG. */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
export const TINY_PNG = new Uint8Array(Buffer.from(TINY_PNG_BASE64, 'base64'))

/**
 * The head of an MP4 (an `ftyp` box, then a `free` box): enough for media sniffing, not for
 * playback. Tests that decode video should make a real clip with ffmpeg.
 */
export const TINY_MP4 = new Uint8Array(
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom', 'latin1'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomiso2', 'latin1'),
    Buffer.from([0, 0, 0, 0x28]),
    Buffer.from('free', 'latin1'),
    Buffer.alloc(32, 0),
  ]),
)

export const ERROR_PAGE = '<!DOCTYPE html><html><head><title>Error</title></head><body><h1>503 Service Unavailable</h1><p>The upstream is overloaded.</p></body></html>'
