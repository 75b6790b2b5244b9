// One whole investigation, shared by the action and the command line: run
// the engine, judge each route (its stalls, its verdict, its diagnosis and
// the fix built from the code), try the fix of the route that set the run's
// verdict, render the report, and keep the evidence as files. The entry files
// decide only where the results go (runner outputs, job summary and PR
// comment, or the terminal).

import * as fs from 'node:fs'
import * as path from 'node:path'
import { diagnose, type ReadLines } from '../analysis/classify.js'
import type { CodeScope } from '../analysis/stack-shapes.js'
import { culpritLabel, judgedRun, judgeStalls, slowestLatencyMs, withStalls } from '../analysis/verdict.js'
import type { Logger } from '../core/logger.js'
import { nextStep } from '../fix/advice.js'
import {
  longestStall,
  probesOf,
  type EvidenceFiles,
  type RouteFinding,
  type RunResult,
  type RouteResult
} from '../core/model.js'
import type { Settings } from '../core/settings.js'
import { proposeFix } from '../fix/rewrite.js'
import { redact } from '../report/redact.js'
import { renderReport } from '../report/report.js'
import { resultDocument } from '../report/result-document.js'
import { tryFix } from './fix-trial.js'
import { codeScope, sourceReader } from './source-files.js'
import { runTriage, type TriageOptions, type Observation } from './triage.js'
import { PINNED_PY_SPY, type PySpyPins } from '../capture/py-spy-install-plan.js'
import { PySpySupply } from '../capture/py-spy-locate.js'
import { TIME_MARGIN_MS, timeBoundMs } from './time-bound.js'
import { plainText, type ReportLinks } from '../report/markdown.js'
import type { Diagnosis, FixTrial } from '../core/diagnosis.js'

export interface InvestigationOptions extends Omit<TriageOptions, 'pySpy'> {
  /** the py-spy pins to install from; the bundled ones unless a maintainer points at others */
  pySpyPins?: PySpyPins
  /** the links of the report, given the app's root */
  links: (appRoot: string) => ReportLinks
  /** values to remove from everything written */
  secrets: string[]
}

export interface Investigation {
  outcome: Observation
  /** the run, judged: each route's stalls weighed, the worst verdict */
  run: RunResult
  /** each route checked, in order (those discovery found not to stream only when they caused trouble) */
  routes: RouteFinding[]
  /** the route that set the run's verdict, when one did */
  decisive?: RouteFinding
  healthPath: string
  /** the report in Markdown, redacted */
  report: string
  files: EvidenceFiles
}

/** A run observed and judged. */
interface JudgedObservation {
  outcome: Observation
  run: RunResult
  routes: RouteFinding[]
  decisive?: RouteFinding
  scope: CodeScope
  readLines: ReadLines
}

/** Runs the engine and judges what it saw: each route's stalls, verdict and diagnosis, and the run's verdict. */
async function observe(options: TriageOptions): Promise<JudgedObservation> {
  const { settings } = options
  const outcome = await runTriage(options)
  const samples = outcome.run.routes.flatMap(r => [
    ...(r.capture?.samples ?? []),
    ...r.slowProbes.flatMap(s => s.samples)
  ])
  const scope = codeScope(settings.workingDirectory, samples)
  const readLines = sourceReader()
  // a route discovery found not to stream stays only for the trouble its sniff caused
  const routes = outcome.run.routes
    .map(result => judgeRoute(result, settings, scope, readLines))
    .filter(f => f.result.streams || f.result.verdict !== 'healthy')
  const run = judgedRun(
    outcome.run,
    routes.map(f => f.result),
    settings.healthPath
  )
  const decisive = run.decisive === undefined ? undefined : routes[run.decisive]
  return { outcome, run, routes, ...(decisive ? { decisive } : {}), scope, readLines }
}

/** A route's stalls weighed (a healthy route that stalled is stalled), and its diagnosis when it hung or stalled. */
function judgeRoute(
  observed: RouteResult,
  settings: Pick<Settings, 'healthPath'>,
  scope: CodeScope,
  readLines: ReadLines
): RouteFinding {
  const judged = judgeStalls(observed, scope, readLines)
  const result = withStalls(
    observed,
    judged.map(j => j.stall),
    settings
  )
  let diagnosis: Diagnosis | undefined
  if (result.verdict === 'hung') diagnosis = diagnose({ samples: observed.capture?.samples ?? [], scope, readLines })
  if (result.verdict === 'stalled') {
    const longest = longestStall(result.stalls)
    diagnosis = judged.find(j => j.stall === longest)?.diagnosis
  }
  return { result, ...(diagnosis ? { diagnosis, fix: proposeFix(diagnosis, scope, readLines) } : {}) }
}

/**
 * Tries a route's fix in a scratch copy of the app, with the cycles, up to the one that showed the problem, on
 * that route alone (verify-fix: auto, when the change is a mechanical edit),
 * within the run's time bound, which says when there is no time left. Its
 * evidence goes to `folder` in the evidence directory (verify-fix/ for the
 * route that set the verdict).
 */
async function verify(
  options: TriageOptions,
  finding: RouteFinding | undefined,
  /** the trial's own folder in the evidence and the scratch directories */
  folder: string
): Promise<FixTrial | undefined> {
  const { settings } = options
  const fix = finding?.fix
  if (!finding || !fix?.primary || settings.verifyFix === 'never' || options.listOnly) return undefined
  if (finding.result.route.found === 'idle') {
    return {
      applied: [],
      skipped:
        'the loop was blocked while no request of ours ran (min-watch), which a check of one route cannot bring about again',
      durationMs: 0
    }
  }
  if (options.attachPid !== undefined) {
    return {
      applied: [],
      skipped: 'the app was attached to (--pid), not started by this run, so a copy of it cannot be started',
      durationMs: 0
    }
  }
  const workDir = path.join(options.workDir, folder)
  const scratchDir = path.join(options.scratchDir, folder)
  fs.mkdirSync(workDir, { recursive: true })
  options.logger.info(`Trying the change in a scratch copy of the app: ${plainText(fix.primary.summary)}`)
  // the route alone: the idle watch is the original run's, and would only lengthen the trial
  // and only as many cycles as it took to show the problem: one, when it showed in cycle 1
  const once = { ...settings, routes: [finding.result.route], minWatchMs: 0, cycles: cyclesToShow(finding.result) }
  return tryFix({
    appRoot: settings.workingDirectory,
    change: fix.primary,
    scratchDir,
    runBoundMs: timeBoundMs(once) - TIME_MARGIN_MS,
    ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
    run: async appRoot => {
      // the same route, on the copy: a new app of its own, watched by the same guard
      const tried = await observe({
        ...(options.onAppStarted ? { onAppStarted: options.onAppStarted } : {}),
        pySpy: options.pySpy,
        settings: { ...once, workingDirectory: appRoot },
        disposable: true,
        workDir,
        scratchDir: path.join(scratchDir, 'run'),
        // the copy links the user's virtualenv: nothing may be written into it
        env: { ...options.env, PYTHONDONTWRITEBYTECODE: '1' },
        logger: prefixed(options.logger, 'verify-fix: ')
      })
      const route = tried.decisive ?? tried.routes[0]
      return {
        verdict: tried.run.verdict,
        headline: tried.run.headline,
        slowestProbeMs: route ? slowestLatencyMs(route.result) : 0,
        probes: route ? probesOf(route.result).length : 0,
        ...(tried.decisive?.diagnosis
          ? { pattern: tried.decisive.diagnosis.pattern, culprit: culpritLabel(tried.decisive.diagnosis) }
          : {})
      }
    }
  })
}

/** The cycles a route's problem took to show: the hang's, or the first stall's; at least one. */
function cyclesToShow(result: RouteResult): number {
  const first = Math.min(result.hang?.cycle ?? Infinity, ...result.stalls.map(s => s.cycle))
  return Math.max(1, Math.min(result.cyclesPlanned, first))
}

function prefixed(logger: Logger, prefix: string): Logger {
  return {
    info: message => logger.info(prefix + message),
    warning: message => logger.warning(prefix + message),
    debug: message => logger.debug(prefix + message)
  }
}

export async function investigate({ pySpyPins, ...options }: InvestigationOptions): Promise<Investigation> {
  const { settings, workDir } = options
  const pySpy = new PySpySupply({
    setting: settings.pySpy,
    install: { pins: pySpyPins ?? PINNED_PY_SPY, version: settings.pySpyVersion },
    installDir: path.join(options.scratchDir, 'py-spy'),
    logger: options.logger
  })
  const triage: TriageOptions = { ...options, pySpy }
  let judged: JudgedObservation
  try {
    judged = await observe(triage)
    // the fix of every broken route is tried, the decisive one's first, each in a scratch copy of its own
    const { routes, decisive } = judged
    const broken = [...(decisive ? [decisive] : []), ...routes.filter(r => r !== decisive && r.fix?.primary)]
    for (const [index, finding] of broken.entries()) {
      const folder = index === 0 ? 'verify-fix' : `verify-fix-${index + 1}`
      const verification = await verify(triage, finding, folder)
      if (!verification) continue
      // still blocked: honest, and with the next best change
      const next = finding.fix ? nextStep(finding.diagnosis, finding.fix, verification) : undefined
      finding.verification = next ? { ...verification, next } : verification
    }
  } finally {
    // nothing is left to take stacks of: an install still running is not waited for
    await pySpy.close()
  }
  const { outcome, run, routes, decisive, scope } = judged
  // one redaction for every place the report goes: file, log, summary, comment, terminal
  const report = redact(
    renderReport({ run, routes, healthPath: settings.healthPath, links: options.links(scope.appRoot) }),
    options.secrets
  )
  const files: EvidenceFiles = {
    report: path.join(workDir, 'report.md'),
    result: path.join(workDir, 'result.json'),
    appLog: run.appLogPath,
    ...(outcome.dumpPath ? { dump: outcome.dumpPath } : {})
  }
  fs.writeFileSync(files.report, report)
  const investigation: Investigation = {
    outcome,
    run,
    routes,
    ...(decisive ? { decisive } : {}),
    healthPath: settings.healthPath,
    report,
    files
  }
  fs.writeFileSync(files.result, redact(JSON.stringify(resultDocument(investigation), null, 2), options.secrets))
  return investigation
}
