// One whole investigation, shared by the action and the command line: run
// the engine, judge each route (its stalls, its verdict, its diagnosis and
// the fix built from the code), try the fix of the route that set the run's
// verdict, render the report, and keep the evidence as files. The entry files
// decide only where the results go (runner outputs, job summary and PR
// comment, or the terminal).

import * as fs from 'node:fs'
import * as path from 'node:path'
import { diagnose, type ReadLines } from '../analysis/classify.js'
import { judgeSlowProbe, type StallEvidence } from '../analysis/stalls.js'
import type { CodeScope } from '../analysis/stack-shapes.js'
import { proposeFix } from '../fix/rewrite.js'
import { formatDuration, type Settings } from '../inputs.js'
import type { Logger } from '../logger.js'
import {
  longestStall,
  probesOf,
  routeLabel,
  warningsOf,
  worstOf,
  type Diagnosis,
  type FixProposal,
  type Route,
  type RunResult,
  type Stall,
  type TriageResult,
  type Verification
} from '../model.js'
import { redact } from '../report/redact.js'
import { plainText, renderReport, type ReportLinks } from '../report/report.js'
import { codeScope, sourceReader } from './source-files.js'
import { describeWhen, runTriage, TIME_MARGIN_MS, timeBoundMs, type TriageOptions, type TriageOutcome } from './triage.js'
import { tryChange } from './verify-fix.js'

export interface InvestigationOptions extends TriageOptions {
  /** the links of the report, given the app's root */
  links: (appRoot: string) => ReportLinks
  /** values to remove from everything written */
  secrets: string[]
  /** when (performance.now()) the whole run must be over: the watchdog's bound; a fix is tried only if it fits */
  deadlineMs?: number
}

/** The files an investigation leaves, for outputs and artifacts. */
export interface EvidenceFiles {
  /** the Markdown report */
  report: string
  /** the machine-readable result (ResultDocument) */
  result: string
  /** the captured stacks, when any */
  dump?: string
  /** everything the app printed */
  appLog: string
}

/** One route of the run, judged: its result, and when it hung or stalled, its diagnosis, its fix and what trying that fix showed. */
export interface RouteFinding {
  result: TriageResult
  diagnosis?: Diagnosis
  fix?: FixProposal
  verification?: Verification
}

export interface Investigation {
  outcome: TriageOutcome
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

/** One route in the result document: what it is, how it was found, and what came of it. */
export interface RouteDocument {
  method: string
  path: string
  found: Route['found']
  verdict: TriageResult['verdict']
  pattern: string
  culprit: string
  slowestProbeMs: number
  headline: string
  timings: { slowestProbeMs: number; stallThresholdMs: number; longestStallMs?: number; settle: TriageResult['settle'] }
  hang?: TriageResult['hang']
  stalls: TriageResult['stalls']
  baseline: TriageResult['baseline']
  cycles: TriageResult['cycles']
  diagnosis?: Omit<Diagnosis, 'loopStack' | 'otherThreads'>
  /** the fix: the change built from the code (its edits), the alternative, and what trying it showed */
  fix?: FixProposal & { verification?: Verification }
  capture?: { method: string; samples: number; unavailable?: string }
  warnings: string[]
}

/**
 * The result as JSON for tools (the CLI's --json, result-path): the run's
 * verdict, its timings, every route with every probe and stream, stall and
 * diagnosis (without the stacks, which are in the dump file). The fields of
 * the route that set the verdict (or of the only route) are repeated at the
 * top, so that a one-route run reads as it always did.
 */
export interface ResultDocument extends Omit<RouteDocument, 'method' | 'path' | 'found' | 'timings' | 'slowestProbeMs'> {
  timings: RouteDocument['timings'] & { startupMs?: number; verdictAtMs: number; healthTimeoutMs: number }
  cyclesPlanned: number
  appExit?: RunResult['appExit']
  routes: RouteDocument[]
  notChecked: { method: string; path: string; reason: string }[]
  discovery?: RunResult['discovery']
  files: EvidenceFiles
}

/**
 * A fresh directory for one run under `parent`, with the evidence apart from
 * scratch files, so that evidence-dir uploads only what is worth keeping.
 */
export function makeRunDirs(parent: string): { workDir: string; scratchDir: string } {
  const runDir = fs.mkdtempSync(path.join(parent, 'backend-hang-debug-'))
  const workDir = path.join(runDir, 'evidence')
  const scratchDir = path.join(runDir, 'scratch')
  fs.mkdirSync(workDir)
  fs.mkdirSync(scratchDir)
  return { workDir, scratchDir }
}

/** A run observed and judged. */
interface Observed {
  outcome: TriageOutcome
  run: RunResult
  routes: RouteFinding[]
  decisive?: RouteFinding
  scope: CodeScope
  readLines: ReadLines
}

/** Runs the engine and judges what it saw: each route's stalls, verdict and diagnosis, and the run's verdict. */
async function observe(options: TriageOptions): Promise<Observed> {
  const { settings } = options
  const outcome = await runTriage(options)
  const samples = outcome.run.routes.flatMap(r => [...(r.capture?.samples ?? []), ...r.slowProbes.flatMap(s => s.samples)])
  const scope = codeScope(settings.workingDirectory, samples)
  const readLines = sourceReader()
  // a route discovery found not to stream stays only for the trouble its sniff caused
  const routes = outcome.run.routes.map(result => judgeRoute(result, settings, scope, readLines)).filter(f => f.result.streams || f.result.verdict !== 'healthy')
  const run = judgedRun(outcome.run, routes.map(f => f.result), settings.healthPath)
  const decisive = run.decisive === undefined ? undefined : routes[run.decisive]
  return { outcome, run, routes, ...(decisive ? { decisive } : {}), scope, readLines }
}

/** A route's stalls weighed (a healthy route that stalled is stalled), and its diagnosis when it hung or stalled. */
function judgeRoute(observed: TriageResult, settings: Pick<Settings, 'healthPath'>, scope: CodeScope, readLines: ReadLines): RouteFinding {
  const judged = judgeStalls(observed, scope, readLines)
  const result = withStalls(observed, judged.map(j => j.stall), settings)
  let diagnosis: Diagnosis | undefined
  if (result.verdict === 'hung') diagnosis = diagnose({ samples: observed.capture?.samples ?? [], scope, readLines })
  if (result.verdict === 'stalled') {
    const longest = longestStall(result.stalls)
    diagnosis = judged.find(j => j.stall === longest)?.diagnosis
  }
  return { result, ...(diagnosis ? { diagnosis, fix: proposeFix(diagnosis, scope, readLines) } : {}) }
}

/** The run's verdict once each route is judged: the worst of them (hung > crashed > unhealthy > stalled > healthy), unless the start failed. */
export function judgedRun(run: RunResult, routes: TriageResult[], healthPath: string): RunResult {
  if (run.verdict === 'startup-failed') return { ...run, routes }
  const decisive = worstOf(routes)
  const judged: RunResult = { ...run, routes, verdict: decisive?.verdict ?? 'healthy', headline: decisive?.headline ?? run.headline }
  delete judged.decisive
  if (decisive && decisive.verdict !== 'healthy') judged.decisive = routes.indexOf(decisive)
  else if (routes.length > 1) {
    const probes = routes.reduce((n, r) => n + probesOf(r).length, 0)
    judged.headline = `\`${healthPath}\` answered all ${probes} probes within ${formatDuration(run.healthTimeoutMs)} over the cycles of ${routes.length} routes: ${routes.map(r => `\`${routeLabel(r.route)}\``).join(', ')}.`
  }
  return judged
}

/**
 * Tries the fix of the route that set the verdict in a scratch copy of the
 * app, with the same cycles on that route alone (verify-fix: auto, when the
 * change is a mechanical edit), within the run's time bound. Its evidence
 * goes to verify-fix/ in the evidence directory.
 */
async function verify(options: InvestigationOptions, finding: RouteFinding | undefined): Promise<Verification | undefined> {
  const { settings } = options
  const fix = finding?.fix
  if (!finding || !fix?.primary || settings.verifyFix === 'never' || options.listOnly) return undefined
  if (options.attachPid !== undefined) {
    return { applied: [], skipped: 'the app was attached to (--pid), not started by this run, so a copy of it cannot be started', durationMs: 0 }
  }
  const workDir = path.join(options.workDir, 'verify-fix')
  const scratchDir = path.join(options.scratchDir, 'verify-fix')
  fs.mkdirSync(workDir, { recursive: true })
  options.logger.info(`Trying the change in a scratch copy of the app: ${plainText(fix.primary.summary)}`)
  const once = { ...settings, routes: [finding.result.route] }
  return tryChange({
    appRoot: settings.workingDirectory,
    change: fix.primary,
    scratchDir,
    runBoundMs: timeBoundMs(once) - TIME_MARGIN_MS,
    ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
    run: async appRoot => {
      // the same route, on the copy: a new app of its own, watched by the same guard
      const tried = await observe({
        ...(options.onAppStarted ? { onAppStarted: options.onAppStarted } : {}),
        ...(options.pySpyPins ? { pySpyPins: options.pySpyPins } : {}),
        settings: { ...once, workingDirectory: appRoot },
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
        ...(tried.decisive?.diagnosis ? { pattern: tried.decisive.diagnosis.pattern, culprit: culpritLabel(tried.decisive.diagnosis) } : {})
      }
    }
  })
}

function prefixed(logger: Logger, prefix: string): Logger {
  return {
    info: message => logger.info(prefix + message),
    warning: message => logger.warning(prefix + message),
    debug: message => logger.debug(prefix + message)
  }
}

export async function investigate(options: InvestigationOptions): Promise<Investigation> {
  const { settings, workDir } = options
  const { outcome, run, routes, decisive, scope } = await observe(options)
  const verification = await verify(options, decisive)
  if (decisive && verification) decisive.verification = verification
  // one redaction for every place the report goes: file, log, summary, comment, terminal
  const report = redact(renderReport({ run, routes, healthPath: settings.healthPath, links: options.links(scope.appRoot) }), options.secrets)
  const files: EvidenceFiles = {
    report: path.join(workDir, 'report.md'),
    result: path.join(workDir, 'result.json'),
    appLog: run.appLogPath,
    ...(outcome.dumpPath ? { dump: outcome.dumpPath } : {})
  }
  fs.writeFileSync(files.report, report)
  const investigation: Investigation = { outcome, run, routes, ...(decisive ? { decisive } : {}), healthPath: settings.healthPath, report, files }
  fs.writeFileSync(files.result, redact(JSON.stringify(resultDocument(investigation), null, 2), options.secrets))
  return investigation
}

/** Each slow probe whose samples agree that the loop was blocked, as a stall with its diagnosis. */
export function judgeStalls(result: Pick<TriageResult, 'slowProbes'>, scope: CodeScope, readLines: ReadLines): { stall: Stall; diagnosis: Diagnosis }[] {
  return result.slowProbes
    .map(slow => judgeSlowProbe(slow, scope, readLines))
    .filter((evidence): evidence is StallEvidence => evidence !== undefined)
    .map(({ slow, marks, agreeing }) => {
      const diagnosis = diagnose({ samples: agreeing, scope, readLines })
      const stall: Stall = {
        cycle: slow.probe.cycle,
        phase: slow.probe.phase,
        startMs: slow.probe.sentAtMs,
        durationMs: slow.probe.latencyMs,
        samples: marks,
        pattern: diagnosis.pattern,
        culprit: culpritLabel(diagnosis)
      }
      return { stall, diagnosis }
    })
}

/**
 * A route with its stalls: a route that was otherwise healthy is stalled,
 * with a headline that says where the longest stall began and how often the
 * loop stalled. Worse verdicts stand, and list their stalls.
 */
export function withStalls(result: TriageResult, stalls: Stall[], settings: Pick<Settings, 'healthPath'>): TriageResult {
  const longest = longestStall(stalls)
  if (!longest || result.verdict !== 'healthy') return { ...result, stalls }
  const when = describeWhen(longest.phase, longest.cycle, result.cyclesPlanned, routeLabel(result.route))
  const cycles = new Set(stalls.map(s => s.cycle)).size
  const often = stalls.length === 1 ? 'It stalled once' : `It stalled ${stalls.length} times`
  const ran = result.cycles.length
  return {
    ...result,
    verdict: 'stalled',
    stalls,
    headline:
      `The event loop was blocked for ${formatDuration(longest.durationMs)} ${when}: \`${settings.healthPath}\` answered, but only after ${formatDuration(longest.durationMs)} ` +
      `(stall-threshold ${formatDuration(result.stallThresholdMs)}). ${often}, in ${cycles} of ${ran} cycle${ran === 1 ? '' : 's'}.`
  }
}

/** The slowest probe of a route in ms; the timeout itself when one timed out. */
export function slowestLatencyMs(result: TriageResult): number {
  if (result.verdict === 'hung') return result.healthTimeoutMs
  return Math.round(Math.max(0, ...probesOf(result).map(p => p.latencyMs)))
}

/** The slowest probe of the whole run: the health-latency-ms output. */
export function slowestOfRun(run: RunResult): number {
  return Math.max(0, ...run.routes.map(slowestLatencyMs))
}

/**
 * Whether the run ends in failure (the step fails, the command line exits 1):
 * fail-on-stall decides a stall, fail-on-hang the rest; nothing excuses a start that failed.
 */
export function failsTheRun(run: Pick<RunResult, 'verdict'>, settings: Pick<Settings, 'failOnHang' | 'failOnStall'>): boolean {
  switch (run.verdict) {
    case 'healthy':
      return false
    case 'startup-failed':
      return true
    case 'stalled':
      return settings.failOnStall
    default:
      return settings.failOnHang
  }
}

/** The longest stall of a route in whole ms; undefined when there was none. */
export function longestStallMs(result: Pick<TriageResult, 'stalls'>): number | undefined {
  const longest = longestStall(result.stalls)
  return longest ? Math.round(longest.durationMs) : undefined
}

/** The longest stall of the whole run: the stall-ms output. */
export function longestStallOfRun(run: RunResult): number | undefined {
  return longestStallMs({ stalls: run.routes.flatMap(r => r.stalls) })
}

/** The culprit as `path:line`, for outputs and titles; '' when there is none. */
export function culpritLabel(diagnosis: Diagnosis | undefined): string {
  return diagnosis?.culprit ? `${diagnosis.culprit.path}:${diagnosis.culprit.line}` : ''
}

type RouteSummary = Pick<RouteDocument, 'method' | 'path' | 'found' | 'verdict' | 'pattern' | 'culprit' | 'slowestProbeMs'>

/** A route in a line: what it is, how it was found and what came of it. */
function routeSummary({ result, diagnosis }: RouteFinding): RouteSummary {
  return {
    method: result.route.method,
    path: result.route.path,
    found: result.route.found,
    verdict: result.verdict,
    pattern: diagnosis?.pattern ?? '',
    culprit: culpritLabel(diagnosis),
    slowestProbeMs: slowestLatencyMs(result)
  }
}

/** The routes output: each route checked, in a line. */
export function routesOutput(investigation: Pick<Investigation, 'routes'>): RouteSummary[] {
  return investigation.routes.map(routeSummary)
}

function routeDocument(finding: RouteFinding): RouteDocument {
  const { result, diagnosis, fix, verification } = finding
  const longestStallOfRoute = longestStallMs(result)
  return {
    ...routeSummary(finding),
    headline: result.headline,
    timings: {
      slowestProbeMs: slowestLatencyMs(result),
      stallThresholdMs: result.stallThresholdMs,
      ...(longestStallOfRoute !== undefined ? { longestStallMs: longestStallOfRoute } : {}),
      settle: result.settle
    },
    ...(result.hang ? { hang: result.hang } : {}),
    stalls: result.stalls,
    baseline: result.baseline,
    cycles: result.cycles,
    ...(diagnosis ? { diagnosis: withoutStacks(diagnosis) } : {}),
    ...(fix ? { fix: { ...fix, ...(verification ? { verification } : {}) } } : {}),
    ...(result.capture
      ? {
          capture: {
            method: result.capture.method,
            samples: result.capture.samples.length,
            ...(result.capture.unavailable ? { unavailable: result.capture.unavailable } : {})
          }
        }
      : {}),
    warnings: result.warnings
  }
}

export function resultDocument({ run, routes, decisive, files }: Pick<Investigation, 'run' | 'routes' | 'decisive' | 'files'>): ResultDocument {
  const documents = routes.map(routeDocument)
  // the route that set the verdict (or the only one) is repeated at the top
  const top = decisive ? documents[routes.indexOf(decisive)] : documents[0]
  return {
    verdict: run.verdict,
    headline: run.headline,
    pattern: decisive?.diagnosis?.pattern ?? '',
    culprit: culpritLabel(decisive?.diagnosis),
    timings: {
      stallThresholdMs: top?.timings.stallThresholdMs ?? 0,
      settle: top?.timings.settle ?? { ms: 0, given: false },
      ...(top?.timings.longestStallMs !== undefined ? { longestStallMs: top.timings.longestStallMs } : {}),
      slowestProbeMs: slowestOfRun(run),
      ...(run.startupMs !== undefined ? { startupMs: Math.round(run.startupMs) } : {}),
      verdictAtMs: Math.round(run.verdictAtMs),
      healthTimeoutMs: run.healthTimeoutMs
    },
    ...(top?.hang ? { hang: top.hang } : {}),
    stalls: top?.stalls ?? [],
    baseline: top?.baseline ?? [],
    cycles: top?.cycles ?? [],
    cyclesPlanned: run.routes[0]?.cyclesPlanned ?? 0,
    ...(top?.diagnosis ? { diagnosis: top.diagnosis } : {}),
    ...(top?.fix ? { fix: top.fix } : {}),
    ...(top?.capture ? { capture: top.capture } : {}),
    ...(run.appExit ? { appExit: run.appExit } : {}),
    routes: documents,
    notChecked: run.notChecked.map(n => ({ method: n.route.method, path: n.route.path, reason: n.reason })),
    ...(run.discovery ? { discovery: run.discovery } : {}),
    warnings: warningsOf(run),
    files
  }
}

function withoutStacks(diagnosis: Diagnosis): Omit<Diagnosis, 'loopStack' | 'otherThreads'> {
  const facts: Partial<Diagnosis> = { ...diagnosis }
  delete facts.loopStack
  delete facts.otherThreads
  return facts as Omit<Diagnosis, 'loopStack' | 'otherThreads'>
}
