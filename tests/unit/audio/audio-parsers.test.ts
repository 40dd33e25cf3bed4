import { describe, expect, it } from 'vitest'
import { parseEbur128, parseLoudnormJson, parseVolumedetect } from '../../../src/audio/measure-loudness.js'
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

  it("reads loudnorm's JSON block at the end of the log", () => {
    const log = `[Parsed_loudnorm_0 @ 0x1] \n{\n\t"input_i" : "-24.97",\n\t"input_tp" : "-11.24",\n\t"input_lra" : "9.90",\n\t"input_thresh" : "-35.87",\n\t"normalization_type" : "linear",\n\t"target_offset" : "1.20"\n}\n`
    expect(parseLoudnormJson(log)).toMatchObject({ input_i: '-24.97', input_tp: '-11.24', normalization_type: 'linear' })
    expect(() => parseLoudnormJson('nothing')).toThrow(expect.objectContaining({ code: 'E_LOUDNESS_UNREADABLE' }))
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
