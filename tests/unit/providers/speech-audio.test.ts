import { describe, expect, it } from 'vitest'
import { pcmDurationS, pcmToWav, wavToPcm } from '../../../src/audio/wav.js'
import { sniffAudio } from '../../../src/providers/speech/audio-type.js'
import { joinAudio } from '../../../src/providers/speech/join-audio.js'

const S16 = { sampleRate: 24_000, channels: 1, bitsPerSample: 16 }
const pcm = (samples: number, value = 1) => new Uint8Array(Buffer.alloc(samples * 2, value))

describe('pcmToWav and wavToPcm', () => {
  it('wrap raw PCM in a 44-byte header that reads back to the same samples and format', () => {
    const wav = pcmToWav(pcm(240), S16)
    expect(wav.length).toBe(44 + 480)
    expect(sniffAudio(wav)).toBe('audio/wav')
    const back = wavToPcm(wav)!
    expect(back.format).toEqual(S16)
    expect(Buffer.from(back.pcm).equals(Buffer.from(pcm(240)))).toBe(true)
    expect(pcmDurationS(back.pcm.length, back.format)).toBeCloseTo(0.01, 6)
  })

  it('drop a torn last sample, and read a streamed WAV whose data size is unknown to the end', () => {
    expect(wavToPcm(pcmToWav(new Uint8Array(481), S16))!.pcm.length).toBe(480)
    const streamed = Buffer.from(pcmToWav(pcm(100), S16))
    streamed.writeUInt32LE(0xffffffff, 40)
    expect(wavToPcm(new Uint8Array(streamed))!.pcm.length).toBe(200)
  })

  it('refuse what is not integer PCM WAV', () => {
    expect(wavToPcm(new Uint8Array(Buffer.from('{"error":"busy"}')))).toBeUndefined()
  })
})

describe('joinAudio', () => {
  it('joins WAV pieces into one WAV and knows where each starts', () => {
    const joined = joinAudio([
      { bytes: pcmToWav(pcm(24_000), S16), mediaType: 'audio/wav' },
      { bytes: pcmToWav(pcm(12_000), S16), mediaType: 'audio/wav' },
    ])
    expect(joined.starts).toEqual([0, 1])
    expect(joined.durationS).toBeCloseTo(1.5, 6)
    expect(wavToPcm(joined.bytes)!.pcm.length).toBe(72_000)
  })

  it('refuses WAV pieces of different rates rather than playing one at the wrong speed', () => {
    const other = pcmToWav(pcm(10), { ...S16, sampleRate: 22_050 })
    expect(() => joinAudio([{ bytes: pcmToWav(pcm(10), S16), mediaType: 'audio/wav' }, { bytes: other, mediaType: 'audio/wav' }])).toThrow(/different WAV formats/)
  })
})

describe('sniffAudio', () => {
  it('knows WAV, MP3 (ID3 or frame sync), Ogg and FLAC, and nothing else', () => {
    expect(sniffAudio(new Uint8Array(Buffer.from('ID3\x04\x00', 'latin1')))).toBe('audio/mpeg')
    expect(sniffAudio(new Uint8Array([0xff, 0xfb, 0x90, 0x64]))).toBe('audio/mpeg')
    expect(sniffAudio(new Uint8Array(Buffer.from('OggS\x00')))).toBe('audio/ogg')
    expect(sniffAudio(new Uint8Array(Buffer.from('fLaC\x00')))).toBe('audio/flac')
    expect(sniffAudio(new Uint8Array(Buffer.from('<html>')))).toBeUndefined()
  })
})
