/**
 * How a dropped or unanswered Redis connection reads in an error's text. Apart from the Redis
 * client's module so the lease gate, which every run has, does not load that client to ask.
 */
export function isConnectionLost(text: string): boolean {
  return /closed|offline|ECONNRE|socket|EPIPE|ETIMEDOUT|no answer/i.test(text)
}
