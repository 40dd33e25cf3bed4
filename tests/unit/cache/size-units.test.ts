import { describe, expect, it } from 'vitest'
import { formatBytes, parseSize } from '../../../src/cache/size-units.js'
import { ConfigError } from '../../../src/errors.js'

describe('sizes', () => {
  it('reads 5GB, 500MB, 1.5G, 2 GiB, 10kb and bare bytes (1024-based)', () => {
    expect(parseSize('5GB', 'x')).toBe(5 * 1024 ** 3)
    expect(parseSize('500MB', 'x')).toBe(500 * 1024 ** 2)
    expect(parseSize('1.5G', 'x')).toBe(1.5 * 1024 ** 3)
    expect(parseSize('2 GiB', 'x')).toBe(2 * 1024 ** 3)
    expect(parseSize('10kb', 'x')).toBe(10 * 1024)
    expect(parseSize('1048576', 'x')).toBe(1048576)
    expect(parseSize('12B', 'x')).toBe(12)
  })

  it('refuses anything else as a usage error naming the flag', () => {
    for (const text of ['banana', '5 GBs', '-1GB', '', 'GB']) {
      const error = (() => {
        try {
          parseSize(text, '--max-size')
        } catch (caught) {
          return caught
        }
      })()
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).code).toBe('E_USAGE')
      expect((error as ConfigError).message).toMatch(/^--max-size: /)
    }
  })

  it('prints sizes a person reads at a glance', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB')
    expect(formatBytes(123.4 * 1024 ** 2)).toBe('123 MB')
  })
})
