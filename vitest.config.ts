import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // end-to-end tests start real apps and wait for real timeouts
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default']
  }
})
