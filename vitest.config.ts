import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Two cores: ffmpeg-heavy integration files must not all run at once.
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // A throwaway home per run: no test touches the person's own cache, ledger or config.
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/isolate-home.ts'],
  },
})
