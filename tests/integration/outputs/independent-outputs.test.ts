import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const spec = path.join(dir, 'lamps.yaml')
writeFileSync(
  spec,
  `
title: Two Lamps
characters:
  - { name: Ada, appearance: a girl of sixteen with red hair }
scenes:
  - shots:
      - { shot_id: 1, first_frame: Ada lights a brass lamp., video_prompt: Slow push in. }
      - { shot_id: 2, first_frame: A green lamp on a desk., video_prompt: Static wide. }
`,
)
const env = { VIMAX_CACHE_DIR: path.join(dir, 'cache') }

async function generate(out: string): Promise<void> {
  const run = await runCli(['generate', spec, '-o', out, '--offline', '--json'], { env })
  expect(run.code, run.stderr).toBe(0)
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

type Manifest = { artifacts: { path: string; sha256: string }[] }
const manifestOf = (out: string) => JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest

/** Every file the manifest lists, whose content no longer matches its digest. */
function mismatches(out: string): string[] {
  return manifestOf(out)
    .artifacts.filter((artifact) => artifact.path !== 'manifest.json')
    .filter((artifact) => sha256(path.join(out, artifact.path)) !== artifact.sha256)
    .map((artifact) => artifact.path)
}

describe('output folders are independent files', () => {
  const out1 = path.join(dir, 'out1')
  const out2 = path.join(dir, 'out2')

  it('appending to one output frame changes no other output folder and no cache blob', async () => {
    await generate(out1)
    await generate(out2)
    const frame = manifestOf(out1).artifacts.find((artifact) => artifact.path.startsWith('frames/'))!.path
    appendFileSync(path.join(out1, frame), 'x')

    expect(mismatches(out1)).toEqual([frame])
    expect(mismatches(out2)).toEqual([])
    // Content-addressed: every blob's name is its digest, so a changed blob shows at once.
    const blobs = filesUnder(path.join(dir, 'cache', 'blobs'))
    expect(blobs.length).toBeGreaterThan(0)
    for (const blob of blobs) expect(sha256(blob), blob).toBe(path.basename(blob).split('.')[0])
    // Not links either: a later edit in place (an editor truncating a file) must not reach them.
    for (const file of filesUnder(out2)) expect(statSync(file).nlink, file).toBe(1)
  })

  it('reruns into the same folder leave no temp file anywhere', async () => {
    // A leftover of an earlier version (its writer long gone) goes too.
    writeFileSync(path.join(out1, 'frames', 'shot-1.1.png.2147483646.tmp'), 'stale')
    await generate(out1)
    await generate(out1)
    expect(filesUnder(out1).filter((file) => file.endsWith('.tmp'))).toEqual([])
    expect(mismatches(out1)).toEqual([])
  })
})
