import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { fault, type Responder } from './fake-api/index.js'
import { runCli, tempDir, type CliRun } from './run-cli.js'

/** A storyboard with a story overview (so casting makes one chat call) and two shots. */
export const VENDOR_SPEC = `
title: Harbour Lights
aspect_ratio: "16:9"
story_overview: Mara, a harbour pilot with a grey braid and a yellow oilskin, guides a lost ferry home through fog.
scenes:
  - shots:
      - { shot_id: 1, first_frame: Mara at the wheel of a small pilot boat in thick fog., video_prompt: Slow push in on Mara., dialogue: ["Mara: Hold your course."] }
      - { shot_id: 2, first_frame: A ferry's lights appear out of the fog., video_prompt: Static wide as the ferry emerges. }
`

/**
 * The casting answer a real model gives for VENDOR_SPEC: Mara, whom shot 1 shows. A fake's
 * schema-shaped answer names nobody a shot shows, and portraits no shot needs are never drawn.
 */
export const MARA_CAST: Responder = fault.chatAnswer(
  JSON.stringify({ characters: [{ name: 'Mara', appearance: 'a harbour pilot with a grey braid', outfit: 'a yellow oilskin' }] }),
)

export interface VendorWorkspace {
  readonly dir: string
  readonly env: NodeJS.ProcessEnv
  run(...args: string[]): Promise<CliRun>
}

/** A working folder with a vimax.config.yaml pointing the given providers at the fake API. */
export function vendorWorkspace(config: string, env: NodeJS.ProcessEnv): VendorWorkspace {
  const dir = tempDir('vimax-vendor-')
  writeFileSync(path.join(dir, 'vimax.config.yaml'), config)
  writeFileSync(path.join(dir, 'spec.yaml'), VENDOR_SPEC)
  const fullEnv = { VIMAX_CACHE_DIR: path.join(dir, 'cache'), ...env }
  return {
    dir,
    env: fullEnv,
    run: (...args) => runCli(['generate', 'spec.yaml', '-o', 'out', '--profile', 'e2e', '--json', '--log-file', 'requests.jsonl', ...args], { cwd: dir, env: fullEnv }),
  }
}

/** Every byte the run wrote (outputs, cache, ledger, log) and printed: none may hold the key. */
export function expectNoKeyAnywhere(dir: string, key: string, printed: readonly string[]): void {
  for (const text of printed) expect(text.includes(key), 'printed output holds the key').toBe(false)
  const needle = Buffer.from(key)
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    expect(readFileSync(file).includes(needle), `${path.relative(dir, file)} holds the key`).toBe(false)
  }
}

type PerKind = { chat: number; image: number; video: number; speech: number; music: number }
export type Summary = { status: string; calls: PerKind; cached: PerKind; shots: number; film: string }
