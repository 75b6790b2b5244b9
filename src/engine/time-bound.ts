// How long a run may take, whatever the app does: the bound the watchdog
// enforces (cancellation.ts), the time a tried fix must fit in, and whether
// a start of the app again still fits.

import type { Verdict } from '../core/model.js'
import type { Settings } from '../core/settings.js'

/** Probes answered before a route is opened, to know the loop answers at all. */
export const BASELINE_PROBES = 3
/** How long the port check waits for a connection to what may already listen there. */
export const PORT_CHECK_TIMEOUT_MS = 1000
/** How long discovery waits for a route's headers when it opens it to see whether it streams. */
export const SNIFF_MS = 2000
/** What a run may take beyond its inputs: capture (an install, a dump retried with sudo), stopping the app, the report. */
export const TIME_MARGIN_MS = 60_000
/** Per cycle, for the samples a slow probe waits for once it has its answer. */
export const CYCLE_SAMPLE_MARGIN_MS = 1000
/**
 * Between SIGTERM and SIGKILL when stopping the app. A hung loop cannot run
 * its shutdown handlers, and its stacks are taken by then: it is killed at
 * once; an app that can still answer gets a grace to shut down cleanly.
 */
export const STOP_GRACE_MS = { hung: 0, other: 3000 }

/** The grace for an app as a route left it: none for a hung one. */
export function stopGraceMs(verdict: Verdict): number {
  return verdict === 'hung' ? STOP_GRACE_MS.hung : STOP_GRACE_MS.other
}

/** The longest one route's check can take: its baseline probes and its cycles. */
export function routeBoundMs(settings: Settings): number {
  const settle = settings.settleMs ?? settings.healthTimeoutMs
  const cycle = settings.abortAfterMs + settle + 2 * settings.healthTimeoutMs + CYCLE_SAMPLE_MARGIN_MS
  return BASELINE_PROBES * settings.healthTimeoutMs + settings.cycles * cycle
}

/** The longest a start of the app after a route broke it can take: stopping it, then its start-up. */
export function restartBoundMs(settings: Settings): number {
  return STOP_GRACE_MS.other + settings.startupTimeoutMs
}

/**
 * The longest a run can take, whatever the app does: the port check, the
 * start-up, then for each route (those named, else up to max-routes found by
 * discovery) its baseline probes and cycles, each cycle's streams
 * (abort-after), the probe that confirms the loop answers while they are
 * open, the settle window after the disconnect with the probe in flight at
 * its end, and the samples of slow probes; discovery's OpenAPI request and
 * its sniffs, each a fixed wait for headers and a settle window; the idle
 * watch up to min-watch with its last probe; a start again (stop grace and
 * startup-timeout) after each route but the last (restart: auto); then a
 * fixed margin. The action enforces it with a watchdog.
 */
export function timeBoundMs(settings: Settings): number {
  const settle = settings.settleMs ?? settings.healthTimeoutMs
  const routes = settings.routes.length || settings.maxRoutes
  const discovery =
    settings.routes.length > 0
      ? 0
      : settings.healthTimeoutMs +
        settings.maxRoutes * (SNIFF_MS + settle + settings.healthTimeoutMs + CYCLE_SAMPLE_MARGIN_MS)
  // the idle watch ends min-watch after the first healthy probe, with the probe then in flight
  const idle = settings.minWatchMs > 0 ? settings.minWatchMs + settings.healthTimeoutMs : 0
  const restarts = settings.restart === 'auto' ? (routes - 1) * restartBoundMs(settings) : 0
  return (
    PORT_CHECK_TIMEOUT_MS +
    settings.startupTimeoutMs +
    routes * routeBoundMs(settings) +
    discovery +
    idle +
    restarts +
    TIME_MARGIN_MS
  )
}
