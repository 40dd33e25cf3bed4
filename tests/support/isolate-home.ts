import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { inject } from 'vitest'

/**
 * Runs before every test file (vitest `setupFiles`): every default vimax derives from the
 * environment — cache, ledger, config — points into this run's throwaway home, in this process
 * and in every CLI it spawns. `VIMAX_CACHE_DIR` too: a `.vimax/` in the repository (where tests
 * run the CLI) would otherwise be used. A test about the defaults themselves sets it to ''.
 */
const home = inject('vimaxTestHome')
export const TEST_HOME = path.join(home, 'home')
mkdirSync(TEST_HOME, { recursive: true })
Object.assign(process.env, {
  HOME: TEST_HOME,
  XDG_CACHE_HOME: path.join(TEST_HOME, '.cache'),
  XDG_DATA_HOME: path.join(TEST_HOME, '.local', 'share'),
  XDG_CONFIG_HOME: path.join(TEST_HOME, '.config'),
  VIMAX_CACHE_DIR: path.join(home, 'vimax-cache'),
  VIMAX_TEST_HOME: home,
  // A person's team cache (REDIS_URL) or lifetimes must not reach tests; a Redis test sets its own.
  REDIS_URL: '',
  VIMAX_CACHE_TTL: '',
})
