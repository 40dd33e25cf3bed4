import { describe, expect, it } from 'vitest'
import { parseEbur128, parseEbur128Summaries, parseVolumedetect } from '../../../src/audio/measure-loudness.js'
import { espeakLanguage } from '../../../src/audio/offline-voices.js'
import { floatWavHeader, readWavInfo } from '../../../src/audio/wav.js'

const EBUR128 = `[Parsed_ebur128_0 @ 0x55] t: 19.9 TARGET:-23 LUFS    M: -14.2 S: -14.5     I: -14.1 LUFS
[Parsed_ebur128_0 @ 0x55] Summary:

  Integrated loudness:
    I:         -13.6 LUFS
    Threshold: -23.9 LUFS

  Loudness range:
    LRA:         6.5 LU
    Threshold:  -33.7 LUFS
    LRA low:    -17.9 LUFS
    LRA high:   -11.4 LUFS

  True peak:
    Peak:       -1.5 dBFS
`

describe('audio parsers', () => {
  it('reads integrated loudness, range and true peak from the ebur128 summary, not the running lines', () => {
    expect(parseEbur128(EBUR128)).toEqual({ integratedLufs: -13.6, truePeakDb: -1.5, rangeLu: 6.5 })
    expect(parseEbur128(EBUR128.replace('-1.5 dBFS', '-inf dBFS')).truePeakDb).toBe(-Infinity)
    expect(() => parseEbur128('no summary here')).toThrow(expect.objectContaining({ code: 'E_LOUDNESS_UNREADABLE' }))
  })

  it('reads every meter of one graph in the order of the meters, whatever order they printed in, each from its last summary', () => {
    const second = EBUR128.replaceAll('Parsed_ebur128_0', 'Parsed_ebur128_7').replace('-13.6 LUFS', '-15.2 LUFS')
    const third = EBUR128.replaceAll('Parsed_ebur128_0', 'Parsed_ebur128_12').replace('-13.6 LUFS', '-16.0 LUFS')
    const probe = EBUR128.replaceAll('Parsed_ebur128_7', 'x').replaceAll('Parsed_ebur128_0', 'Parsed_ebur128_7').replace('-13.6 LUFS', '-70.0 LUFS')
    expect(parseEbur128Summaries(probe + third + second + EBUR128).map((summary) => summary.integratedLufs)).toEqual([-13.6, -15.2, -16])
    expect(parseEbur128Summaries('no meter')).toEqual([])
  })

  it('reads volumedetect, with -inf for digital silence', () => {
    expect(parseVolumedetect('[Parsed_volumedetect_0 @ 0x1] mean_volume: -20.9 dB\n[Parsed_volumedetect_0 @ 0x1] max_volume: -3.0 dB')).toEqual({ meanDb: -20.9, maxDb: -3 })
    expect(parseVolumedetect('mean_volume: -inf dB\nmax_volume: -inf dB').meanDb).toBe(-Infinity)
  })

  it('reads a WAV header for duration and rejects what is not a WAV', () => {
    const wav = Buffer.concat([floatWavHeader(48000, 2, 24000), Buffer.alloc(24000 * 8)])
    expect(readWavInfo(wav)).toMatchObject({ sampleRate: 48000, channels: 2, bitsPerSample: 32, format: 3, durationS: 0.5 })
    expect(readWavInfo(new TextEncoder().encode('ID3 not a wav file'))).toBeUndefined()
  })

  it('maps spec languages to eSpeak voices, falling back to English only for languages it lacks', () => {
    expect(espeakLanguage('en')).toEqual({ voice: 'en-us', exact: true })
    expect(espeakLanguage('fr-CA')).toEqual({ voice: 'fr', exact: true })
    expect(espeakLanguage('pt_BR')).toEqual({ voice: 'pt-br', exact: true })
    expect(espeakLanguage('de-AT')).toEqual({ voice: 'de', exact: true })
    expect(espeakLanguage('ja')).toEqual({ voice: 'ja', exact: true })
    expect(espeakLanguage('zh-Hans')).toEqual({ voice: 'cmn', exact: true })
    expect(espeakLanguage('tlh')).toEqual({ voice: 'en-us', exact: false })
  })
})
