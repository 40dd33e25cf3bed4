import type { Character, Script, Shot } from '../film.js'
import type { ResolvedSpec } from '../spec/types.js'
import type { ArtifactWriter } from './artifacts.js'
import { musicPrompt } from './music-bed.js'

/** script.md: the screenplay as a person reads it. */
export async function writeScriptMarkdown(artifacts: ArtifactWriter, script: Script, cast: readonly Character[]): Promise<void> {
  const lines = [`# ${script.title}`, '']
  if (script.logline) lines.push(`_${script.logline}_`, '')
  if (cast.length > 0) {
    lines.push('## Cast', '')
    for (const character of cast) lines.push(`- **${character.name}** — ${[character.appearance, character.outfit].filter(Boolean).join('; ')}`)
    lines.push('')
  }
  for (const scene of script.scenes) {
    lines.push(`## ${scene.id}. ${scene.slugline}`, '')
    if (scene.action) lines.push(scene.action, '')
    for (const line of scene.dialogue) lines.push(`**${line.speaker.toUpperCase()}**: ${line.line}`, '')
  }
  await artifacts.writeText('script.md', lines.join('\n'), { kind: 'script', subject: 'script' })
}

/**
 * storyboard.json: every shot as its frame and clip were asked for. It is itself a valid spec, so
 * a film developed from an idea can be edited shot by shot and rerun as a storyboard.
 */
export async function writeStoryboardJson(
  artifacts: ArtifactWriter,
  spec: ResolvedSpec,
  script: Script,
  cast: readonly Character[],
  shots: readonly Shot[],
): Promise<void> {
  const storyboard = {
    title: script.title,
    story_overview: script.logline,
    aspect_ratio: spec.aspectRatio,
    // These reach every request: without them a rerun of this file would hit nothing in the cache.
    style: spec.style,
    seed: spec.seed,
    language: spec.language,
    ...(Object.keys(spec.models).length > 0 && { models: spec.models }),
    ...soundFields(spec),
    characters: cast.map((character) => ({
      name: character.name,
      appearance: character.appearance || undefined,
      outfit: character.outfit || undefined,
      // Kept here so a rerun of this file, edited or not, speaks in the same voices.
      voice: character.voice,
    })),
    scenes: script.scenes.map((scene) => ({
      scene_num: Number(scene.id) || scene.id,
      slugline: scene.slugline,
      shots: shots
        .filter((shot) => shot.sceneId === scene.id)
        .map((shot) => ({
          shot_id: shot.id,
          first_frame: shot.firstFrame,
          video_prompt: shot.videoPrompt,
          characters: shot.characters.map((id) => cast.find((character) => character.id === id)?.name ?? id),
          dialogue: shot.dialogue,
          seconds: shot.seconds,
        })),
    })),
  }
  await artifacts.writeText('storyboard.json', `${JSON.stringify(storyboard, null, 2)}\n`, { kind: 'storyboard', subject: 'storyboard' })
}

/** The spec's sound settings in its own words, so a rerun of storyboard.json sounds the same. */
function soundFields(spec: ResolvedSpec): Record<string, unknown> {
  const { sound } = spec
  if (sound === false) return { audio: false }
  return {
    ...(sound.narrator === false ? { narrator: false } : sound.narrator.voice !== undefined && { narrator: { voice: sound.narrator.voice } }),
    ...(sound.music === false
      ? { music: false }
      : // The prompt as asked, even when derived from the idea: a rerun of this storyboard must ask for the same bed.
        { music: { prompt: musicPrompt(spec), volume: sound.music.volumeLu } }),
    audio: { loudness: { integrated: sound.loudness.integrated, true_peak: sound.loudness.truePeak } },
  }
}
