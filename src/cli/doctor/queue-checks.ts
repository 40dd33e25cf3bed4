import { resolveRecordBackend } from '../../cache/record-backend.js'
import { connectRedis } from '../../cache/redis-connect.js'
import type { ConfigData } from '../../config/config-schema.js'
import { readQueueHealth } from '../../queue/queue-health.js'
import type { DoctorCheck } from './doctor-check.js'

/**
 * With Redis configured: the film queue's depth by state and the workers seen in the last
 * minute. No row without Redis; a Redis that cannot be reached is the `redis records` row's
 * failure, not reported twice.
 */
export async function queueChecks(cache: ConfigData['cache'], env: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  let target
  try {
    target = resolveRecordBackend({ cache, env }).redis
  } catch {
    return []
  }
  if (target === undefined) return []
  try {
    const probe = await connectRedis(target)
    if (!probe.ok) return []
    probe.client.destroy()
  } catch {
    return []
  }
  try {
    const { counts, workers } = await readQueueHealth(target)
    const seen = workers.length === 0 ? 'no workers seen in the last minute' : `${workers.length} worker(s) seen in the last minute (${workers.slice(0, 3).join(', ')}${workers.length > 3 ? ', …' : ''})`
    const waiting = counts.queued > 0 && workers.length === 0
    return [
      {
        name: 'film queue',
        ok: true,
        detail: `${counts.queued} queued · ${counts.active} active · ${counts.done} done · ${counts.failed} failed · ${seen}`,
        ...(waiting && { hint: 'films are waiting: start `vimax worker` on a machine pointed at this Redis' }),
      },
    ]
  } catch (error) {
    return [{ name: 'film queue', ok: false, detail: target.redactor.redact(error instanceof Error ? error.message : String(error)), hint: 'check that the Redis user may run the BullMQ scripts (EVALSHA) on vimax-queue:* keys', exitCode: 2 }]
  }
}
