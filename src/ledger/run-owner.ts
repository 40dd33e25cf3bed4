import { readFileSync } from 'node:fs'
import os from 'node:os'

/** The process running a run, as the ledger records it. */
export interface RunOwner {
  readonly pid: number
  readonly host: string
  /** When the process started (ms since the epoch): a pid reused later is another process. */
  readonly startedAt: number
}

export function currentOwner(): RunOwner {
  return { pid: process.pid, host: os.hostname(), startedAt: Math.round(performance.timeOrigin) }
}

/** Start times read from /proc have a clock tick's precision and the boot time a second's. */
const START_TOLERANCE_MS = 5_000

/**
 * Whether the owner still runs, on this host. Unknown hosts (a cache shared over the network) and
 * unreadable processes count as alive: a run is only called interrupted when that is certain.
 */
export function ownerAlive(owner: RunOwner, host: string = os.hostname()): boolean {
  if (owner.host !== host) return true
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return true
  try {
    process.kill(owner.pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  const linux = linuxProcess(owner.pid)
  if (linux === undefined) return true
  if (linux.zombie) return false
  return Math.abs(linux.startedAt - owner.startedAt) <= START_TOLERANCE_MS
}

/** Linux only: the process's state and start time from /proc (undefined elsewhere). */
function linuxProcess(pid: number): { zombie: boolean; startedAt: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const state = fields[0]
    const ticks = Number(fields[19])
    const bootLine = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))
    if (bootLine === null || !Number.isFinite(ticks)) return undefined
    // USER_HZ is 100 on every Linux that Node supports.
    return { zombie: state === 'Z' || state === 'X', startedAt: Number(bootLine[1]) * 1000 + ticks * 10 }
  } catch {
    return undefined
  }
}
