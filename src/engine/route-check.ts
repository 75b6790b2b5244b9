// One route's check: its baseline probes and its open/abort cycles (or, for
// a route discovery opens to see whether it streams, that one sniff), with
// the loop watched throughout and stacks kept when a probe is slow or goes
// unanswered. It sees the run only through RouteCheckContext, so its rules
// run in unit tests against a fake of it.

import { waitAtMost } from '../core/waits.js'
import { describeWhen, phaseOfWait } from '../analysis/verdict.js'
import type { Taken } from '../capture/capture.js'
import { formatDuration } from '../core/durations.js'
import {
  probesOf,
  routeLabel,
  VERDICT_RANK,
  type Conclusion,
  type CycleResult,
  type ProbePhase,
  type ProbeResult,
  type Route,
  type RouteResult,
  type SlowProbe,
  type Verdict
} from '../core/model.js'
import type { Settings } from '../core/settings.js'
import { exitOf, exitWithin } from '../os/app-process.js'
import { Heartbeat, settleWindowMs, watchedProbe, type WatchedProbe } from './loop-watch.js'
import type { RouteCheckContext } from './route-context.js'
import { describeExit } from './start-up.js'
import { openStream, StreamRouteError } from './stream.js'
import { settleWarning, streamWarnings } from './route-warnings.js'
import { webSocketOpener } from './websocket-stream.js'
import { BASELINE_PROBES, SNIFF_MS } from './time-bound.js'
import type { Capture } from '../core/diagnosis.js'

/** How long a refused probe waits for the app's exit before calling it unhealthy rather than crashed. */
const EXIT_GRACE_MS = 200
/** How long the streams stay open after their events, at least, before the disconnect. */
const HOLD_AFTER_EVENTS_MS = 60
/** The cycle in which a WebSocket client drops its connection instead of closing it. */
const ABRUPT_CLOSE_CYCLE = 2
/** At a hang with nothing else to capture with, how long to wait for a py-spy install still running. */
const INSTALL_WAIT_AT_HANG_MS = 30_000

/**
 * One route's check: its baseline probes and cycles, or, for a route
 * discovery opens to see whether it streams, that one sniff. What its probes
 * and samples show is its own.
 */
export class RouteCheck {
  readonly baseline: ProbeResult[] = []
  readonly cycles: CycleResult[] = []
  readonly slowProbes: SlowProbe[] = []
  verdict: Verdict = 'healthy'
  private conclusion: Conclusion = { verdict: 'healthy', headline: '' }
  /** the samples taken while the unanswered probe waited */
  private hangSamples: Taken[] = []
  /** slow probes that had no samples to judge them by */
  private unsampledSlowProbes = 0
  /** the longest wait for a stream event over the route's cycles */
  private longestGapMs: number | undefined
  private readonly warnings: string[] = []
  /** e.g. `GET /api/news/stream` */
  readonly what: string

  constructor(
    private readonly run: RouteCheckContext,
    readonly route: Route,
    /** whether the route answers an event stream: known for named and declared routes, found out by a sniff */
    public streams: boolean
  ) {
    this.what = routeLabel(route)
  }

  private get settings(): Settings {
    return this.run.settings
  }

  private conclude(conclusion: Conclusion): void {
    this.conclusion = conclusion
    this.verdict = conclusion.verdict
  }

  /** Baseline probes, then the cycles; the verdict is this route's. */
  async check(): Promise<void> {
    this.run.logger.info(`Checking ${this.what}${this.route.found === 'named' ? '' : ` (${this.route.found})`}`)
    for (let i = 0; i < BASELINE_PROBES; i++) {
      const probe = await this.keep(await watchedProbe(this.run.watch, 'baseline', 0))
      this.baseline.push(probe)
      const failed = await this.judge(probe)
      if (failed) return this.conclude(failed)
    }
    for (let cycle = 1; cycle <= this.settings.cycles; cycle++) {
      let failed: Conclusion | undefined
      try {
        failed = await this.runCycle(cycle)
      } catch (error) {
        // a route discovery found that does not answer a stream after all: not a configuration error of the user's
        if (!(error instanceof StreamRouteError) || this.route.found === 'named') throw error
        this.warnings.push(`${this.what} (${this.route.found}): ${error.message.replace(/^stream-path: /, '')}`)
        return
      }
      if (failed) return this.conclude(failed)
    }
  }

  /**
   * Opens the route once (GET, no body), reads its headers, closes it and
   * watches the loop for a settle window: whether it streams, and what
   * closing it does to the loop.
   */
  async sniff(): Promise<void> {
    const { settings } = this
    const record: CycleResult = { cycle: 0, streams: [], probes: [] }
    this.cycles.push(record)
    // watched from the request on, as any route: a block before the headers is a finding too
    const watch = new Heartbeat(this.run.watch, 'after-sniff', 0)
    const stream = openStream(
      {
        url: settings.baseUrl + this.route.path,
        method: 'GET',
        headers: settings.streamHeaders,
        body: '',
        abortAfterEvents: 1,
        abortAfterMs: SNIFF_MS,
        sniff: true
      },
      1
    )
    this.streams = await Promise.race([stream.responded, watch.failed.then(() => false)])
    record.streams = [stream.abort()]
    const exited = exitOf(this.run.app)
    if (exited) {
      await watch.stop()
      return this.conclude({
        verdict: 'crashed',
        headline: `The app exited (${describeExit(exited)}) when discovery opened \`${this.what}\`.`,
        extra: { appExit: exited }
      })
    }
    await waitAtMost(settleWindowMs(settings.settleMs, undefined, settings.healthTimeoutMs), watch.failed)
    await watch.stop()
    const failed = await this.record(record, watch.probes)
    if (failed) this.conclude(failed)
  }

  /**
   * Keeps the loop watched with no request of ours running, for forMs: what
   * work the app does on its own (a background task, a scheduler) does to it.
   */
  async watchIdle(forMs: number): Promise<void> {
    this.run.logger.info(
      `Watching the app idle for ${formatDuration(forMs)} (min-watch ${formatDuration(this.settings.minWatchMs)} from its first answer)`
    )
    const record: CycleResult = { cycle: 0, streams: [], probes: [] }
    this.cycles.push(record)
    const failed = await this.watchFor(record, 'idle', forMs)
    if (failed) this.conclude(failed)
  }

  /** Watches the loop for `ms`, or until a probe fails, into the record; the conclusion of the probe that failed. */
  private async watchFor(record: CycleResult, phase: ProbePhase, ms: number): Promise<Conclusion | undefined> {
    const watch = new Heartbeat(this.run.watch, phase, record.cycle)
    await waitAtMost(ms, watch.failed)
    await watch.stop()
    return this.record(record, watch.probes)
  }

  /**
   * Opens the streams and watches the loop from the request until a settle
   * window has passed after the disconnect: long enough for a server that
   * notices a disconnect only at its next write to reach that write.
   */
  private async runCycle(cycle: number): Promise<Conclusion | undefined> {
    const { settings } = this
    const record: CycleResult = { cycle, streams: [], probes: [] }
    this.cycles.push(record)
    const exited = exitOf(this.run.app)
    if (exited) {
      return {
        verdict: 'crashed',
        headline: `The app exited (${describeExit(exited)}) before cycle ${cycle} of \`${this.what}\`.`,
        extra: { appExit: exited }
      }
    }
    this.run.logger.info(`Cycle ${cycle}/${settings.cycles}: opening ${settings.concurrency} × ${this.what}`)
    const websocket = this.route.method === 'WS'
    const open = websocket ? await webSocketOpener() : openStream
    const streams = Array.from({ length: settings.concurrency }, (_, i) =>
      open(
        {
          url: settings.baseUrl + this.route.path,
          method: this.route.method,
          headers: settings.streamHeaders,
          body: this.route.body ?? (this.route.found === 'named' ? settings.streamBody : ''),
          abortAfterEvents: settings.abortAfterEvents,
          abortAfterMs: settings.abortAfterMs,
          // a WebSocket client also goes away without a close frame, as a dying tab's does: in cycle 2
          abrupt: websocket && cycle === ABRUPT_CLOSE_CYCLE
        },
        i + 1
      )
    )
    const disconnectAll = (): void => {
      record.streams = streams.map(s => s.abort())
      for (const stream of record.streams) {
        if (stream.longestGapMs !== undefined) this.longestGapMs = Math.max(this.longestGapMs ?? 0, stream.longestGapMs)
      }
    }
    // watched from the request on: a call that blocks before the first event (a synchronous
    // model call before the first token) holds the loop while no event has come yet
    const during = new Heartbeat(
      this.run.watch,
      () => (streams.some(s => s.eventCount() > 0) ? 'during-stream' : 'before-first-event'),
      cycle
    )
    let firstEventAtMs: number | undefined
    for (const stream of streams) {
      void stream.firstEvent.then(() => {
        if (stream.eventCount() > 0) firstEventAtMs = Math.min(firstEventAtMs ?? Infinity, this.run.watch.clock())
      })
    }
    try {
      await Promise.race([Promise.all(streams.map(s => s.responded)), during.failed])
    } catch (error) {
      await during.stop()
      disconnectAll()
      throw error
    }
    if (!during.failure) await Promise.race([Promise.all(streams.map(s => s.abortable)), during.failed])
    // before the disconnect, a probe sent a while after every stream has had its events must
    // be answered: a call that blocks from the last event on is caught while the streams are
    // open, not taken for the disconnect's doing by the probe that happened to be in flight;
    // and a generator that awaits briefly after its event (the next token, a short poll) and
    // then blocks is caught too, where a disconnect at once would cancel it at that await
    if (!during.failure) await during.probeSentFrom(this.run.watch.clock() + HOLD_AFTER_EVENTS_MS)
    await during.stop()
    // a probe that left just before the first event arrived belongs where most of its wait lay
    const labelled = during.probes.map(w => ({
      ...w,
      probe: { ...w.probe, phase: phaseOfWait(w.probe, firstEventAtMs) }
    }))
    const failedDuring = await this.record(record, labelled)
    disconnectAll()
    if (failedDuring) return failedDuring

    const settleMs = settleWindowMs(settings.settleMs, this.longestGapMs, settings.healthTimeoutMs)
    this.warnings.push(...streamWarnings(record, this.settings.abortAfterMs))
    const failedAfter = await this.watchFor(record, 'after-abort', settleMs)
    const slowest = Math.max(...record.probes.map(p => p.latencyMs))
    this.run.logger.debug(
      `cycle ${cycle}: ${record.probes.length} probes, slowest ${Math.round(slowest)} ms, watched ${formatDuration(settleMs)} after the disconnect`
    )
    return failedAfter
  }

  /** Adds a heartbeat's probes to the cycle; the conclusion of the one that failed, if one did. */
  private async record(record: CycleResult, watched: WatchedProbe[]): Promise<Conclusion | undefined> {
    for (const w of watched) {
      const probe = await this.keep(w)
      record.probes.push(probe)
      const failed = await this.judge(probe)
      if (failed) return failed
    }
    return undefined
  }

  /**
   * Keeps what a watched probe's samples are evidence of: a hang's samples
   * (one more, waiting for a py-spy install, when there are none), or a slow
   * probe's for the stall analysis.
   */
  private async keep({ probe, samples }: WatchedProbe): Promise<ProbeResult> {
    if (probe.outcome === 'timeout') {
      const where = `${probe.phase}${probe.cycle ? `, cycle ${probe.cycle}` : ''}`
      this.run.logger.info(
        `${this.settings.healthPath} gave no answer within ${formatDuration(this.settings.healthTimeoutMs)} (${this.what}, ${where}); capturing stacks`
      )
      this.run.progress({ kind: 'capturing' })
      const taken = samples.some(t => t.sample.processes.length > 0)
        ? samples
        : [...samples, await this.run.takeSample(INSTALL_WAIT_AT_HANG_MS)]
      this.hangSamples = taken.filter((t): t is Taken => t !== undefined)
      this.run.keepEvidence(this.hangSamples)
    } else if (probe.outcome === 'ok' && probe.latencyMs >= this.settings.stallThresholdMs) {
      const usable = samples.filter(t => t.sample.processes.length > 0)
      if (usable.length === 0) this.unsampledSlowProbes++
      this.slowProbes.push({ probe, samples: usable.map(t => t.sample) })
      this.run.keepEvidence(usable)
    }
    return probe
  }

  /** The conclusion a probe implies, or undefined when it answered 2xx in time. */
  private async judge(probe: ProbeResult): Promise<Conclusion | undefined> {
    const { settings } = this
    const when = describeWhen(probe.phase, probe.cycle, settings.cycles, this.what)
    switch (probe.outcome) {
      case 'ok':
        return undefined
      case 'timeout':
        return {
          verdict: 'hung',
          headline: `\`${settings.healthPath}\` gave no answer within ${formatDuration(this.settings.healthTimeoutMs)} ${when}.`,
          extra: { hang: { phase: probe.phase, cycle: probe.cycle, probe } }
        }
      case 'unreachable': {
        const exit = await exitWithin(this.run.app, EXIT_GRACE_MS)
        if (exit)
          return {
            verdict: 'crashed',
            headline: `The app exited (${describeExit(exit)}) ${when}.`,
            extra: { appExit: exit }
          }
        return {
          verdict: 'unhealthy',
          headline: `Nothing answered at ${this.settings.baseUrl}${this.settings.healthPath} (${probe.detail}) ${when}.`,
          extra: { unhealthyProbe: probe }
        }
      }
      case 'http-error':
        return {
          verdict: 'unhealthy',
          headline: `\`${settings.healthPath}\` answered ${probe.status ? `HTTP ${probe.status}` : `with an error (${probe.detail})`} ${when}.`,
          extra: { unhealthyProbe: probe }
        }
    }
  }

  /** This route's result. */
  assemble(verdictAtMs: number, startupMs: number | undefined, method: string): RouteResult {
    const { settings } = this
    const { verdict } = this.conclusion
    const probes = probesOf({ baseline: this.baseline, cycles: this.cycles })
    const cycles = this.cycles.filter(c => c.cycle > 0).length
    const headline =
      verdict === 'healthy'
        ? `\`${settings.healthPath}\` answered all ${probes.length} probes within ${formatDuration(this.settings.healthTimeoutMs)} over ${cycles} cycle${cycles === 1 ? '' : 's'} of opening and aborting \`${this.what}\`.`
        : this.conclusion.headline

    let capture: Capture | undefined
    const samples = this.hangSamples.map(t => t.sample)
    if (verdict === 'hung' || this.slowProbes.some(s => s.samples.length > 0)) {
      const captured = samples.some(s => s.processes.length > 0)
      const why =
        samples.flatMap(s => s.failures.map(f => f.reason))[0] ??
        this.run.captureProblem() ??
        (startupMs === undefined ? 'the app never became healthy' : 'py-spy was still being installed')
      capture = { method, samples, ...(captured || verdict !== 'hung' ? {} : { unavailable: why }) }
    }
    const settle = settleWarning(this.settings, this.longestGapMs)
    if (settle) this.warnings.push(settle)
    if (this.unsampledSlowProbes > 0) {
      this.warnings.push(
        `${this.unsampledSlowProbes} probe(s) took ${formatDuration(settings.stallThresholdMs)} (stall-threshold) or more, but no stacks could be taken while they waited, so a stall of the loop cannot be told from a busy machine${this.run.captureProblem() ? ` (${this.run.captureProblem()})` : ''}.`
      )
    }
    return {
      route: this.route,
      streams: this.streams,
      verdict,
      ...(startupMs !== undefined ? { startupMs } : {}),
      verdictAtMs,
      healthTimeoutMs: settings.healthTimeoutMs,
      baseline: this.baseline,
      cycles: this.cycles,
      cyclesPlanned: settings.cycles,
      headline,
      warnings: this.warnings,
      slowProbes: this.slowProbes,
      stalls: [],
      stallThresholdMs: settings.stallThresholdMs,
      settle: {
        ms: settleWindowMs(settings.settleMs, this.longestGapMs, settings.healthTimeoutMs),
        given: settings.settleMs !== undefined,
        ...(this.longestGapMs !== undefined ? { longestGapMs: Math.round(this.longestGapMs) } : {})
      },
      ...(capture ? { capture } : {}),
      ...this.conclusion.extra
    }
  }
}

/** Why the next routes cannot be checked after this one, when it left the app hung, crashed or failing (no healthy baseline is possible). */
export function leftBroken(check: Pick<RouteCheck, 'verdict' | 'route'>): string | undefined {
  return VERDICT_RANK[check.verdict] >= VERDICT_RANK.unhealthy
    ? `the app was left ${check.verdict} by \`${routeLabel(check.route)}\``
    : undefined
}
