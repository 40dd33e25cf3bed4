import { describe, expect, it } from 'vitest'
import { speechSpan } from '../../../src/audio/speech-span.js'

/** A mono 16-bit WAV at 1 kHz: `lead` silent samples, `voiced` loud ones, `tail` silent. */
function wav(lead: number, voiced: number, tail: number): Uint8Array {
  const samples = lead + voiced + tail
  const buffer = Buffer.alloc(44 + samples * 2)
  buffer.write('RIFF', 0, 'ascii')
  buffer.writeUInt32LE(36 + samples * 2, 4)
  buffer.write('WAVEfmt ', 8, 'ascii')
  buffer.writeUInt32LE(16, 16)
  buffer.writeUInt16LE(1, 20)
  buffer.writeUInt16LE(1, 22)
  buffer.writeUInt32LE(1000, 24)
  buffer.writeUInt32LE(2000, 28)
  buffer.writeUInt16LE(2, 32)
  buffer.writeUInt16LE(16, 34)
  buffer.write('data', 36, 'ascii')
  buffer.writeUInt32LE(samples * 2, 40)
  for (let i = 0; i < voiced; i++) buffer.writeInt16LE(i % 2 === 0 ? 12000 : -12000, 44 + (lead + i) * 2)
  return new Uint8Array(buffer)
}

describe('speechSpan', () => {
  it('finds the voice inside a WAV with silent edges', () => {
    const span = speechSpan(wav(120, 500, 80), 0.7)
    expect(span.startS).toBeCloseTo(0.12, 3)
    expect(span.endS).toBeCloseTo(0.62, 3)
  })

  it('prefers the vendor alignment, ignoring blank units', () => {
    const alignment = [
      { text: ' ', startS: 0, endS: 0.2 },
      { text: 'Hi', startS: 0.25, endS: 0.6 },
      { text: 'there', startS: 0.6, endS: 1.1 },
    ]
    expect(speechSpan(undefined, 1.3, alignment)).toEqual({ startS: 0.25, endS: 1.1 })
  })

  it('falls back to the whole file for audio it cannot read', () => {
    expect(speechSpan(new Uint8Array([1, 2, 3]), 2)).toEqual({ startS: 0, endS: 2 })
  })
})
