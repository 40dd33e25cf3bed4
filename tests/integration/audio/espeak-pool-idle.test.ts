import { describe, expect, it } from 'vitest'
import { createEspeakPool } from '../../../src/audio/espeak-pool.js'

describe('the eSpeak worker pool after an idle worker was told to exit', () => {
  it('a line that arrives as an idle worker is ending goes to a fresh worker, not the ending one (found by vimax bench --shots 500)', async () => {
    const pool = createEspeakPool({ maxWorkers: 1, idleMs: 50 })
    try {
      const line = { text: 'Clock one ticks.', voice: 'en-us+m3', speed: 160, pitch: 50 }
      await pool.speak(line, { subject: 'shot 1 line 1 (Ada)' })
      // The main thread busy past the idle time (as when a run draws many cards at once): the idle timer
      // fires first and ends the worker's input, then the next line is handed out.
      const until = Date.now() + 120
      while (Date.now() < until) {
        // busy
      }
      await new Promise((resolve) => setTimeout(resolve, 0))
      const bytes = await pool.speak({ ...line, text: 'Clock two ticks.' }, { subject: 'shot 2 line 1 (Ada)' })
      expect(bytes.byteLength).toBeGreaterThan(44)
    } finally {
      pool.close()
    }
  })
})
