import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { PipelineEvent } from '../../../src/pipeline/events.js'
import { generate } from '../../../src/pipeline/generate.js'
import { createOffline } from '../../../src/providers/offline/index.js'
import type { SpeechModel, SpeechRequest, VideoModel } from '../../../src/providers/types.js'
import { collectReport, emptyReport } from '../../../src/report/collect-report.js'
import { renderReport } from '../../../src/report/render-report.js'
import { OFFLINE_AUDIO_REFS, offlineAudio } from '../../support/offline-audio.js'
import { tempDir } from '../../support/run-cli.js'
import { specFrom } from '../../support/spec-file.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const LONG = 'The lamp is out tonight. The fishing boat is lost out there. I will climb the tower with the old lantern. Wait for me.'
const RUN_ON = 'Nobody has climbed those stairs with a lantern since my grandfather kept this light and I do not mean to be the last one who did'

const shot = (id: number, dialogue?: string) =>
  `      - shot_id: ${id}\n        first_frame: A lighthouse keeper on the tower stairs.\n        video_prompt: Static shot.\n        characters: [Elsie]\n        seconds: 2\n` +
  (dialogue ? `        dialogue:\n          - speaker: Elsie\n            line: ${dialogue}\n` : '')

const SPEC = `
title: Long Lines
aspect_ratio: "1:1"
characters:
  - name: Elsie
    appearance: an old woman with long white hair
    voice_style: weary, slow, a Cornish lilt
scenes:
  - scene_num: 1
    slugline: INT. LIGHTHOUSE - NIGHT
    shots:
${shot(1, LONG)}${shot(2)}${shot(3)}${shot(4)}${shot(5, RUN_ON)}`

/** The offline animatic, claiming clips of 2 or 4 seconds only, as many vendors' models do. */
function shortClips(model: VideoModel): VideoModel {
  return { ...model, capabilities: { ...model.capabilities, seconds: [2, 4] } }
}

/** The offline voice, keeping every request it is sent. */
function recording(model: SpeechModel, into: SpeechRequest[]): SpeechModel {
  return { ...model, generate: (request, options) => (into.push(request), model.generate(request, options)) }
}

describe('a line longer than the longest clip', () => {
  it('is cut at its sentences over the following shots without lines, a line that cannot be cut is reported with its fix, and every line carries its speaker\'s voice_style', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const spec = await specFrom(dir, SPEC)
    const offline = createOffline({ workDir: path.join(dir, 'work') })
    const events: PipelineEvent[] = []
    const spoken: SpeechRequest[] = []
    const audio = offlineAudio(offline)
    await generate({
      spec,
      models: { chat: offline.chat!('writer'), image: offline.image!('cards'), video: shortClips(offline.video!('animatic')), ...audio, speech: recording(audio.speech, spoken) },
      modelRefs: { chat: 'offline:writer', image: 'offline:cards', video: 'offline:animatic', ...OFFLINE_AUDIO_REFS },
      outDir: path.join(dir, 'out'),
      laneLimits: () => ({ concurrency: 4 }),
      until: 'storyboard',
      emit: (event) => events.push(event),
    })
    const planned = events.flatMap((event) => (event.type === 'plan:shots' ? event.shots : []))
    const [one, two, three, four, five] = planned
    // Cut, never truncated: the parts say the whole line, in order, each on a shot of its own.
    const carrying = [one, two, three, four]
    const parts = carrying.flatMap((s) => s!.dialogue.map((line) => line.line))
    expect(parts.length).toBeGreaterThanOrEqual(3)
    expect(parts.join(' ')).toBe(LONG)
    expect(carrying.flatMap((s) => s!.dialogue.map((line) => line.speaker))).toEqual(parts.map(() => 'Elsie'))
    for (const part of parts) expect(part).toMatch(/[.!?]$/)
    const warnings = events.flatMap((event) => (event.type === 'warning' ? [event.message] : []))
    // Each carrying shot holds its part: none runs on.
    for (const s of carrying) expect(warnings.filter((w) => w.startsWith(`shot ${s!.id}: `) && w.includes('runs on'))).toEqual([])
    expect(warnings.some((w) => /^shot \S+: Elsie's line 1 lasts \d+\.\d s spoken, longer than the longest clip offline:animatic makes \(4 s\); it was cut at its sentences and carried over shot/.test(w))).toBe(true)
    // The run-on line has nowhere to go: reported with the shot, the character, its length, the longest clip and the fix.
    expect(five!.dialogue).toEqual([{ speaker: 'Elsie', line: RUN_ON }])
    const report = warnings.find((w) => w.startsWith(`shot ${five!.id}: `))
    expect(report).toMatch(/^shot \S+: Elsie's line 1 lasts \d+\.\d s spoken, longer than the longest clip offline:animatic makes \(4 s\); its speech runs on over the next shot\. Fix: cut the line into shorter lines/)
    // The storyboard a rerun reads keeps the cut lines.
    const board = JSON.parse(readFileSync(path.join(dir, 'out', 'storyboard.json'), 'utf8')) as unknown
    expect(JSON.stringify(board)).toContain(JSON.stringify(parts.at(-1)))
    // The character's voice_style travels with every line as the speech model's instructions.
    expect(new Set(spoken.map((request) => request.instructions))).toEqual(new Set(['weary, slow, a Cornish lilt']))
    // The report shows both.
    const page = renderReport(events.reduce(collectReport, emptyReport({ title: 'Long Lines', runId: 'r', specPath: 'spec.yaml', models: {}, startedAt: 0 } as never)))
    expect(page).toContain('carried over shot')
    expect(page).toContain('its speech runs on over the next shot')
  }, 180_000)
})
