import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseDotenv, withDotenv } from '../../../src/config/dotenv.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('.env parsing', () => {
  it('keeps a multi-line double-quoted value whole, and the keys after it', () => {
    const text = [
      'FAL_KEY="-----BEGIN KEY-----',
      'abc',
      '-----END KEY-----"',
      'OPENAI_API_KEY=sk-after',
      '',
    ].join('\n')
    expect(parseDotenv(text)).toEqual({
      FAL_KEY: '-----BEGIN KEY-----\nabc\n-----END KEY-----',
      OPENAI_API_KEY: 'sk-after',
    })
  })

  it('reads comments, export, single quotes and inline comments the way node --env-file does', () => {
    const text = "# a comment\nexport A=1\nB='two words'\nC=3 # note\nD=\"x\\ny\"\n"
    expect(parseDotenv(text)).toEqual({ A: '1', B: 'two words', C: '3', D: 'x\ny' })
  })

  it('lets the real environment win over the file', () => {
    writeFileSync(path.join(dir, '.env'), 'A="from\nfile"\nB=file\n')
    expect(withDotenv({ B: 'env' }, dir)).toEqual({ A: 'from\nfile', B: 'env' })
  })

  it('returns the environment unchanged when there is no .env', () => {
    const empty = mkdtempSync(path.join(dir, 'none-'))
    expect(withDotenv({ B: 'env' }, empty)).toEqual({ B: 'env' })
  })
})
