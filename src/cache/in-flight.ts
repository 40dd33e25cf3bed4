/**
 * One call per key at a time: identical requests that arrive while the first is still running
 * wait for its result instead of paying again (promptfoo's in-flight map). The entry goes when
 * the call settles, so a failure is shared by the callers already waiting and no one after.
 */
export interface InFlight {
  run<T>(key: string, call: () => Promise<T>): Promise<{ readonly value: T; readonly shared: boolean }>
  readonly size: number
}

export function createInFlight(): InFlight {
  const running = new Map<string, Promise<unknown>>()
  return {
    async run<T>(key: string, call: () => Promise<T>) {
      const existing = running.get(key) as Promise<T> | undefined
      if (existing !== undefined) return { value: await existing, shared: true }
      const promise = call()
      running.set(key, promise)
      try {
        return { value: await promise, shared: false }
      } finally {
        running.delete(key)
      }
    },
    get size() {
      return running.size
    },
  }
}
