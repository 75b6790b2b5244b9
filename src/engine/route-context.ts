// What a route's check may use of the run (the app as it runs now, the
// watch, the capture, the evidence), and how the run starts the app again:
// narrow, so the route loop's rules run in unit tests against fakes.

import type { Taken } from '../capture/capture.js'
import type { Logger } from '../core/logger.js'
import type { ProgressEvent, Route, Verdict } from '../core/model.js'
import type { Settings } from '../core/settings.js'
import type { AppProcess } from '../os/app-process.js'
import type { LoopWatchOptions } from './loop-watch.js'

/** What a route check may use of the run: never the whole run. */
export interface RouteCheckContext {
  readonly settings: Settings
  readonly logger: Logger
  /** how the health route is probed, with its clock and its sampler */
  readonly watch: LoopWatchOptions
  /** the app, running */
  readonly app: AppProcess
  /** one stack sample now; at a hang, waiting up to waitForInstallMs for a py-spy still being installed */
  takeSample(waitForInstallMs?: number): Promise<Taken | undefined>
  /** keeps samples as the run's evidence */
  keepEvidence(taken: Taken[]): void
  /** why stacks cannot be taken, when the capture knows */
  captureProblem(): string | undefined
  progress(event: ProgressEvent): void
}

/**
 * Starts the app again after a route left it broken: undefined when it
 * answers again, else why the routes after it cannot be checked.
 */
export type Restarter = (brokenBy: { route: Route; verdict: Verdict }) => Promise<string | undefined>
