import { describe, expect, it } from 'vitest'
import { createRedactor, safeUrl } from '../../../src/providers/http/index.js'

describe('redactor', () => {
  const redactor = createRedactor(['my-registered-secret-value'])

  it('removes registered values wherever they appear', () => {
    expect(redactor.redact('key my-registered-secret-value leaked')).toBe('key *** leaked')
  })

  it.each([
    ['Authorization: Bearer abc123def456ghi', 'Authorization: Bearer ***'],
    ['Authorization: Key 0a1b2c3d-1111-2222-3333-444455556666:0123456789abcdef0123', 'Authorization: Key ***'],
    ['"x-goog-api-key": "AIzaSyDUMMYdummy0123456789abcdefghi"', '"x-goog-api-key": "***"'],
    ['https://h/v1/files/a:download?alt=media&key=AIzaSy123456789012345678901', 'https://h/v1/files/a:download?alt=media&key=***'],
    ['Incorrect API key provided: sk-proj-abcdefghijklmnop1234.', 'Incorrect API key provided: sk-***.'],
    ['https://storage/x.mp4?X-Goog-Signature=deadbeef&X-Goog-Date=1', 'https://storage/x.mp4?X-Goog-Signature=***&X-Goog-Date=1'],
  ])('masks %s', (input, output) => {
    expect(redactor.redact(input)).toBe(output)
  })

  it('leaves ordinary words alone', () => {
    expect(redactor.redact('Key frames of the Bearer of bad news')).toBe('Key frames of the Bearer of bad news')
  })

  it('gives URLs without credentials, or just the path', () => {
    expect(safeUrl('https://user:pw@api.example.com/v1/x?key=abcdef', redactor)).toBe('https://api.example.com/v1/x?key=***')
    expect(safeUrl('https://api.example.com/v1/x?key=abcdef', redactor, { pathOnly: true })).toBe('/v1/x')
  })
})
