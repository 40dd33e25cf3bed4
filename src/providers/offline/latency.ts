import { sleep as realSleep } from '../../util/sleep.js'
import type { MusicModel, SpeechModel } from '../types.js'
import type { OfflineOptions } from './options.js'

/** A speech or music model that answers `ms` later (simulated vendor latency, for benchmarks). */
export function withLatency<M extends SpeechModel | MusicModel>(model: M, ms: number | undefined, options: Pick<OfflineOptions, 'sleep'>): M {
  if (ms === undefined || ms <= 0) return model
  const sleep = options.sleep ?? realSleep
  const generate = async (request: never, call?: Parameters<M['generate']>[1]) => {
    await sleep(ms, call?.signal)
    return model.generate(request, call)
  }
  return { ...model, generate } as M
}
