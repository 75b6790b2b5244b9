import { defineConfig } from 'vitest/config'

// The unit tests alone, without the end-to-end setup (no virtualenv, no
// bundle): what the mutation check (stryker.config.mjs) runs against each mutant.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    reporters: ['default']
  }
})
