import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // end-to-end tests start real apps and wait for real timeouts
    testTimeout: 60_000,
    // live cases of a describe.concurrent run side by side; on 2 cores, more than 3 at once starve each other's probes
    maxConcurrency: 3,
    hookTimeout: 120_000,
    reporters: ['default']
  }
})
