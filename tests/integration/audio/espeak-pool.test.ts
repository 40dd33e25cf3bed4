import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createEspeakPool } from '../../../src/audio/espeak-pool.js'
import { runEspeak } from '../../../src/audio/espeak-process.js'
import { ROOT } from '../../support/run-cli.js'

const pool = createEspeakPool({ maxWorkers: 2 })
afterAll(() => pool.close())

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

describe('the eSpeak worker pool', () => {
  it('speaks the same bytes as the one-shot program, for breathy voices and for repeated requests in one worker', async () => {
    // f2, f3 and f5 draw breath noise from the clock and the entropy source: the worker must reset both per line.
    const requests = [
      { text: 'The lamp has not failed in forty years.', voice: 'en-us+f2', speed: 182, pitch: 68 },
      { text: 'Élodie, où est passé le gardien ?', voice: 'fr+f3', speed: 158, pitch: 38 },
      { text: 'Then tonight will be the first.', voice: 'en-us+f5', speed: 155, pitch: 55 },
    ]
    const oneShot = await Promise.all(requests.map((request) => runEspeak(request)))
    for (const round of [1, 2]) {
      const pooled = await Promise.all(requests.map((request) => pool.speak(request, { subject: `round ${round}` })))
      pooled.forEach((bytes, i) => expect(same(bytes, oneShot[i]!), `${requests[i]!.voice} in round ${round}`).toBe(true))
    }
    expect(pool.pids().length).toBeLessThanOrEqual(2)
  })

  it('fails only the line of a worker that dies, clearly, and starts a fresh worker for the next line', async () => {
    const own = createEspeakPool({ maxWorkers: 2 })
    try {
      const doomed = own.speak({ text: 'I will not finish.', voice: 'en-us+m3', speed: 160, pitch: 50 }, { subject: 'shot 1.1 line 1 (Tomas)' })
      const survivor = own.speak({ text: 'I will.', voice: 'en-us+f1', speed: 160, pitch: 50 }, { subject: 'shot 1.1 line 2 (Elsie)' })
      const [first, second] = own.pids()
      expect(first).toBeDefined()
      expect(second).toBeDefined()
      // The worker is still loading its engine: it cannot have answered before this kill.
      process.kill(first!, 'SIGKILL')
      await expect(doomed).rejects.toMatchObject({
        code: 'E_OFFLINE_VOICE_FAILED',
        message: expect.stringContaining('stopped while speaking for shot 1.1 line 1 (Tomas): killed by SIGKILL'),
      })
      expect((await survivor).byteLength).toBeGreaterThan(1000)
      const next = await own.speak({ text: 'Again.', voice: 'en-us+m3', speed: 160, pitch: 50 })
      expect(next.byteLength).toBeGreaterThan(1000)
      expect(own.pids()).not.toContain(first)
    } finally {
      own.close()
    }
  })

  it('refuses a bad request with the reason the worker gives, and keeps the worker for the next line', async () => {
    await expect(pool.speak({ text: 'x', voice: 'not a voice', speed: 160, pitch: 50 })).rejects.toMatchObject({
      code: 'E_OFFLINE_VOICE_FAILED',
      message: expect.stringContaining('needs a string "text" and a "voice"'),
    })
    const before = pool.pids()
    expect((await pool.speak({ text: 'Fine.', voice: 'en-us+m1', speed: 160, pitch: 30 })).byteLength).toBeGreaterThan(1000)
    expect(pool.pids().some((pid) => before.includes(pid))).toBe(true)
  })

  it('fails a line that is cancelled while spoken as cancelled, not as a broken voice', async () => {
    const controller = new AbortController()
    const line = pool.speak({ text: 'Stop me.', voice: 'en-us+m3', speed: 160, pitch: 50 }, { signal: controller.signal })
    controller.abort()
    await expect(line).rejects.toMatchObject({ code: 'E_CANCELLED' })
    expect((await pool.speak({ text: 'Still here.', voice: 'en-us+m3', speed: 160, pitch: 50 })).byteLength).toBeGreaterThan(1000)
  })

  it('never keeps a program alive: a script that speaks and never closes the pool exits by itself', async () => {
    const built = path.join(ROOT, 'dist', 'audio', 'espeak-pool.js')
    expect(existsSync(built), 'build first: npx tsc -p tsconfig.build.json').toBe(true)
    // Workers would only leave on their own after ten minutes; the script must not wait for them.
    const script =
      `const { createEspeakPool } = await import(${JSON.stringify(pathToFileURL(built).href)});` +
      `const pool = createEspeakPool({ idleMs: 600000 });` +
      `const wav = await pool.speak({ text: 'Goodbye.', voice: 'en-us+m3', speed: 160, pitch: 50 });` +
      `console.log('spoke', wav.byteLength, pool.pids().length)`
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const hang = setTimeout(() => child.kill('SIGKILL'), 120_000)
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])))
    clearTimeout(hang)
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' })
    expect(stdout).toMatch(/^spoke \d{4,} 1\n$/)
  })
})
