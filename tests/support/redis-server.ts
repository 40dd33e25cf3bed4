import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/** Debian's package puts it here; CI (`.ci/run`) installs it when absent. */
export const REDIS_SERVER = process.env.VIMAX_TEST_REDIS_SERVER ?? '/usr/bin/redis-server'

/** Why Redis tests are skipped on this machine, or undefined when they run. */
export const redisMissing: string | undefined = existsSync(REDIS_SERVER)
  ? undefined
  : `${REDIS_SERVER} is not installed (apt-get install redis-server; .ci/run installs it)`

export interface RedisTestServer {
  readonly port: number
  /** `redis://127.0.0.1:<port>`, with the password when the server asks for one. */
  readonly url: string
  /** Runs one command through redis-cli-free RESP, for assertions (DBSIZE, KEYS in a test is fine). */
  command(...args: string[]): Promise<string>
  stop(): Promise<void>
}

/**
 * A real redis-server on a free loopback port with its own temporary folder, no persistence; ready
 * once it answers PING. `password` starts it with `--requirepass`.
 */
export async function startRedisServer(options: { readonly password?: string } = {}): Promise<RedisTestServer> {
  const port = await freePort()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-redis-'))
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...(options.password ? ['--requirepass', options.password] : [])]
  const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const auth = options.password ? ['AUTH', options.password] : undefined
  const command = (...parts: string[]) => resp(port, auth, parts)
  const deadline = Date.now() + 10_000
  for (;;) {
    try {
      if ((await command('PING')) === 'PONG') break
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`redis-server did not start on port ${port}:\n${log}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const password = options.password ? `:${encodeURIComponent(options.password)}@` : ''
  return {
    port,
    url: `redis://${password}127.0.0.1:${port}`,
    command,
    stop: () => stop(child, dir),
  }
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  rmSync(dir, { recursive: true, force: true })
}

/** A port nothing listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** One command over a fresh socket, reply as text (integers and bulk strings; arrays joined by newlines). */
function resp(port: number, auth: readonly string[] | undefined, parts: readonly string[]): Promise<string> {
  const encode = (words: readonly string[]) => `*${words.length}\r\n${words.map((word) => `$${Buffer.byteLength(word)}\r\n${word}\r\n`).join('')}`
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let data = ''
    const replies = auth ? 2 : 1
    socket.setTimeout(5_000, () => socket.destroy(new Error('redis test command timed out')))
    socket.on('error', reject)
    socket.on('data', (chunk) => {
      data += chunk.toString()
      const parsed = parseReplies(data, replies)
      if (parsed === undefined) return
      socket.end()
      const last = parsed[parsed.length - 1]!
      if (last.startsWith(ERROR)) reject(new Error(last.slice(ERROR.length)))
      else resolve(last)
    })
    socket.on('connect', () => socket.write((auth ? encode(auth) : '') + encode(parts)))
  })
}

/** Marks an error reply, which no integer or bulk reply of a test starts with. */
const ERROR = '\u0000error:'

/** Enough RESP2 for tests: `count` complete replies, or undefined while more bytes are due. */
function parseReplies(text: string, count: number): string[] | undefined {
  const out: string[] = []
  let at = 0
  const line = (): string | undefined => {
    const end = text.indexOf('\r\n', at)
    if (end < 0) return undefined
    const value = text.slice(at, end)
    at = end + 2
    return value
  }
  const one = (): string | undefined => {
    const head = line()
    if (head === undefined) return undefined
    const type = head[0]
    if (type === '+' || type === ':') return head.slice(1)
    if (type === '-') return `${ERROR}${head.slice(1)}`
    if (type === '$') {
      const length = Number(head.slice(1))
      if (length < 0) return ''
      if (text.length < at + length + 2) return undefined
      const value = text.slice(at, at + length)
      at += length + 2
      return value
    }
    if (type === '*') {
      const items: string[] = []
      for (let index = 0; index < Number(head.slice(1)); index++) {
        const item = one()
        if (item === undefined) return undefined
        items.push(item)
      }
      return items.join('\n')
    }
    return head
  }
  for (let index = 0; index < count; index++) {
    const reply = one()
    if (reply === undefined) return undefined
    out.push(reply)
  }
  return out
}
