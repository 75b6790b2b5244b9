// The result as JSON for tools (the command line's --json, result-path, the
// routes output): its shape is a documented output, so it changes only with
// care.

import { culpritLabel, slowestLatencyMs, slowestOfRun, longestStallMs } from '../analysis/verdict.js'
import {
  warningsOf,
  type EvidenceFiles,
  type Route,
  type RouteFinding,
  type RunResult,
  type RouteResult
} from '../core/model.js'
import type { Diagnosis, FixProposal, FixTrial } from '../core/diagnosis.js'
import { VERSION } from '../core/version.js'

/**
 * What a result file says it is, for the tools that read it (merge-results):
 * bumped when a field they rely on changes meaning or goes away.
 */
export const RESULT_FORMAT = 'backend-hang-debug/result@1'

/** What the result document is made of: the judged run, its routes and the files it left. */
export interface JudgedRunFiles {
  run: RunResult
  routes: RouteFinding[]
  decisive?: RouteFinding
  healthPath: string
  files: EvidenceFiles
}

/** One route in the result document: what it is, how it was found, and what came of it. */
export interface RouteDocument {
  method: string
  path: string
  found: Route['found']
  verdict: RouteResult['verdict']
  pattern: string
  culprit: string
  slowestProbeMs: number
  headline: string
  timings: { slowestProbeMs: number; stallThresholdMs: number; longestStallMs?: number; settle: RouteResult['settle'] }
  hang?: RouteResult['hang']
  stalls: RouteResult['stalls']
  baseline: RouteResult['baseline']
  cycles: RouteResult['cycles']
  diagnosis?: Omit<Diagnosis, 'loopStack' | 'otherThreads'>
  /** the fix: the change built from the code (its edits), the alternative, and what trying it showed */
  fix?: FixProposal & { verification?: FixTrial }
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
export interface ResultDocument extends Omit<
  RouteDocument,
  'method' | 'path' | 'found' | 'timings' | 'slowestProbeMs'
> {
  format: typeof RESULT_FORMAT
  /** the action's version that wrote it */
  version: string
  healthPath: string
  timings: RouteDocument['timings'] & { startupMs?: number; verdictAtMs: number; healthTimeoutMs: number }
  cyclesPlanned: number
  appExit?: RunResult['appExit']
  /** every route named or found: those checked, then those not checked (verdict `not-checked`, with the reason) */
  routes: (RouteDocument | NotCheckedRoute)[]
  notChecked: { method: string; path: string; reason: string }[]
  discovery?: RunResult['discovery']
  restarts?: RunResult['restarts']
  shard?: RunResult['shard']
  files: EvidenceFiles
}

/** A route named or found that was not checked, and why. */
export interface NotCheckedRoute {
  method: string
  path: string
  found: Route['found']
  verdict: 'not-checked'
  reason: string
}

type RouteSummary = Pick<
  RouteDocument,
  'method' | 'path' | 'found' | 'verdict' | 'pattern' | 'culprit' | 'slowestProbeMs'
>

/** A route document in a line, as the routes output gives it. */
export function routeLine(route: RouteSummary): RouteSummary {
  const { method, path, found, verdict, pattern, culprit, slowestProbeMs } = route
  return { method, path, found, verdict, pattern, culprit, slowestProbeMs }
}

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

/** The routes output: every route named or found, in a line each; those not checked with why. */
export function routesOutput({
  run,
  routes
}: Pick<JudgedRunFiles, 'run' | 'routes'>): (RouteSummary | NotCheckedRoute)[] {
  return [...routes.map(routeSummary), ...notCheckedRoutes(run)]
}

function notCheckedRoutes(run: Pick<RunResult, 'notChecked'>): NotCheckedRoute[] {
  return run.notChecked.map(({ route, reason }) => ({
    method: route.method,
    path: route.path,
    found: route.found,
    verdict: 'not-checked',
    reason
  }))
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

export function resultDocument({ run, routes, decisive, healthPath, files }: JudgedRunFiles): ResultDocument {
  const documents = routes.map(routeDocument)
  // the route that set the verdict (or the only one) is repeated at the top
  const top = decisive ? documents[routes.indexOf(decisive)] : documents[0]
  return {
    format: RESULT_FORMAT,
    version: VERSION,
    verdict: run.verdict,
    headline: run.headline,
    healthPath,
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
    routes: [...documents, ...notCheckedRoutes(run)],
    notChecked: run.notChecked.map(n => ({ method: n.route.method, path: n.route.path, reason: n.reason })),
    ...(run.discovery ? { discovery: run.discovery } : {}),
    ...(run.restarts ? { restarts: run.restarts } : {}),
    ...(run.shard ? { shard: run.shard } : {}),
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
