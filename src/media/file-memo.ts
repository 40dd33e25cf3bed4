/** A file made once and then reused: a normalised clip, a joined film. */
export interface MemoFile {
  readonly path: string
  readonly sha256: string
}

/**
 * Remembers files vimax derives with ffmpeg, by a key naming everything they derive from, so an
 * unchanged rerun does no media work. The cache provides one; without it every file is made anew.
 */
export interface FileMemo {
  /** The file stored under `key`, or the one `make(out)` writes to `out`, stored for next time. */
  file(key: string, mediaType: string, make: (out: string) => Promise<void>): Promise<MemoFile>
}
