import { resolveBinary, type BinarySource, type MediaTool } from './ffmpeg-path.js'
import { runTool, type MediaOptions } from './run-ffmpeg.js'

export interface ToolInfo {
  readonly tool: MediaTool
  readonly path: string
  readonly source: BinarySource
  /** The first line of `-version`, e.g. "ffmpeg version 4.4 …". */
  readonly version: string
}

/**
 * Asks ffmpeg and ffprobe for their versions. A run calls this before its first paid call: a
 * film that cannot be assembled must fail before money is spent, not after.
 */
export async function checkMediaTools(options: MediaOptions = {}): Promise<readonly ToolInfo[]> {
  const check = async (tool: MediaTool): Promise<ToolInfo> => {
    const binary = resolveBinary(tool, options.env)
    const { stdout } = await runTool(tool, ['-version'], { ...options, task: 'assembling the film' })
    return { tool, path: binary.path, source: binary.source, version: stdout.split('\n')[0]?.trim() ?? '' }
  }
  return Promise.all([check('ffmpeg'), check('ffprobe')])
}
