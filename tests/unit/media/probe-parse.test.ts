import { describe, expect, it } from 'vitest'
import { parseProbe } from '../../../src/media/probe.js'
import { clipReadiness, needsNormalizing } from '../../../src/media/normalize-clip.js'
import { CLIP_MARK, EDIT_MARK } from '../../../src/media/clip-format.js'

const ours = parseProbe({
  streams: [
    { codec_type: 'video', codec_name: 'h264', profile: 'High', width: 1280, height: 720, avg_frame_rate: '24/1', pix_fmt: 'yuv420p' },
    { codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 2 },
  ],
  format: { duration: '4.000000', tags: { Comment: CLIP_MARK } },
})
const target = { width: 1280, height: 720, fps: 24, seconds: 4 }

describe('parseProbe', () => {
  it('maps ffprobe JSON', () => {
    expect(ours).toEqual({
      durationSeconds: 4,
      video: { codec: 'h264', profile: 'High', width: 1280, height: 720, fps: 24, pixelFormat: 'yuv420p' },
      audio: { codec: 'aac', sampleRate: 48000, channels: 2 },
      tags: { comment: CLIP_MARK },
    })
  })

  it('reads fractional and unknown frame rates', () => {
    const p = parseProbe({ streams: [{ codec_type: 'video', avg_frame_rate: '0/0', r_frame_rate: '24000/1001' }], format: {} })
    expect(p.video?.fps).toBeCloseTo(23.976, 3)
    expect(p.audio).toBeUndefined()
  })
})

describe('clipReadiness', () => {
  const edited = { ...ours, audio: { codec: 'flac', sampleRate: 48000, channels: 2 }, tags: { comment: EDIT_MARK } }

  it('joins a clip made for the join as it is', () => {
    expect(clipReadiness(edited, target)).toBe('ready')
    expect(needsNormalizing({ ...edited, durationSeconds: 4.02 }, target)).toBe(false)
  })

  it('only rewraps the sound of a clip in the clip format (an animatic)', () => {
    expect(clipReadiness(ours, target)).toBe('rewrap')
    expect(clipReadiness({ ...ours, durationSeconds: 4.02 }, target)).toBe('rewrap')
    expect(needsNormalizing(ours, target)).toBe(true)
  })

  it('re-encodes anything that differs, including clips without our mark', () => {
    expect(clipReadiness({ ...ours, tags: {} }, target)).toBe('encode')
    expect(clipReadiness({ ...edited, audio: { codec: 'aac', sampleRate: 48000, channels: 2 } }, target)).toBe('encode')
    expect(clipReadiness({ ...ours, durationSeconds: 4.1 }, target)).toBe('encode')
    expect(clipReadiness(ours, { ...target, width: 720 })).toBe('encode')
    expect(clipReadiness(ours, { ...target, fps: 25 })).toBe('encode')
    expect(clipReadiness({ durationSeconds: 4, video: ours.video!, tags: ours.tags }, target)).toBe('encode')
    expect(clipReadiness({ ...ours, audio: { codec: 'aac', sampleRate: 44100, channels: 2 } }, target)).toBe('encode')
  })
})
