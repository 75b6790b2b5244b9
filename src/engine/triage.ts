// The engine: starts the app, waits for it to answer, finds the routes to
// check (named, or found by discovery), and checks each one after another on
// the same app: baseline probes, then the open/abort cycles with the loop
// watched, and stacks captured when a probe hangs or is slow. It always
// stops the app. It returns what it observed; it knows nothing of GitHub or
// of the terminal.

import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as path from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { formatThread, type StackEvidence } from '../analysis/py-spy-dump.js'
import { attachApp, exitOf, exitWithin, readLogTail, startApp, stopApp, type AppIdentity, type AppProcess, type StopReport } from './app-process.js'
import { CaptureChain, type Taken } from '../capture/capture.js'
import { candidatesFrom, fetchOpenApi } from './discovery.js'
import { installFaulthandlerHook } from '../capture/faulthandler-hook.js'
import { formatDuration, type Settings } from '../inputs.js'
import type { Logger } from '../logger.js'
import { Heartbeat, settleShortfallMs, settleWindowMs, watchedProbe, type LoopWatchOptions, type WatchedProbe } from './loop-watch.js'
import {
  probesOf,
  routeLabel,
  VERDICT_RANK,
  worstOf,
  type AppExit,
  type Capture,
  type CycleResult,
  type Discovery,
  type ProbePhase,
  type ProbeResult,
  type Route,
  type RunResult,
  type SlowProbe,
  type TriageResult,
  type Verdict
} from '../model.js'
import { probeHealth } from './probe.js'
import { PINNED_PY_SPY, type PySpyPins } from '../capture/py-spy-install.js'
import { commandLine, isAlive, listenersOnPort } from './process-table.js'
import { openStream, StreamRouteError } from './stream.js'

export interface TriageOptions {
  settings: Settings
  logger: Logger
  /** an empty directory for the evidence: the app log and the captured stacks */
  workDir: string
  /** a directory for what is not evidence: the faulthandler hook, a py-spy installed with pip */
  scratchDir: string
  /** the app's environment */
  env: NodeJS.ProcessEnv
  /** called once the app's process exists, so the caller can arrange cleanup if it is torn down */
  onAppStarted?: (app: AppIdentity) => void
  /** probe an app that runs already, with this pid, instead of starting one; it is left running */
  attachPid?: number
  /** what the run is doing, for a live display */
  onProgress?: (event: ProgressEvent) => void
  /** the py-spy pins to install from; the bundled ones unless a maintainer points at others */
  pySpyPins?: PySpyPins
  /** find the routes and stop there: no cycles (the command line's --list-routes) */
  listOnly?: boolean
}

/** Moments of a run, for a live display (the command line's countdown). */
export type ProgressEvent =
  | { kind: 'probe-sent'; phase: ProbePhase; cycle: number; timeoutMs: number }
  | { kind: 'probe-answered'; phase: ProbePhase; cycle: number; outcome: ProbeResult['outcome']; latencyMs: number }
  | { kind: 'capturing' }

export interface TriageOutcome {
  /** the run as the engine saw it; the verdict still to be judged for stalls (investigation) */
  run: RunResult
  /** the captured stacks as py-spy printed them, when any were captured */
  dumpPath?: string
  stop: StopReport
}

const BASELINE_PROBES = 3
const STARTUP_POLL_MS = 10
const PORT_CHECK_TIMEOUT_MS = 1000
/** How long a refused probe waits for the app's exit before calling it unhealthy rather than crashed. */
const EXIT_GRACE_MS = 200
const LOG_TAIL_LINES = 40
/** At a hang with nothing else to capture with, how long to wait for a py-spy install still running. */
const INSTALL_WAIT_AT_HANG_MS = 30_000
/** Between SIGTERM and SIGKILL when stopping the app. */
const GRACE_MS = { hung: 250, other: 3000 }
/** How long discovery waits for a route's headers when it opens it to see whether it streams. */
export const SNIFF_MS = 2000

/** How one route's check ended, before the files. */
interface Conclusion {
  verdict: Verdict
  headline: string
  extra?: Partial<TriageResult>
}

/** What a run may take beyond its inputs: capture (an install, a dump retried with sudo), stopping the app, the report. */
export const TIME_MARGIN_MS = 60_000
/** Per cycle, for the samples a slow probe waits for once it has its answer. */
export const CYCLE_SAMPLE_MARGIN_MS = 1000

/**
 * The longest a run can take, whatever the app does: the port check, the
 * start-up, then for each route (those named, else up to max-routes found by
 * discovery) its baseline probes and cycles, each cycle's streams
 * (abort-after), the probe that confirms the loop answers while they are
 * open, the settle window after the disconnect with the probe in flight at
 * its end, and the samples of slow probes; discovery's OpenAPI request and
 * its sniffs, each a fixed wait for headers and a settle window; then a fixed
 * margin. The action enforces it with a watchdog.
 */
export function timeBoundMs(settings: Settings): number {
  const settle = settings.settleMs ?? settings.healthTimeoutMs
  const cycle = settings.abortAfterMs + settle + 2 * settings.healthTimeoutMs + CYCLE_SAMPLE_MARGIN_MS
  const route = BASELINE_PROBES * settings.healthTimeoutMs + settings.cycles * cycle
  const named = settings.routes.length
  const discovery = named > 0 ? 0 : settings.healthTimeoutMs + settings.maxRoutes * (SNIFF_MS + settle + settings.healthTimeoutMs + CYCLE_SAMPLE_MARGIN_MS)
  return PORT_CHECK_TIMEOUT_MS + settings.startupTimeoutMs + (named || settings.maxRoutes) * route + discovery + TIME_MARGIN_MS
}

export function runTriage(options: TriageOptions): Promise<TriageOutcome> {
  return new TriageRun(options).run()
}

/** One app, started (or attached to) once, and every route checked on it. */
class TriageRun {
  readonly settings: Settings
  readonly logger: Logger
  private readonly started = performance.now()
  readonly healthUrl: string
  readonly timeout: string
  private readonly appLogPath: string

  app: AppProcess | undefined
  private startupMs: number | undefined
  private readonly warnings: string[] = []
  /** every sample kept as evidence (of slow probes and of unanswered ones), with py-spy's or faulthandler's output */
  readonly taken: Taken[] = []
  readonly watch: LoopWatchOptions
  private readonly captureWarnings = new Set<string>()
  readonly capture: CaptureChain
  private readonly appEnv: NodeJS.ProcessEnv
  /** the checks made, in order; a route discovery sniffed has its check from the sniff on */
  private readonly checks: RouteCheck[] = []
  private readonly notChecked: RunResult['notChecked'] = []
  private discovery: Discovery | undefined

  constructor(readonly options: TriageOptions) {
    this.settings = options.settings
    this.logger = options.logger
    this.healthUrl = this.settings.baseUrl + this.settings.healthPath
    this.timeout = formatDuration(this.settings.healthTimeoutMs)
    this.appLogPath = path.join(options.workDir, 'app.log')
    // the faulthandler hook goes in at the start: it must be loaded by the app's interpreters
    // (an app that runs already cannot be given it)
    const hook =
      this.settings.capture === 'py-spy' || options.attachPid !== undefined ? undefined : installFaulthandlerHook(options.scratchDir, options.env)
    this.appEnv = hook ? { ...options.env, ...hook.env } : options.env
    this.capture = new CaptureChain({
      mode: this.settings.capture,
      pySpy: this.settings.pySpy,
      install: { pins: options.pySpyPins ?? PINNED_PY_SPY, version: this.settings.pySpyVersion },
      logger: this.logger,
      ...(hook ? { hook } : {})
    })
    this.watch = {
      healthUrl: this.healthUrl,
      timeoutMs: this.settings.healthTimeoutMs,
      stallThresholdMs: this.settings.stallThresholdMs,
      // only a capture that can answer now: waiting for an install would hold up a probe that answers
      sample: () => (this.capture.ready ? this.takeSample() : Promise.resolve(undefined)),
      clock: () => this.at(),
      onProbeSent: (phase, cycle) => this.options.onProgress?.({ kind: 'probe-sent', phase, cycle, timeoutMs: this.settings.healthTimeoutMs }),
      onProbeAnswered: probe =>
        this.options.onProgress?.({ kind: 'probe-answered', phase: probe.phase, cycle: probe.cycle, outcome: probe.outcome, latencyMs: probe.latencyMs })
    }
  }

  at(): number {
    return performance.now() - this.started
  }

  async run(): Promise<TriageOutcome> {
    let failed: Conclusion | undefined
    let worst: Verdict = 'healthy'
    let verdictAtMs: number
    let stop: StopReport = { terminated: 0, killed: 0, survivors: [] }
    try {
      failed = await this.conclude()
      verdictAtMs = this.at()
      worst = failed?.verdict ?? worstOf(this.checks)?.verdict ?? 'healthy'
      const slow = this.checks.reduce((n, c) => n + c.slowProbes.length, 0)
      // a run whose probes all answered may still have stalled: the analysis judges its slow probes
      const judged = worst === 'healthy' && slow > 0 ? `healthy or stalled: ${slow} slow probe(s) to judge` : worst
      this.logger.info(`Reached the verdict (${judged}) after ${formatDuration(verdictAtMs)}; stopping the app`)
    } finally {
      // a hung loop cannot run its shutdown handlers; there is no point in a long grace
      // an app we attached to is someone else's: it is left running
      if (this.app && this.options.attachPid === undefined) {
        stop = await this.stop(this.app, worst === 'hung' ? GRACE_MS.hung : GRACE_MS.other)
      }
    }
    return this.assemble(failed, verdictAtMs, stop)
  }


  /** The run: the app up, the routes found, each route checked. A Conclusion only when the app never came up. */
  private async conclude(): Promise<Conclusion | undefined> {
    const { settings, logger } = this
    const app = await this.startOrAttach()
    if ('verdict' in app) return app

    const startup = await this.waitUntilHealthy(app)
    if (startup) return startup
    this.startupMs = this.at()
    logger.info(`The app answered ${settings.healthPath} after ${formatDuration(this.startupMs)}`)
    // find (or install) py-spy while the routes are checked, so that a hang finds it ready
    this.capture.prepare(app, path.join(this.options.scratchDir, 'py-spy'))

    const routes = settings.routes.length > 0 ? settings.routes.map(route => new RouteCheck(this, route, true)) : await this.discover(app)
    if (this.options.listOnly) return undefined
    let leftBy: string | undefined
    for (const [index, check] of routes.entries()) {
      if (index >= settings.maxRoutes) {
        this.notChecked.push({ route: check.route, reason: `max-routes (${settings.maxRoutes}) cut it; raise max-routes to check it` })
        continue
      }
      if (leftBy) {
        this.notChecked.push({ route: check.route, reason: leftBy })
        continue
      }
      if (!this.checks.includes(check)) this.checks.push(check)
      await check.check(app)
      leftBy = leftBroken(check)
    }
    return undefined
  }

  /**
   * The streaming routes the app's OpenAPI document declares, and those found
   * by opening every other GET operation without required parameters once.
   * Closing a sniffed route is a disconnect: each sniff is watched as any
   * abort is, and a route that blocks the loop then is a finding of its own.
   */
  private async discover(app: AppProcess): Promise<RouteCheck[]> {
    const { settings, logger } = this
    const document = await fetchOpenApi(settings.baseUrl + settings.openapiPath, settings.healthTimeoutMs)
    const candidates = candidatesFrom(document, { exclude: settings.excludePaths, healthPath: settings.healthPath, openapiPath: settings.openapiPath })
    const found = candidates.declared.map(route => new RouteCheck(this, route, true))
    const leftAside = [...candidates.leftAside]
    let sniffed = 0
    let leftBy: string | undefined
    for (const route of candidates.toSniff) {
      if (leftBy) {
        leftAside.push(`${routeLabel(route)}: not opened, ${leftBy}`)
        continue
      }
      if (sniffed >= settings.maxRoutes) {
        leftAside.push(`${routeLabel(route)}: not opened, max-routes (${settings.maxRoutes}) cut discovery short`)
        continue
      }
      sniffed++
      const check = new RouteCheck(this, route, false)
      await check.sniff(app)
      if (check.streams) found.push(check)
      // kept now only for what its sniff did to the loop (judged later); a stream is kept when its cycles run
      if (check.verdict !== 'healthy' || check.slowProbes.length > 0) this.checks.push(check)
      leftBy = leftBroken(check)
    }
    const discovery: Discovery = {
      openapiPath: settings.openapiPath,
      routes: found.map(c => c.route),
      declared: candidates.declared.length,
      sniffed,
      sniffedStreams: found.length - candidates.declared.length,
      leftAside
    }
    this.discovery = discovery
    logger.info(
      `Discovery: ${discovery.openapiPath} declares ${discovery.declared} streaming route(s); ${discovery.sniffed} GET route(s) opened, ${discovery.sniffedStreams} of them streaming` +
        (discovery.routes.length > 0 ? `: ${discovery.routes.map(routeLabel).join(', ')}` : '')
    )
    if (leftBy) {
      // the app is hung or gone: what discovery found cannot be checked
      for (const check of found.filter(c => !this.checks.includes(c))) this.notChecked.push({ route: check.route, reason: leftBy })
      return []
    }
    return found
  }

  /** Starts the app, or attaches to the one at attachPid; a Conclusion when that fails. */
  private async startOrAttach(): Promise<AppProcess | Conclusion> {
    const { settings, logger } = this
    const attachPid = this.options.attachPid
    if (attachPid !== undefined) {
      if (!isAlive(attachPid)) return { verdict: 'startup-failed', headline: `No process with pid ${attachPid} runs.` }
      logger.info(`Attaching to pid ${attachPid} (${commandLine(attachPid)}); it is left running`)
      this.app = attachApp(attachPid)
      return this.app
    }
    // probing a program that is not ours would diagnose the wrong process
    const occupied = await portInUse(settings.baseUrl)
    if (occupied) return { verdict: 'startup-failed', headline: occupied }

    logger.info(`Starting the app in ${settings.workingDirectory}: ${settings.startCommand}`)
    const app = startApp({
      command: settings.startCommand,
      cwd: settings.workingDirectory,
      env: this.appEnv,
      logPath: this.appLogPath,
      marker: randomUUID()
    })
    this.app = app
    this.options.onAppStarted?.({ pid: app.pid, marker: app.marker })
    return app
  }

  /** Polls the health route briskly until it answers 2xx; a Conclusion when it never does. */
  private async waitUntilHealthy(app: AppProcess): Promise<Conclusion | undefined> {
    const { settings } = this
    const deadline = performance.now() + settings.startupTimeoutMs
    let last = ''
    while (performance.now() < deadline) {
      const exited = exitOf(app)
      if (exited) {
        return { verdict: 'startup-failed', headline: this.startupExitHeadline(exited), extra: { appExit: exited } }
      }
      const remaining = deadline - performance.now()
      const answer = await probeHealth(this.healthUrl, Math.max(1, Math.min(settings.healthTimeoutMs, remaining)))
      if (answer.outcome === 'ok') return undefined
      if (answer.outcome === 'http-error' && answer.status === 404) {
        return {
          verdict: 'startup-failed',
          headline: `\`${settings.healthPath}\` answered HTTP 404: the app runs but has no such route. Set health-path to a route that answers 2xx.`
        }
      }
      const now = answer.outcome === 'http-error' ? `HTTP ${answer.status}` : (answer.detail ?? answer.outcome)
      if (now !== last) this.logger.debug(`waiting for ${this.healthUrl}: ${now}`)
      last = now
      if (answer.outcome === 'unreachable') await Promise.race([delay(STARTUP_POLL_MS), app.exited])
    }
    return {
      verdict: 'startup-failed',
      headline: `\`${settings.healthPath}\` did not answer 2xx within the startup-timeout of ${formatDuration(settings.startupTimeoutMs)} (last: ${last || 'no answer'}).`
    }
  }

  /** Why the app exited before it answered, naming start-command when the shell could not run it. */
  private startupExitHeadline(exit: AppExit): string {
    const { startCommand, healthPath } = this.settings
    const program = startCommand.trim().split(/\s+/).find(word => !/^\w+=/.test(word)) ?? startCommand
    // the shell's own exit codes: 127 command not found, 126 found but not executable
    if (exit.code === 127) {
      return `start-command: \`${program}\` was not found (the shell exited with 127). Install it in an earlier step, or give its path; for a virtualenv, e.g. \`.venv/bin/${program}\`.`
    }
    if (exit.code === 126) return `start-command: \`${program}\` could not be executed (the shell exited with 126): is it executable?`
    return `The app exited (${describeExit(exit)}) before \`${healthPath}\` answered.`
  }

  async takeSample(waitForInstallMs = 0): Promise<Taken | undefined> {
    if (!this.app) return undefined
    const taken = await this.capture.take(this.app, this.at(), waitForInstallMs)
    for (const failure of taken?.sample.failures ?? []) {
      // a slow probe is sampled every 100–200 ms: say each failure once, not once a sample
      const warning = `Could not capture pid ${failure.pid} (${failure.command}): ${failure.reason}`
      if (this.captureWarnings.has(warning)) continue
      this.captureWarnings.add(warning)
      this.logger.warning(warning)
    }
    return taken
  }

  private async stop(app: AppProcess, graceMs: number): Promise<StopReport> {
    const before = this.at()
    const stop = await stopApp(app, graceMs)
    if (stop.survivors.length > 0) this.warnings.push(`Processes ${stop.survivors.join(', ')} of the app survived SIGKILL.`)
    this.logger.debug(`stopped the app in ${formatDuration(this.at() - before)}: ${JSON.stringify(stop)}`)
    return stop
  }

  /** The result of the run, and the stacks written as evidence. */
  private assemble(failed: Conclusion | undefined, verdictAtMs: number, stop: StopReport): TriageOutcome {
    const method = this.capture.describe() ?? 'none'
    const routes = this.checks.map(check => check.assemble(verdictAtMs, this.startupMs, method))
    const dumped = this.taken.filter(t => t.raw.length > 0)
    let dumpPath: string | undefined
    if (dumped.length > 0) {
      dumpPath = path.join(this.options.workDir, 'stacks.json')
      const evidence: StackEvidence = { method, samples: dumped.map(t => ({ takenAtMs: t.sample.takenAtMs, dumps: t.raw })) }
      fs.writeFileSync(dumpPath, JSON.stringify(evidence, null, 2))
      fs.writeFileSync(path.join(this.options.workDir, 'stacks.txt'), stacksAsText(method, dumped.map(t => t.sample)))
    }
    this.warnings.push(...this.capture.warnings)
    const worst = worstOf(routes)
    const appExit = failed?.extra?.appExit ?? routes.find(r => r.appExit)?.appExit
    const run: RunResult = {
      verdict: failed?.verdict ?? worst?.verdict ?? 'healthy',
      headline: failed?.headline ?? worst?.headline ?? 'No route was checked.',
      ...(worst && !failed ? { decisive: routes.indexOf(worst) } : {}),
      routes,
      notChecked: this.notChecked,
      ...(this.discovery ? { discovery: this.discovery } : {}),
      ...(this.startupMs !== undefined ? { startupMs: this.startupMs } : {}),
      verdictAtMs,
      healthTimeoutMs: this.settings.healthTimeoutMs,
      ...(appExit ? { appExit } : {}),
      appLogPath: this.appLogPath,
      appLogTail: readLogTail(this.appLogPath, LOG_TAIL_LINES),
      warnings: this.warnings
    }
    return { run, stop, ...(dumpPath ? { dumpPath } : {}) }
  }
}

/**
 * One route's check: its baseline probes and cycles, or, for a route
 * discovery opens to see whether it streams, that one sniff. What its probes
 * and samples show is its own.
 */
class RouteCheck {
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
    private readonly run: TriageRun,
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
  async check(app: AppProcess): Promise<void> {
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
        failed = await this.runCycle(app, cycle)
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
  async sniff(app: AppProcess): Promise<void> {
    const { settings } = this
    const record: CycleResult = { cycle: 0, streams: [], probes: [] }
    this.cycles.push(record)
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
    this.streams = await stream.responded
    record.streams = [stream.abort()]
    const exited = exitOf(app)
    if (exited) {
      return this.conclude({ verdict: 'crashed', headline: `The app exited (${describeExit(exited)}) when discovery opened \`${this.what}\`.`, extra: { appExit: exited } })
    }
    const after = new Heartbeat(this.run.watch, 'after-sniff', 0)
    await Promise.race([delay(settleWindowMs(settings.settleMs, undefined, settings.healthTimeoutMs)), after.failed])
    await after.stop()
    const failed = await this.record(record, after.probes)
    if (failed) this.conclude(failed)
  }

  /**
   * Opens the streams and watches the loop from their first event until a
   * settle window has passed after the disconnect: long enough for a server
   * that notices a disconnect only at its next write to reach that write.
   */
  private async runCycle(app: AppProcess, cycle: number): Promise<Conclusion | undefined> {
    const { settings } = this
    const record: CycleResult = { cycle, streams: [], probes: [] }
    this.cycles.push(record)
    const exited = exitOf(app)
    if (exited) {
      return { verdict: 'crashed', headline: `The app exited (${describeExit(exited)}) before cycle ${cycle} of \`${this.what}\`.`, extra: { appExit: exited } }
    }
    this.run.logger.info(`Cycle ${cycle}/${settings.cycles}: opening ${settings.concurrency} × ${this.what}`)
    const streams = Array.from({ length: settings.concurrency }, (_, i) =>
      openStream(
        {
          url: settings.baseUrl + this.route.path,
          method: this.route.method,
          headers: settings.streamHeaders,
          body: this.route.body ?? (this.route.found === 'named' ? settings.streamBody : ''),
          abortAfterEvents: settings.abortAfterEvents,
          abortAfterMs: settings.abortAfterMs
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
    try {
      await Promise.all(streams.map(s => s.responded))
    } catch (error) {
      disconnectAll()
      throw error
    }

    // watched from the first event while the streams are open; before the disconnect, one
    // probe is answered after every stream has had its events, so a call that blocks
    // between two events is caught while the stream is still open
    await Promise.race(streams.map(s => s.firstEvent))
    const during = new Heartbeat(this.run.watch, 'during-stream', cycle)
    await Promise.race([Promise.all(streams.map(s => s.abortable)), during.failed])
    if (!during.failure) await during.nextProbe()
    await during.stop()
    const failedDuring = await this.record(record, during.probes)
    disconnectAll()
    if (failedDuring) return failedDuring

    const settleMs = settleWindowMs(settings.settleMs, this.longestGapMs, settings.healthTimeoutMs)
    const after = new Heartbeat(this.run.watch, 'after-abort', cycle)
    await Promise.race([delay(settleMs), after.failed])
    await after.stop()
    this.noteStreamWarnings(record)
    const failedAfter = await this.record(record, after.probes)
    const slowest = Math.max(...record.probes.map(p => p.latencyMs))
    this.run.logger.debug(`cycle ${cycle}: ${record.probes.length} probes, slowest ${Math.round(slowest)} ms, watched ${formatDuration(settleMs)} after the disconnect`)
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
      this.run.logger.info(`${this.settings.healthPath} gave no answer within ${this.run.timeout} (${this.what}, ${where}); capturing stacks`)
      this.run.options.onProgress?.({ kind: 'capturing' })
      const taken = samples.some(t => t.sample.processes.length > 0) ? samples : [...samples, await this.run.takeSample(INSTALL_WAIT_AT_HANG_MS)]
      this.hangSamples = taken.filter((t): t is Taken => t !== undefined)
      this.run.taken.push(...this.hangSamples)
    } else if (probe.outcome === 'ok' && probe.latencyMs >= this.settings.stallThresholdMs) {
      const usable = samples.filter(t => t.sample.processes.length > 0)
      if (usable.length === 0) this.unsampledSlowProbes++
      this.slowProbes.push({ probe, samples: usable.map(t => t.sample) })
      this.run.taken.push(...usable)
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
          headline: `\`${settings.healthPath}\` gave no answer within ${this.run.timeout} ${when}.`,
          extra: { hang: { phase: probe.phase, cycle: probe.cycle, probe } }
        }
      case 'unreachable': {
        const exit = this.run.app ? await exitWithin(this.run.app, EXIT_GRACE_MS) : undefined
        if (exit) return { verdict: 'crashed', headline: `The app exited (${describeExit(exit)}) ${when}.`, extra: { appExit: exit } }
        return { verdict: 'unhealthy', headline: `Nothing answered at ${this.run.healthUrl} (${probe.detail}) ${when}.`, extra: { unhealthyProbe: probe } }
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
  assemble(verdictAtMs: number, startupMs: number | undefined, method: string): TriageResult {
    const { settings } = this
    const { verdict } = this.conclusion
    const probes = probesOf({ baseline: this.baseline, cycles: this.cycles })
    const cycles = this.cycles.filter(c => c.cycle > 0).length
    const headline =
      verdict === 'healthy'
        ? `\`${settings.healthPath}\` answered all ${probes.length} probes within ${this.run.timeout} over ${cycles} cycle${cycles === 1 ? '' : 's'} of opening and aborting \`${this.what}\`.`
        : this.conclusion.headline

    let capture: Capture | undefined
    const samples = this.hangSamples.map(t => t.sample)
    if (verdict === 'hung' || this.slowProbes.some(s => s.samples.length > 0)) {
      const captured = samples.some(s => s.processes.length > 0)
      const why = samples.flatMap(s => s.failures.map(f => f.reason))[0] ?? this.run.capture.problem ?? (startupMs === undefined ? 'the app never became healthy' : 'py-spy was still being installed')
      capture = { method, samples, ...(captured || verdict !== 'hung' ? {} : { unavailable: why }) }
    }
    this.noteSettle()
    if (this.unsampledSlowProbes > 0) {
      this.warnings.push(
        `${this.unsampledSlowProbes} probe(s) took ${formatDuration(settings.stallThresholdMs)} (stall-threshold) or more, but no stacks could be taken while they waited, so a stall of the loop cannot be told from a busy machine${this.run.capture.problem ? ` (${this.run.capture.problem})` : ''}.`
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

  /** When the stream's events come further apart than the settle window's cap, a late-noticed disconnect may go unseen: say so. */
  private noteSettle(): void {
    const wanted = settleShortfallMs(this.settings.settleMs, this.longestGapMs, this.settings.healthTimeoutMs)
    if (wanted === undefined) return
    this.warnings.push(
      `The stream's events came up to ${formatDuration(this.longestGapMs ?? 0)} apart, and the watch after each disconnect lasted ${formatDuration(this.settings.healthTimeoutMs)} (health-timeout): ` +
        `a hang that begins at the app's next send, as with servers that notice a disconnect only when they write (aiohttp, ASGI 2.4 under Starlette), could not be seen. ` +
        `Set settle to ${formatDuration(wanted)} or more to watch that long.`
    )
  }

  private noteStreamWarnings(record: CycleResult): void {
    const abortAfter = formatDuration(this.settings.abortAfterMs)
    for (const stream of record.streams) {
      const label = `Cycle ${record.cycle}, stream ${stream.index}`
      if (stream.status === undefined) {
        this.warnings.push(`${label}: no response headers within abort-after (${abortAfter}); it was aborted before it answered.`)
      } else if (stream.end === 'ended-by-server') {
        this.warnings.push(
          `${label}: the server ended the stream after ${stream.events} event(s) before the client disconnected, so the disconnect path was not exercised. Lower abort-after-events or abort-after.`
        )
      } else if (stream.end === 'failed') {
        this.warnings.push(`${label}: the stream failed (${stream.detail ?? 'unknown error'}).`)
      } else if (stream.events === 0) {
        this.warnings.push(`${label}: no SSE event arrived within abort-after (${abortAfter}).`)
      }
    }
  }
}

/** Why the next routes cannot be checked after this one, when it left the app hung, crashed or failing (no healthy baseline is possible). */
function leftBroken(check: RouteCheck): string | undefined {
  return VERDICT_RANK[check.verdict] >= VERDICT_RANK.unhealthy ? `the app was left ${check.verdict} by \`${routeLabel(check.route)}\`` : undefined
}

/** Every sample in py-spy's text layout, for people and for tools that read that layout. */
function stacksAsText(method: string, samples: Capture['samples']): string {
  return samples
    .filter(s => s.processes.length > 0)
    .map(sample =>
      [
        `# sample at ${formatDuration(sample.takenAtMs)}, ${method}`,
        ...sample.processes.map(p => [`Process ${p.pid}: ${p.command}`, ...p.threads.map(formatThread)].join('\n\n'))
      ].join('\n\n')
    )
    .join('\n\n')
    .concat('\n')
}

/** A message naming what already listens where the app should, or undefined when the port is free. */
async function portInUse(baseUrl: string): Promise<string | undefined> {
  const url = new URL(baseUrl)
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const listening = await new Promise<boolean>(resolve => {
    const socket = net.connect({ host, port })
    const done = (result: boolean): void => {
      socket.destroy()
      resolve(result)
    }
    socket.setTimeout(PORT_CHECK_TIMEOUT_MS, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
  if (!listening) return undefined
  const holders = listenersOnPort(port)
  const who = holders.length > 0 ? ` (held by ${holders.map(h => `pid ${h.pid}: ${h.command}`).join('; ')})` : ''
  return `Port ${port} is already in use${who} before the app was started, so the probes would reach another program. Stop it, or give the app another port in start-command and base-url.`
}

function describeExit(exit: AppExit): string {
  if (exit.signal) return `killed by ${exit.signal}`
  // an app we attached to: its exit status is its parent's to read
  return exit.code === null ? 'exit status unknown' : `exit code ${exit.code}`
}

/** When in the run a probe went out, as a headline says it. */
export function describeWhen(phase: ProbePhase, cycle: number, cycles: number, what: string): string {
  switch (phase) {
    case 'baseline':
      return `before \`${what}\` was opened (baseline)`
    case 'during-stream':
      return `while \`${what}\` was streaming (cycle ${cycle} of ${cycles})`
    case 'after-abort':
      return `right after the client disconnected from \`${what}\` (cycle ${cycle} of ${cycles})`
    case 'after-sniff':
      return `right after discovery opened and closed \`${what}\` to see whether it streams`
  }
}
