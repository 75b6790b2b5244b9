// One investigation under guard, as both entries run it (the action and the
// command line): fresh run directories, the watchdog bound from the settings,
// the app stopped on cancellation, and the app's environment without what
// is the runner's alone.

import type { AppIdentity } from '../os/app-process.js'
import { guardAgainstCancellation, watchdogBoundMs } from './cancellation.js'
import { makeRunDirs } from './evidence.js'
import { investigate, type Investigation, type InvestigationOptions } from './investigation.js'
import { timeBoundMs } from './time-bound.js'

export interface GuardedRunOptions extends Omit<InvestigationOptions, 'workDir' | 'scratchDir' | 'deadlineMs' | 'env'> {
  /** where the run's directories go */
  tempDir: string
  /** the step's (or the shell's) environment; the app gets it less the runner's own variables */
  env: NodeJS.ProcessEnv
  /** say a warning (a signal arrived) and fail the run (the watchdog fired) */
  warn: (message: string) => void
  fail: (message: string) => void
  /** the exit code after a cancellation */
  exitCode?: number
}

export interface GuardedRun {
  /** the evidence directory of the run */
  workDir: string
  /** true once a signal arrived: nothing observed after it is a finding */
  cancelled: boolean
  investigation: Investigation
}

/** Runs the investigation within the watchdog's bound; a run that throws still leaves the guard done. */
export async function guardedInvestigation({
  tempDir,
  env,
  warn,
  fail,
  exitCode,
  onAppStarted,
  ...options
}: GuardedRunOptions): Promise<GuardedRun> {
  const { workDir, scratchDir } = makeRunDirs(tempDir)
  const boundMs = watchdogBoundMs(timeBoundMs(options.settings), env)
  const deadlineMs = performance.now() + boundMs
  const guard = guardAgainstCancellation({ boundMs, warn, fail, ...(exitCode !== undefined ? { exitCode } : {}) })
  let investigation: Investigation
  try {
    investigation = await investigate({
      ...options,
      workDir,
      scratchDir,
      deadlineMs,
      env: appEnvironment(env),
      onAppStarted: (app: AppIdentity) => {
        guard.track(app)
        onAppStarted?.(app)
      }
    })
  } finally {
    guard.done()
  }
  return { workDir, cancelled: guard.cancelled, investigation }
}

/**
 * The app's environment: the step's, minus what the runner gives only to this
 * action. The inputs (github-token among them) and the runtime tokens must
 * not reach the code under test, which may come from an untrusted PR.
 */
export function appEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const hidden = /^(INPUT_|STATE_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_|ACTIONS_CACHE_URL$|ACTIONS_RESULTS_URL$)/
  return Object.fromEntries(Object.entries(env).filter(([name]) => !hidden.test(name)))
}
