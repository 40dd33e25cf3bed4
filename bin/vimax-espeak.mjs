#!/usr/bin/env node
// The offline voice, run as its own program: eSpeak NG is GPL-3.0, so vimax (MIT) spawns it like it
// spawns ffmpeg and never imports it. Two modes:
//
//   one-shot (no argument): reads one JSON request on stdin
//     {"text": "...", "voice": "fr+f2", "speed": 160, "pitch": 50, "amplitude": 100, "wordGap": 0}
//   and writes a WAV (16-bit mono, 22050 Hz) to stdout. Exit 2: bad request; 1: the engine failed.
//
//   --worker: reads requests one per line on stdin, the same JSON plus "id" and "out" (a file path),
//   writes each WAV to its "out" file and answers one line on stdout per request, in order:
//     {"id": 7, "ok": true}  or  {"id": 7, "ok": false, "status": 2, "error": "..."}
//   and exits when stdin ends. The engine's WebAssembly is compiled once and instantiated afresh
//   for every request, so a request sounds exactly as it does in one-shot mode.
//
// eSpeak seeds its breath noise (the f2, f3, f5 variants) from the clock; a fixed clock and a fixed
// entropy source, reset before every request, make the same request give the same bytes, which
// the cache relies on. This process does nothing else, so pinning its globals is harmless.
import { readFile, rename, writeFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'

const ENTROPY_SEED = 0x2545f491
Date.now = () => 0
let entropy = ENTROPY_SEED
Object.defineProperty(globalThis, 'crypto', {
  value: {
    getRandomValues(view) {
      for (let i = 0; i < view.length; i++) view[i] = (entropy = (Math.imul(entropy, 1103515245) + 12345) >>> 0) >>> 24
      return view
    },
  },
})
const { default: ESpeakNg } = await import('espeak-ng')

class RequestError extends Error {
  constructor(status, message) {
    super(message)
    this.status = status
  }
}

if (process.argv.includes('--worker')) await serve()
else await oneShot()

async function oneShot() {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  try {
    let request
    try {
      request = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch (error) {
      throw new RequestError(2, `the request on stdin is not JSON: ${error.message}`)
    }
    const wav = await speak(request)
    process.stdout.write(wav, () => process.exit(0))
  } catch (error) {
    process.stderr.write(String(error?.message ?? error).trim() + '\n')
    process.exit(error instanceof RequestError ? error.status : 1)
  }
}

async function serve() {
  // Anything the engine prints must not land between the answers.
  console.log = console.error
  // Ctrl-C reaches the whole process group: vimax cancels its own lines (and kills busy workers);
  // a worker dying of it first would fail a line as "stopped" instead of "interrupted".
  process.on('SIGINT', () => {})
  const wasm = await compileEngine()
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
  for await (const line of lines) {
    if (line.trim() === '') continue
    let id = null
    try {
      let request
      try {
        request = JSON.parse(line)
      } catch (error) {
        throw new RequestError(2, `a request line is not JSON: ${error.message}`)
      }
      id = request?.id ?? null
      if (typeof request?.out !== 'string' || request.out === '') throw new RequestError(2, 'a worker request needs an "out" file path')
      const wav = await speak(request, wasm)
      // Written whole, then renamed: the parent never reads half a file.
      await writeFile(`${request.out}.part`, wav)
      await rename(`${request.out}.part`, request.out)
      answer({ id, ok: true })
    } catch (error) {
      answer({ id, ok: false, status: error instanceof RequestError ? error.status : 1, error: String(error?.message ?? error).trim() })
    }
  }
}

function answer(message) {
  process.stdout.write(JSON.stringify(message) + '\n')
}

/** The engine's WebAssembly, compiled once; each instance still starts from clean memory. */
async function compileEngine() {
  const url = new URL('espeak-ng.wasm', import.meta.resolve('espeak-ng'))
  return WebAssembly.compile(await readFile(url))
}

async function speak(request, wasm) {
  const { text, voice, speed = 175, pitch = 50, amplitude = 100, wordGap = 0 } = request ?? {}
  if (typeof text !== 'string' || typeof voice !== 'string' || !/^[A-Za-z0-9_+-]+$/.test(voice)) {
    throw new RequestError(2, 'the request needs a string "text" and a "voice" such as "en-us+m3"')
  }
  const number = (value, min, max) => String(Math.round(Math.min(max, Math.max(min, Number(value) || 0))))
  entropy = ENTROPY_SEED
  const log = []
  let engine
  try {
    // Text goes through a file, never argv: nothing in it can be read as a flag, and UTF-8 arrives intact.
    engine = await ESpeakNg({
      arguments: [
        '-b', '1', '-v', voice,
        '-s', number(speed, 80, 450), '-p', number(pitch, 0, 99), '-a', number(amplitude, 0, 200), '-g', number(wordGap, 0, 100),
        '-w', '/out.wav', '-f', '/in.txt',
      ],
      preRun: [(module) => module.FS.writeFile('/in.txt', text + '\n')],
      print: (line) => log.push(line),
      printErr: (line) => log.push(line),
      ...(wasm && {
        // Synchronous, so a failure here rejects the engine's promise instead of leaving it pending.
        instantiateWasm: (imports, receive) => receive(new WebAssembly.Instance(wasm, imports), wasm),
      }),
    })
  } catch (error) {
    throw new RequestError(1, `eSpeak NG failed: ${error?.message ?? error} ${log.join(' ')}`)
  } finally {
    // The engine reports its exit status through the process's; a worker must not inherit a failure.
    process.exitCode = undefined
  }
  let wav
  try {
    wav = engine.FS.readFile('/out.wav')
  } catch {
    throw new RequestError(1, `eSpeak NG wrote no audio: ${log.join(' ')}`)
  }
  return Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength)
}
