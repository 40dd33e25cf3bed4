#!/usr/bin/env node
// The offline voice, run as its own program: eSpeak NG is GPL-3.0, so vimax (MIT) spawns it like it
// spawns ffmpeg and never imports it. Reads one JSON request on stdin:
//   {"text": "...", "voice": "fr+f2", "speed": 160, "pitch": 50, "amplitude": 100, "wordGap": 0}
// and writes a WAV (16-bit mono, 22050 Hz) to stdout. Exit 2: bad request; 1: the engine failed.
// eSpeak seeds its breath noise (the f2, f3, f5 variants) from the clock; a fixed clock and a fixed
// entropy source make the same request give the same bytes, which the cache relies on. This
// process does nothing else, so pinning its globals is harmless.
Date.now = () => 0
let entropy = 0x2545f491
Object.defineProperty(globalThis, 'crypto', {
  value: {
    getRandomValues(view) {
      for (let i = 0; i < view.length; i++) view[i] = (entropy = (Math.imul(entropy, 1103515245) + 12345) >>> 0) >>> 24
      return view
    },
  },
})
const { default: ESpeakNg } = await import('espeak-ng')

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
let request
try {
  request = JSON.parse(Buffer.concat(chunks).toString('utf8'))
} catch (error) {
  fail(2, `the request on stdin is not JSON: ${error.message}`)
}
const { text, voice, speed = 175, pitch = 50, amplitude = 100, wordGap = 0 } = request ?? {}
if (typeof text !== 'string' || typeof voice !== 'string' || !/^[A-Za-z0-9_+-]+$/.test(voice)) {
  fail(2, 'the request needs a string "text" and a "voice" such as "en-us+m3"')
}
const number = (value, min, max) => String(Math.round(Math.min(max, Math.max(min, Number(value) || 0))))

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
  })
} catch (error) {
  fail(1, `eSpeak NG failed: ${error?.message ?? error} ${log.join(' ')}`)
}
let wav
try {
  wav = engine.FS.readFile('/out.wav')
} catch {
  fail(1, `eSpeak NG wrote no audio: ${log.join(' ')}`)
}
process.stdout.write(Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength), () => process.exit(0))

function fail(code, message) {
  process.stderr.write(message.trim() + '\n')
  process.exit(code)
}
