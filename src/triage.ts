// The engine: starts the app, waits for it to answer, runs the open/abort
// cycles with health probes, captures stacks when a probe hangs, and always
// stops the app. It returns what it observed; it knows nothing of GitHub or
// of the terminal.

import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import {
  appProcesses,
  readLogTail,
  startApp,
  stopApp,
  type AppIdentity,
  type AppProcess,
  type StopReport
} from './app-process.js'
import type { RecordedDump, StackEvidence } from './analysis/py-spy-dump.js'
import { appInterpreters, locatePySpy, StackCapturer, type PySpyLookup } from './capture.js'
import { formatDuration, type Settings } from './inputs.js'
import type { Logger } from './logger.js'
import type {
  AppExit,
  Capture,
  CycleResult,
  HangEvent,
  ProbePhase,
  ProbeResult,
  StackSample,
  StreamResult,
  TriageResult,
  Verdict
} from './model.js'
import { probeHealth } from './probe.js'
import { openStream, type OpenStream } from './stream.js'

export interface TriageOptions {
  settings: Settings
  logger: Logger
  /** an empty directory for the app log and the captured stacks */
  workDir: string
  /** the app's environment */
  env: NodeJS.ProcessEnv
  /** called once the app's process exists, so the caller can arrange cleanup if it is torn down */
  onAppStarted?: (app: AppIdentity) => void
}

export interface TriageOutcome {
  result: TriageResult
  /** the captured stacks as py-spy printed them, when any were captured */
  dumpPath?: string
  stop: StopReport
}

const BASELINE_PROBES = 3
const STARTUP_POLL_MS = 25
/** The first stack sample is taken when a probe has waited this share of the timeout. */
const EARLY_SAMPLE_AT = 0.5
const LOG_TAIL_LINES = 40
/** A hung loop cannot run its shutdown handlers; there is no point in a long grace. */
const GRACE_MS = { hung: 500, other: 3000 }

const delay = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

/** The run stopped early with this verdict; thrown inside the engine, caught by runTriage. */
class Conclusion {
  constructor(
    readonly verdict: Verdict,
    readonly headline: string,
    readonly extra: Partial<TriageResult> = {}
  ) {}
}

export async function runTriage(options: TriageOptions): Promise<TriageOutcome> {
  const { settings, logger, workDir } = options
  const started = performance.now()
  const at = (): number => performance.now() - started
  const healthUrl = settings.baseUrl + settings.healthPath
  const streamUrl = settings.baseUrl + settings.streamPath
  const timeout = formatDuration(settings.healthTimeoutMs)
  const what = `${settings.streamMethod} ${settings.streamPath}`

  const appLogPath = path.join(workDir, 'app.log')
  logger.info(`Starting the app in ${settings.workingDirectory}: ${settings.startCommand}`)
  const app = startApp({
    command: settings.startCommand,
    cwd: settings.workingDirectory,
    env: options.env,
    logPath: appLogPath,
    marker: randomUUID()
  })
  options.onAppStarted?.({ pid: app.pid, marker: app.marker })

  const baseline: ProbeResult[] = []
  const cycles: CycleResult[] = []
  const warnings: string[] = []
  const samples: StackSample[] = []
  const rawDumps: { takenAtMs: number; dumps: RecordedDump[] }[] = []
  let startupMs: number | undefined
  let pySpy: Promise<PySpyLookup> | undefined
  let capturer: StackCapturer | undefined
  let captureUnavailable: string | undefined

  const takeSample = async (): Promise<{ sample: StackSample; raw: RecordedDump[] } | undefined> => {
    const lookup = await (pySpy ?? Promise.resolve<PySpyLookup>({ unavailable: 'the app never became healthy' }))
    if ('unavailable' in lookup) {
      captureUnavailable = lookup.unavailable
      return undefined
    }
    capturer ??= new StackCapturer(lookup.tool)
    const taken = await capturer.sample(app, at())
    for (const failure of taken.sample.failures) {
      logger.warning(`Could not capture pid ${failure.pid} (${failure.command}): ${failure.reason}`)
    }
    return taken
  }

  /** Sends one probe; when it hangs, captures stacks while it waits and again at the deadline. */
  const probe = async (phase: ProbePhase, cycle: number): Promise<ProbeResult> => {
    const sentAtMs = at()
    let early: ReturnType<typeof takeSample> | undefined
    const timer = setTimeout(() => {
      early = takeSample()
    }, settings.healthTimeoutMs * EARLY_SAMPLE_AT)
    const answer = await probeHealth(healthUrl, settings.healthTimeoutMs)
    clearTimeout(timer)
    const result: ProbeResult = { phase, cycle, sentAtMs, ...answer }
    // a sample taken while a slow probe was still waiting is dropped when the probe answers
    const earlySample = await early
    if (answer.outcome === 'timeout') {
      logger.info(`${settings.healthPath} gave no answer within ${timeout} (${phase}${cycle ? `, cycle ${cycle}` : ''}); capturing stacks`)
      for (const taken of [earlySample, await takeSample()]) {
        if (!taken) continue
        samples.push(taken.sample)
        if (taken.raw.length > 0) rawDumps.push({ takenAtMs: taken.sample.takenAtMs, dumps: taken.raw })
      }
    }
    return result
  }

  /** Turns a failed probe into the conclusion it implies. */
  const concludeFrom = async (result: ProbeResult, cycle: number): Promise<Conclusion | undefined> => {
    const when = describeWhen(result.phase, cycle, settings.cycles, what)
    if (result.outcome === 'ok') return undefined
    if (result.outcome === 'timeout') {
      const hang: HangEvent = { phase: result.phase, cycle, probe: result }
      return new Conclusion('hung', `\`${settings.healthPath}\` gave no answer within ${timeout} ${when}.`, { hang })
    }
    if (result.outcome === 'unreachable') {
      const exit = await exitedSoon(app)
      if (exit) return new Conclusion('crashed', `The app exited (${describeExit(exit)}) ${when}.`, { appExit: exit })
      return new Conclusion('unhealthy', `Nothing answered at ${healthUrl} (${result.detail}) ${when}.`, { unhealthyProbe: result })
    }
    return new Conclusion('unhealthy', `\`${settings.healthPath}\` answered HTTP ${result.status} ${when}.`, { unhealthyProbe: result })
  }

  let conclusion: Conclusion
  let stop: StopReport | undefined
  try {
    conclusion = await (async (): Promise<Conclusion> => {
      const startup = await waitUntilHealthy(app, healthUrl, settings, logger)
      if (startup) return startup
      startupMs = at()
      logger.info(`The app answered ${settings.healthPath} after ${formatDuration(startupMs)}`)
      // find (or install) py-spy while the cycles run, so a hang finds it ready
      pySpy = locatePySpy(settings.pySpy, appInterpreters(app), path.join(workDir, 'py-spy'), logger)

      for (let i = 0; i < BASELINE_PROBES; i++) {
        const result = await probe('baseline', 0)
        baseline.push(result)
        const failed = await concludeFrom(result, 0)
        if (failed) return failed
      }

      for (let cycle = 1; cycle <= settings.cycles; cycle++) {
        const record: CycleResult = { cycle, streams: [], probes: [] }
        cycles.push(record)
        if (app.exit && appProcesses(app).length === 0) {
          return new Conclusion('crashed', `The app exited (${describeExit(app.exit)}) before cycle ${cycle}.`, { appExit: app.exit })
        }
        logger.info(`Cycle ${cycle}/${settings.cycles}: opening ${settings.concurrency} × ${what}`)
        const streams = Array.from({ length: settings.concurrency }, (_, i) =>
          openStream(
            {
              url: streamUrl,
              method: settings.streamMethod,
              headers: settings.streamHeaders,
              body: settings.streamBody,
              abortAfterEvents: settings.abortAfterEvents,
              abortAfterMs: settings.abortAfterMs
            },
            i + 1
          )
        )
        const abortAll = (): StreamResult[] => streams.map((s: OpenStream) => s.abort())
        try {
          await Promise.all(streams.map(s => s.responded))
        } catch (error) {
          abortAll()
          throw error
        }

        const during = await probe('during-stream', cycle)
        record.probes.push(during)
        const failedDuring = await concludeFrom(during, cycle)
        if (failedDuring) {
          record.streams = abortAll()
          return failedDuring
        }

        await Promise.all(streams.map(s => s.abortable))
        record.streams = abortAll()
        noteStreamWarnings(record, settings, warnings)

        const after = await probe('after-abort', cycle)
        record.probes.push(after)
        const failedAfter = await concludeFrom(after, cycle)
        if (failedAfter) return failedAfter
      }
      return new Conclusion('healthy', '')
    })()
  } finally {
    const verdictKnown = at()
    const grace = samples.length > 0 ? GRACE_MS.hung : GRACE_MS.other
    stop = await stopApp(app, grace)
    if (stop.survivors.length > 0) {
      warnings.push(`Processes ${stop.survivors.join(', ')} of the app survived SIGKILL.`)
    }
    logger.debug(`stopped the app ${formatDuration(at() - verdictKnown)} after the verdict: ${JSON.stringify(stop)}`)
  }

  const allProbes = [...baseline, ...cycles.flatMap(c => c.probes)]
  const headline =
    conclusion.verdict === 'healthy'
      ? `\`${settings.healthPath}\` answered all ${allProbes.length} probes within ${timeout} over ${cycles.length} cycle${cycles.length === 1 ? '' : 's'} of opening and aborting \`${what}\`.`
      : conclusion.headline

  let capture: Capture | undefined
  let dumpPath: string | undefined
  if (conclusion.verdict === 'hung') {
    capture = {
      method: capturer ? capturer.describe() : 'none',
      samples,
      ...(samples.some(s => s.processes.length > 0)
        ? {}
        : { unavailable: captureUnavailable ?? samples.flatMap(s => s.failures.map(f => f.reason))[0] ?? 'no stacks were captured' })
    }
    if (rawDumps.length > 0) {
      dumpPath = path.join(workDir, 'stacks.json')
      const evidence: StackEvidence = { method: capture.method, samples: rawDumps }
      fs.writeFileSync(dumpPath, JSON.stringify(evidence, null, 2))
    }
  }

  const result: TriageResult = {
    verdict: conclusion.verdict,
    ...(startupMs !== undefined ? { startupMs } : {}),
    verdictAtMs: at(),
    healthTimeoutMs: settings.healthTimeoutMs,
    baseline,
    cycles,
    cyclesPlanned: settings.cycles,
    headline,
    appLogPath,
    appLogTail: readLogTail(appLogPath, LOG_TAIL_LINES),
    warnings,
    ...(capture ? { capture } : {}),
    ...conclusion.extra
  }
  return { result, stop, ...(dumpPath ? { dumpPath } : {}) }
}

/** Polls the health route briskly until it answers 2xx; a Conclusion when it never does. */
async function waitUntilHealthy(
  app: AppProcess,
  healthUrl: string,
  settings: Settings,
  logger: Logger
): Promise<Conclusion | undefined> {
  const deadline = performance.now() + settings.startupTimeoutMs
  let last = ''
  while (performance.now() < deadline) {
    if (app.exit && appProcesses(app).length === 0) {
      return new Conclusion('startup-failed', `The app exited (${describeExit(app.exit)}) before \`${settings.healthPath}\` answered.`, {
        appExit: app.exit
      })
    }
    const remaining = deadline - performance.now()
    const answer = await probeHealth(healthUrl, Math.max(1, Math.min(settings.healthTimeoutMs, remaining)))
    if (answer.outcome === 'ok') return undefined
    if (answer.outcome === 'http-error' && answer.status === 404) {
      return new Conclusion(
        'startup-failed',
        `\`${settings.healthPath}\` answered HTTP 404: the app runs but has no such route. Set health-path to a route that answers 2xx.`
      )
    }
    const now = answer.outcome === 'http-error' ? `HTTP ${answer.status}` : (answer.detail ?? answer.outcome)
    if (now !== last) logger.debug(`waiting for ${healthUrl}: ${now}`)
    last = now
    if (answer.outcome === 'unreachable') await Promise.race([delay(STARTUP_POLL_MS), app.exited])
  }
  return new Conclusion(
    'startup-failed',
    `\`${settings.healthPath}\` did not answer 2xx within the startup-timeout of ${formatDuration(settings.startupTimeoutMs)} (last: ${last || 'no answer'}).`
  )
}

/** Waits briefly for the app to exit; a refused connection often comes just before the exit is seen. */
async function exitedSoon(app: AppProcess): Promise<AppExit | undefined> {
  await Promise.race([app.exited, delay(200)])
  return app.exit && appProcesses(app).length === 0 ? app.exit : undefined
}

function describeExit(exit: AppExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`
}

function describeWhen(phase: ProbePhase, cycle: number, cycles: number, what: string): string {
  switch (phase) {
    case 'baseline':
      return 'before any stream was opened (baseline)'
    case 'during-stream':
      return `while \`${what}\` was streaming (cycle ${cycle} of ${cycles})`
    case 'after-abort':
      return `right after the client disconnected from \`${what}\` (cycle ${cycle} of ${cycles})`
  }
}

function noteStreamWarnings(record: CycleResult, settings: Settings, warnings: string[]): void {
  for (const stream of record.streams) {
    const label = `Cycle ${record.cycle}, stream ${stream.index}`
    if (stream.status === undefined) {
      warnings.push(`${label}: no response headers within abort-after (${formatDuration(settings.abortAfterMs)}); it was aborted before it answered.`)
    } else if (stream.end === 'ended-by-server') {
      warnings.push(
        `${label}: the server ended the stream after ${stream.events} event(s) before the client disconnected, so the disconnect path was not exercised. Lower abort-after-events or abort-after.`
      )
    } else if (stream.end === 'failed') {
      warnings.push(`${label}: the stream failed (${stream.detail ?? 'unknown error'}).`)
    } else if (stream.events === 0) {
      warnings.push(`${label}: no SSE event arrived within abort-after (${formatDuration(settings.abortAfterMs)}).`)
    }
  }
}
