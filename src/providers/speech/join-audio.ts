import { pcmDurationS, pcmToWav, wavToPcm } from '../../audio/wav.js'

export interface AudioPiece {
  readonly bytes: Uint8Array
  readonly mediaType: string
}

export interface JoinedAudio extends AudioPiece {
  /** When each piece starts in the joined audio; known for WAV only. */
  readonly starts?: readonly number[]
  readonly durationS?: number
}

/**
 * One track from the audio of a text sent in several requests. WAV pieces of one format become
 * one WAV (their PCM back to back); MP3 frames may simply follow each other. Anything else, or
 * WAVs that disagree, is a vendor change we must hear about, not paper over.
 */
export function joinAudio(pieces: readonly AudioPiece[]): JoinedAudio {
  if (pieces.length === 0) throw new RangeError('no audio to join')
  const wavs = pieces.map((piece) => (piece.mediaType === 'audio/wav' ? wavToPcm(piece.bytes) : undefined))
  if (wavs.every((wav) => wav !== undefined)) {
    const format = wavs[0]!.format
    const starts: number[] = []
    let at = 0
    for (const wav of wavs) {
      const same = wav.format.sampleRate === format.sampleRate && wav.format.channels === format.channels && wav.format.bitsPerSample === format.bitsPerSample
      if (!same) throw new RangeError('the pieces of one speech came back in different WAV formats')
      starts.push(at)
      at += pcmDurationS(wav.pcm.length, format)
    }
    const bytes = pieces.length === 1 ? pieces[0]!.bytes : pcmToWav(Buffer.concat(wavs.map((wav) => wav.pcm)), format)
    return { bytes, mediaType: 'audio/wav', starts, durationS: at }
  }
  const type = pieces[0]!.mediaType
  if (pieces.length === 1) return pieces[0]!
  if (type !== 'audio/mpeg' || pieces.some((piece) => piece.mediaType !== type)) throw new RangeError(`cannot join ${pieces.map((p) => p.mediaType).join(', ')} pieces`)
  return { bytes: new Uint8Array(Buffer.concat(pieces.map((piece) => piece.bytes))), mediaType: type }
}
