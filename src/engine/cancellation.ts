// Keeps a run from outliving its welcome: stops the app when the job (or the
// user, with Ctrl-C) cancels, kills it outright if the process dies some
// other way, and ends the run past the time bound its settings allow, which
// would be a bug, so that the tool itself can never hang a job.

import { killAppNow, stopApp, type AppIdentity } from '../os/app-process.js'
import { formatDuration } from '../core/durations.js'

export interface CancellationGuard {
  /** the app to stop if the run is cancelled */
  track(app: AppIdentity): void
  /** the run is over: stop guarding the app (the time bound still holds) */
  done(): void
  /** true once a signal arrived; nothing the run observed after it is a finding */
  readonly cancelled: boolean
}

/**
 * Nothing makes a run overrun the bound its settings allow, short of a bug:
 * the tests set this to a bound of a few seconds to see the watchdog fire.
 */
export const TIME_BOUND_VARIABLE = 'BACKEND_HANG_DEBUG_TIME_BOUND_MS'

/** The watchdog's bound: the one the settings allow, unless the tests force a smaller one. */
export function watchdogBoundMs(allowedMs: number, env: NodeJS.ProcessEnv): number {
  const forced = Number(env[TIME_BOUND_VARIABLE])
  return Number.isInteger(forced) && forced > 0 ? forced : allowedMs
}

export interface GuardOptions {
  boundMs: number
  warn: (message: string) => void
  fail: (message: string) => void
  /** the exit code after a cancellation */
  exitCode?: number
}

export function guardAgainstCancellation({ boundMs, warn, fail, exitCode = 1 }: GuardOptions): CancellationGuard {
  let app: AppIdentity | undefined
  let cancelled = false
  const abandon = (why: string, failed: boolean): void => {
    if (cancelled) return
    cancelled = true
    if (failed) fail(why)
    else warn(why)
    const stopped = app ? stopApp(app, 1000) : Promise.resolve()
    void stopped.finally(() => process.exit(failed ? 1 : exitCode))
  }
  const onSignal = (signal: NodeJS.Signals): void =>
    abandon(`Received ${signal}: stopping the app before exiting`, false)
  setTimeout(
    () =>
      abandon(
        `backend-hang-debug did not finish within ${formatDuration(boundMs)}, the bound its settings allow; the app is stopped and the run ends here. Please report this as a bug.`,
        true
      ),
    boundMs
  ).unref()
  const onExit = (): void => {
    if (app) killAppNow(app)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  process.on('exit', onExit)
  return {
    track: tracked => {
      app = tracked
    },
    done: () => {
      if (cancelled) return
      app = undefined
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      process.off('exit', onExit)
    },
    get cancelled() {
      return cancelled
    }
  }
}
