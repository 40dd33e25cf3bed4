import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A home folder made for this `npm test` run; see tests/support/isolate-home.ts. */
    vimaxTestHome: string
  }
}

/** One throwaway home per test run, removed at the end: no test writes into a person's own. */
export default function setup(project: TestProject): () => void {
  const home = mkdtempSync(path.join(os.tmpdir(), 'vimax-test-home-'))
  project.provide('vimaxTestHome', home)
  return () => rmSync(home, { recursive: true, force: true })
}
