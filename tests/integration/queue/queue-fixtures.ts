import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../../support/run-cli.js'

/** A one-shot silent storyboard with no cast: the smallest film the offline provider makes. */
export function writeSpec(dir: string, name: string, shots = 1): string {
  const file = path.join(dir, `${name}.yaml`)
  const lines = Array.from({ length: shots }, (_, index) => `      - shot_id: ${index + 1}\n        first_frame: ${name} frame ${index + 1}.\n        video_prompt: Static wide shot.\n`)
  writeFileSync(file, `title: ${name}\naspect_ratio: "1:1"\nshot_seconds: 1\naudio: false\nstory_overview: A lamp named ${name}.\nscenes:\n  - scene_num: 1\n    slugline: EXT. SHORE - DUSK\n    shots:\n${lines.join('')}`)
  return file
}

export interface StatusJson {
  readonly counts: { queued: number; active: number; done: number; failed: number }
  readonly films: ReadonlyArray<{ id: string; spec: string; state: string; output: string; film?: string; film_bytes?: number; worker?: string; error_code?: string; attempts: number }>
  readonly workers: readonly string[]
}

/** `vimax batch status --json`, parsed. */
export async function batchStatus(cwd: string, env: NodeJS.ProcessEnv): Promise<StatusJson> {
  const run = await runCli(['batch', 'status', '--json'], { cwd, env })
  if (run.code !== 0) throw new Error(`batch status exited ${run.code}: ${run.stderr}`)
  return JSON.parse(run.stdout) as StatusJson
}

/** The worker's `host:pid` from its first line. */
export function workerName(stderr: string): string {
  return /^worker (\S+) on /m.exec(stderr)?.[1] ?? ''
}
