// The conductor: the order of a run and nothing else. Start the app (or
// attach to it) and wait for health, find the routes (named, or by
// discovery), check each in turn (route-check.ts), stop the app, and hand
// back what was observed with the stacks written as evidence. It knows
// nothing of GitHub or of the terminal; the judging is investigation.ts's.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { CaptureChain, type Taken } from '../capture/capture.js'
import { installFaulthandlerHook } from '../capture/faulthandler-hook.js'
import type { PySpySupply } from '../capture/py-spy-locate.js'
import { formatDuration } from '../core/durations.js'
import type { Logger } from '../core/logger.js'
import {
  IDLE_ROUTE,
  routeLabel,
  worstOf,
  type Conclusion,
  type Discovery,
  type ProgressEvent,
  type Restart,
  type Route,
  type RunResult,
  type Verdict
} from '../core/model.js'
import type { Settings } from '../core/settings.js'
import { readLogTail, stopApp, type AppIdentity, type AppProcess, type StopReport } from '../os/app-process.js'
import { shareOf } from '../analysis/route-candidates.js'
import { discoverRoutes } from './discovery.js'
import { writeStacks } from './evidence.js'
import type { LoopWatchOptions } from './loop-watch.js'
import { leftBroken, RouteCheck } from './route-check.js'
import { startOrAttach, waitUntilHealthy } from './start-up.js'
import { restartBoundMs, routeBoundMs, stopGraceMs, TIME_MARGIN_MS } from './time-bound.js'
import type { Restarter, RouteCheckContext } from './route-context.js'

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
  /** the run's py-spy, found or installed once for the app and a fix's try; the caller closes it */
  pySpy: PySpySupply
  /** find the routes and stop there: no cycles (the command line's --list-routes) */
  listOnly?: boolean
  /** when (performance.now()) the whole run must be over: the watchdog's bound; a start again is made only if it fits */
  deadlineMs?: number
  /** the app is a scratch copy of ours (verify-fix): its shutdown is nobody's, so it is killed at once at the end */
  disposable?: boolean
}

/** What the engine observed: the run, before its stalls are judged (investigation.ts). */
export interface Observation {
  run: RunResult
  /** the captured stacks as py-spy printed them, when any were captured */
  dumpPath?: string
  stop: StopReport
}

const LOG_TAIL_LINES = 40
/** How long a start again waits for the stopped app's port to come free. */
const PORT_FREE_WITHIN_MS = 5000

export function runTriage(options: TriageOptions): Promise<Observation> {
  return new TriageRun(options).run()
}

/**
 * The route loop's rules: routes past max-routes are cut, and once a route
 * leaves the app hung, crashed or failing, the app is started again (when
 * `restart` can) and the rest are checked on it; when it cannot, the rest
 * are not checked. What was not checked, with why.
 */
export async function checkInTurn<C extends { route: Route; verdict: Verdict }>(
  checks: C[],
  maxRoutes: number,
  check: (c: C) => Promise<void>,
  restart?: Restarter
): Promise<RunResult['notChecked']> {
  const notChecked: RunResult['notChecked'] = []
  let leftBy: string | undefined
  for (const [index, c] of checks.entries()) {
    if (index >= maxRoutes) {
      notChecked.push({ route: c.route, reason: `max-routes (${maxRoutes}) cut it; raise max-routes to check it` })
      continue
    }
    if (leftBy) {
      notChecked.push({ route: c.route, reason: leftBy })
      continue
    }
    await check(c)
    const broken = leftBroken(c)
    // the last route checked needs no app after it
    const more = checks.slice(index + 1, maxRoutes).length > 0
    if (broken && more) leftBy = restart ? await restart(c) : broken
  }
  return notChecked
}

/** One app, started (or attached to) once, and every route checked on it. */
class TriageRun {
  private readonly settings: Settings
  private readonly logger: Logger
  private readonly started = performance.now()
  private readonly appLogPath: string
  private app: AppProcess | undefined
  private startupMs: number | undefined
  private readonly warnings: string[] = []
  /** every sample kept as evidence (of slow probes and of unanswered ones), with py-spy's or faulthandler's output */
  private readonly taken: Taken[] = []
  private readonly captureWarnings = new Set<string>()
  private readonly capture: CaptureChain
  private readonly appEnv: NodeJS.ProcessEnv
  /** the checks made, in order; a route discovery sniffed has its check from the sniff on */
  private readonly checks: RouteCheck[] = []
  private readonly notChecked: RunResult['notChecked'] = []
  private discovery: Discovery | undefined
  private readonly restarts: Restart[] = []
  private shard: RunResult['shard']
  /** a route left the app hung, crashed or failing, and it was not started again */
  private broken = false

  constructor(private readonly options: TriageOptions) {
    this.settings = options.settings
    this.logger = options.logger
    this.appLogPath = path.join(options.workDir, 'app.log')
    // the faulthandler hook goes in at the start: it must be loaded by the app's interpreters
    // (an app that runs already cannot be given it)
    const hook =
      this.settings.capture === 'py-spy' || options.attachPid !== undefined
        ? undefined
        : installFaulthandlerHook(options.scratchDir, options.env)
    this.appEnv = hook ? { ...options.env, ...hook.env } : options.env
    this.capture = new CaptureChain({
      mode: this.settings.capture,
      pySpy: options.pySpy,
      logger: this.logger,
      ...(hook ? { hook } : {})
    })
  }

  private at(): number {
    return performance.now() - this.started
  }

  async run(): Promise<Observation> {
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
        // the app as it is now: started again after a hang, it may answer
        stop = await this.stop(this.app, this.options.disposable ? 0 : stopGraceMs(this.broken ? worst : 'healthy'))
      }
    }
    return this.assemble(failed, verdictAtMs, stop)
  }

  /** The run: the app up, the routes found, each route checked. A Conclusion only when the app never came up. */
  private async conclude(): Promise<Conclusion | undefined> {
    const { settings, logger, options } = this
    const app = await startOrAttach({
      settings,
      logger,
      env: this.appEnv,
      logPath: this.appLogPath,
      ...(options.attachPid !== undefined ? { attachPid: options.attachPid } : {})
    })
    if ('verdict' in app) return app
    const answering = this.answered(app)
    // find (or install) py-spy while the app starts and the routes are checked, so that a hang finds it ready
    const up = answering.then(
      failed => failed === undefined,
      () => false
    )
    this.capture.prepare(app, up)
    const startup = await answering
    if (startup) return startup
    this.startupMs = this.at()
    logger.info(`The app answered ${settings.healthPath} after ${formatDuration(this.startupMs)}`)

    const context = this.routeContext()
    const restart: Restarter = brokenBy => this.restart(brokenBy)
    let routes = shareOf(settings.routes, settings.shard).map(route => new RouteCheck(context, route, true))
    if (settings.shard) this.shard = { ...settings.shard, routes: routes.length, total: settings.routes.length }
    if (settings.routes.length === 0) {
      const found = await discoverRoutes(context, restart)
      this.discovery = found.discovery
      // a sniff that troubled the loop is a finding of its own, judged with the rest
      this.checks.push(...found.troubled)
      this.notChecked.push(...found.notChecked)
      this.broken = found.appBroken
      routes = found.toCheck
      if (settings.shard)
        this.shard = { ...settings.shard, routes: found.candidates.mine, total: found.candidates.total }
    }
    if (options.listOnly) return undefined
    const notChecked = await checkInTurn(
      routes,
      settings.maxRoutes,
      async check => {
        if (!this.checks.includes(check)) this.checks.push(check)
        await check.check()
        this.broken = leftBroken(check) !== undefined
      },
      restart
    )
    this.notChecked.push(...notChecked)
    await this.watchIdle(context)
    return undefined
  }

  /**
   * After a route left the app hung, crashed or failing (its stacks taken):
   * stops it and everything it spawned, starts it again with the same
   * command and waits for health, so that the routes after it are checked.
   * Undefined when it answers again; else why they cannot be.
   */
  private async restart(brokenBy: { route: Route; verdict: Verdict }): Promise<string | undefined> {
    const { settings, logger, options } = this
    const what = routeLabel(brokenBy.route)
    const left = leftBroken(brokenBy) ?? ''
    if (settings.restart === 'never') return `${left} (restart: never)`
    if (options.attachPid !== undefined) return `${left}; an app attached to (--pid) is not started again`
    const neededMs = restartBoundMs(settings) + routeBoundMs(settings) + TIME_MARGIN_MS
    if (options.deadlineMs !== undefined && performance.now() + neededMs > options.deadlineMs) {
      this.restarts.push({ after: what, failed: 'no time left for another start' })
      return `${left}, and no time left for another start`
    }
    if (this.app) await this.stop(this.app, stopGraceMs(brokenBy.verdict))
    logger.info(`Starting the app again: ${what} left it ${brokenBy.verdict}`)
    fs.appendFileSync(
      this.appLogPath,
      `\n--- backend-hang-debug: the app is started again (${what} left it ${brokenBy.verdict}) ---\n`
    )
    // the port the stopped app listened on may take a moment to come free
    const app = await startOrAttach({
      settings,
      logger,
      env: this.appEnv,
      logPath: this.appLogPath,
      portFreeWithinMs: PORT_FREE_WITHIN_MS
    })
    const failed = 'verdict' in app ? app : await this.answered(app)
    if (failed) {
      this.restarts.push({ after: what, failed: failed.headline })
      logger.warning(`The app could not be started again after ${what}: ${failed.headline}`)
      return `${left}, and could not be started again: ${failed.headline}`
    }
    this.broken = false
    this.restarts.push({ after: what, answeredAtMs: this.at() })
    return undefined
  }

  /**
   * The app just started (or attached to): tracked for cleanup when it is
   * ours, then waited for until it answers; a Conclusion when it never does.
   */
  private async answered(app: AppProcess): Promise<Conclusion | undefined> {
    this.app = app
    if (this.options.attachPid === undefined) this.options.onAppStarted?.({ pid: app.pid, marker: app.marker })
    return waitUntilHealthy(app, this.settings, this.logger)
  }

  /**
   * The rest of min-watch, watched idle: a background task that blocks the
   * loop every few seconds is seen even when the checks were quick. Not once
   * a route left the app broken: that is the run's finding already.
   */
  private async watchIdle(context: RouteCheckContext): Promise<void> {
    const { settings } = this
    if (settings.minWatchMs === 0 || this.startupMs === undefined || this.broken) return
    const remainingMs = this.startupMs + settings.minWatchMs - this.at()
    if (remainingMs <= 0) return
    const idle = new RouteCheck(context, IDLE_ROUTE, false)
    this.checks.push(idle)
    await idle.watchIdle(remainingMs)
  }

  /** What a route check may use of this run: the app as it runs now (started again after a route broke it). */
  private routeContext(): RouteCheckContext {
    const { settings, options } = this
    const current = (): AppProcess => {
      if (!this.app) throw new Error('no app runs')
      return this.app
    }
    const watch: LoopWatchOptions = {
      healthUrl: settings.baseUrl + settings.healthPath,
      timeoutMs: settings.healthTimeoutMs,
      stallThresholdMs: settings.stallThresholdMs,
      // only a capture that can answer now: waiting for an install would hold up a probe that answers
      sample: () => (this.capture.ready ? this.takeSample(current()) : Promise.resolve(undefined)),
      clock: () => this.at(),
      onProbeSent: (phase, cycle) =>
        options.onProgress?.({ kind: 'probe-sent', phase, cycle, timeoutMs: settings.healthTimeoutMs }),
      onProbeAnswered: probe =>
        options.onProgress?.({
          kind: 'probe-answered',
          phase: probe.phase,
          cycle: probe.cycle,
          outcome: probe.outcome,
          latencyMs: probe.latencyMs
        })
    }
    return {
      settings,
      logger: this.logger,
      watch,
      get app() {
        return current()
      },
      takeSample: waitForInstallMs => this.takeSample(current(), waitForInstallMs),
      keepEvidence: taken => this.taken.push(...taken),
      captureProblem: () => this.capture.problem,
      progress: event => options.onProgress?.(event)
    }
  }

  private async takeSample(app: AppProcess, waitForInstallMs = 0): Promise<Taken | undefined> {
    const taken = await this.capture.take(app, this.at(), waitForInstallMs)
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
    if (stop.survivors.length > 0)
      this.warnings.push(`Processes ${stop.survivors.join(', ')} of the app survived SIGKILL.`)
    this.logger.debug(`stopped the app in ${formatDuration(this.at() - before)}: ${JSON.stringify(stop)}`)
    return stop
  }

  /** The result of the run, and the stacks written as evidence. */
  private assemble(failed: Conclusion | undefined, verdictAtMs: number, stop: StopReport): Observation {
    const method = this.capture.describe() ?? 'none'
    const routes = this.checks.map(check => check.assemble(verdictAtMs, this.startupMs, method))
    const dumpPath = writeStacks(this.options.workDir, method, this.taken)
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
      warnings: this.warnings,
      ...(this.restarts.length > 0 ? { restarts: this.restarts } : {}),
      ...(this.shard ? { shard: this.shard } : {})
    }
    return { run, stop, ...(dumpPath ? { dumpPath } : {}) }
  }
}
