// The verdict rules, pure: a route's stalls weighed against its probes, the
// run's verdict as the worst of its routes, whether the run fails the step,
// and the figures the outputs give (slowest probe, longest stall, culprit).

import { diagnose, type ReadLines } from './classify.js'
import { judgeSlowProbe, type StallEvidence } from './stalls.js'
import type { CodeScope } from './stack-shapes.js'
import { formatDuration } from '../core/durations.js'
import type { Settings } from '../core/settings.js'
import {
  longestStall,
  probesOf,
  routeLabel,
  worstOf,
  type ProbePhase,
  type ProbeResult,
  type RunResult,
  type Stall,
  type RouteResult
} from '../core/model.js'
import type { Diagnosis } from '../core/diagnosis.js'

/** The run's verdict once each route is judged: the worst of them (hung > crashed > unhealthy > stalled > healthy), unless the start failed. */
export function judgedRun(run: RunResult, routes: RouteResult[], healthPath: string): RunResult {
  if (run.verdict === 'startup-failed') return { ...run, routes }
  const decisive = worstOf(routes)
  const judged: RunResult = {
    ...run,
    routes,
    verdict: decisive?.verdict ?? 'healthy',
    headline: decisive?.headline ?? run.headline
  }
  delete judged.decisive
  if (decisive && decisive.verdict !== 'healthy') judged.decisive = routes.indexOf(decisive)
  else if (routes.length > 1) {
    const probes = routes.reduce((n, r) => n + probesOf(r).length, 0)
    judged.headline = `\`${healthPath}\` answered all ${probes} probes within ${formatDuration(run.healthTimeoutMs)} over the cycles of ${routes.length} routes: ${routes.map(r => `\`${routeLabel(r.route)}\``).join(', ')}.`
  }
  return judged
}

/** Each slow probe whose samples agree that the loop was blocked, as a stall with its diagnosis. */
export function judgeStalls(
  result: Pick<RouteResult, 'slowProbes'>,
  scope: CodeScope,
  readLines: ReadLines
): { stall: Stall; diagnosis: Diagnosis }[] {
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
export function withStalls(result: RouteResult, stalls: Stall[], settings: Pick<Settings, 'healthPath'>): RouteResult {
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
      `(stall-threshold ${formatDuration(result.stallThresholdMs)}). ${often}${result.route.found === 'idle' ? ' while idle' : `, in ${cycles} of ${ran} cycle${ran === 1 ? '' : 's'}`}.`
  }
}

/** The slowest probe of a route in ms; the timeout itself when one timed out. */
export function slowestLatencyMs(result: RouteResult): number {
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
export function failsTheRun(
  run: Pick<RunResult, 'verdict'>,
  settings: Pick<Settings, 'failOnHang' | 'failOnStall'>
): boolean {
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
export function longestStallMs(result: Pick<RouteResult, 'stalls'>): number | undefined {
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

/**
 * The phase of a probe sent before the route's first event arrived: a probe
 * belongs to the phase in which most of its wait lay. The loop sent that
 * event while the probe waited, so it was blocked either before the event
 * (the probe's answer came soon after it) or after it (the event came soon
 * after the probe was sent, and the answer long after, or never): a block
 * that began right after the first event is not "before the first event"
 * because the probe that saw it left a moment before the event arrived.
 */
export function phaseOfWait(
  probe: Pick<ProbeResult, 'phase' | 'sentAtMs' | 'latencyMs' | 'outcome'>,
  firstEventAtMs: number | undefined
): ProbePhase {
  if (probe.phase !== 'before-first-event' || firstEventAtMs === undefined || firstEventAtMs < probe.sentAtMs)
    return probe.phase
  const endMs = probe.outcome === 'timeout' ? Infinity : probe.sentAtMs + probe.latencyMs
  if (firstEventAtMs >= endMs) return probe.phase
  return firstEventAtMs - probe.sentAtMs < endMs - firstEventAtMs ? 'during-stream' : probe.phase
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
    case 'before-first-event':
      return `after \`${what}\` was requested and before its first event (cycle ${cycle} of ${cycles})`
    case 'idle':
      return 'while the app was idle, between routes, with no request of ours running (min-watch)'
  }
}
