/** Peak resident memory while some work runs: sampled, so a short spike between samples can be missed. */
export interface RssSampler {
  /** Stops sampling and returns the peak in bytes. */
  stop(): number
}

export function sampleRss(intervalMs = 20, read: () => number = () => process.memoryUsage.rss()): RssSampler {
  let peak = read()
  const timer = setInterval(() => (peak = Math.max(peak, read())), intervalMs)
  // Never the reason the process stays alive.
  timer.unref()
  return {
    stop() {
      clearInterval(timer)
      peak = Math.max(peak, read())
      return peak
    },
  }
}
