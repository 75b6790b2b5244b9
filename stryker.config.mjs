// @ts-check
// `npm run mutate`: StrykerJS mutates the pure modules one change at a time
// and runs the unit tests against each mutant; a mutant that no test notices
// is a hole in the suite. The e2e tests run the bundle, which is not mutated.
// loop-watch.ts is left out: its tests run real sockets and timers, and a
// mutant there costs seconds (its pure rules are tested in loop-watch.test.ts).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.unit.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/analysis/**/*.ts',
    'src/fix/**/*.ts',
    'src/report/report.ts',
    'src/github/publish.ts',
    'src/report/redact.ts',
    'src/inputs.ts',
    'src/cli/command-line.ts',
    'src/capture/py-spy-install.ts'
  ],
  // the sandbox needs the sources, the unit tests and their fixtures; not the virtualenv or the bundle
  ignorePatterns: ['/.venv', '/dist', '/reports', '/bench', '/.github'],
  disableTypeChecks: 'src/**/*.ts',
  coverageAnalysis: 'perTest',
  concurrency: 2,
  thresholds: { high: 90, low: 85, break: 85 },
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  // reruns test only the mutants whose code or tests changed
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
}
