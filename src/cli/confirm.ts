import { createInterface } from 'node:readline/promises'

/** A yes/no question for the person at the terminal; none when stdin is not one (CI, pipes). */
export function confirmOnTty(): ((question: string) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY) return undefined
  return async (question) => {
    const readline = createInterface({ input: process.stdin, output: process.stderr })
    try {
      return /^y(es)?$/i.test((await readline.question(`${question} [y/N] `)).trim())
    } finally {
      readline.close()
    }
  }
}
