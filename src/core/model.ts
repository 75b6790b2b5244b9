// The plain data that flows from one stage to the next: probes, routes,
// streams, the run and its results (the stacks, the diagnosis and the fix
// are in diagnosis.ts). Each type is defined here once; stages import these
// types and nothing else of each other's.

import type { Capture, Diagnosis, FixProposal, FixTrial, PatternId, StackSample } from './diagnosis.js'

/**
 * What the run concluded about the app. `stalled`: no probe went unanswered,
 * but the loop was blocked for at least stall-threshold, as the stacks show.
 */
export type Verdict = 'healthy' | 'stalled' | 'hung' | 'unhealthy' | 'crashed' | 'startup-failed'

// ---------------------------------------------------------------- probes

/**
 * When in the run a health probe was sent; after-sniff: after discovery
 * opened and closed a route to see whether it streams; idle: no request of
 * ours running (min-watch).
 */
export type ProbePhase = 'baseline' | 'before-first-event' | 'during-stream' | 'after-abort' | 'after-sniff' | 'idle'

// ---------------------------------------------------------------- routes

/**
 * A route to open and abort: named in stream-path, declared by the OpenAPI
 * document, or found by sniffing; or, found 'idle', no route at all: the app
 * watched with no request of ours running (min-watch).
 */
export interface Route {
  /** an HTTP method, or WS for a WebSocket route */
  method: string
  path: string
  /** its own request body (a JSON after the path in stream-path; a WebSocket's first message); else stream-body */
  body?: string
  found: 'named' | 'declared' | 'sniffed' | 'idle'
}

/** The app watched idle, as a route of the run: its findings are what no request of ours caused. */
export const IDLE_ROUTE: Route = { method: 'IDLE', path: '', found: 'idle' }

export function routeLabel(route: Pick<Route, 'method' | 'path'> & { found?: Route['found'] }): string {
  return route.found === 'idle' ? 'the app, idle' : `${route.method} ${route.path}`
}

/** What discovery did, for the report. */
export interface Discovery {
  openapiPath: string
  /** the streaming routes found, in the order they are checked */
  routes: Route[]
  /** operations the document declares as text/event-stream, checked */
  declared: number
  /** GET operations opened once to see whether they stream */
  sniffed: number
  /** of those, the ones that answered text/event-stream */
  sniffedStreams: number
  /** operations left aside, each with why (excluded, another method, parameters needed, cut by max-routes) */
  leftAside: string[]
}

export type ProbeOutcome =
  /** 2xx within the timeout */
  | 'ok'
  /** answered, but not 2xx */
  | 'http-error'
  /** no complete answer within the timeout: the hang signal */
  | 'timeout'
  /** nothing listens (connection refused or reset before an answer) */
  | 'unreachable'

export interface ProbeResult {
  phase: ProbePhase
  /** 1-based cycle number; 0 for baseline probes */
  cycle: number
  /** when the probe was sent, in ms since the run started */
  sentAtMs: number
  /** time until the whole answer arrived, or until the probe gave up */
  latencyMs: number
  outcome: ProbeOutcome
  status?: number
  detail?: string
}

// ---------------------------------------------------------------- streams

export type StreamEnd =
  /** we disconnected after abort-after-events events */
  | 'aborted-after-events'
  /** we disconnected after abort-after elapsed */
  | 'aborted-after-time'
  /** the server closed the stream before we disconnected */
  | 'ended-by-server'
  /** the connection failed */
  | 'failed'

export interface StreamResult {
  /** 1-based index of the stream within its cycle */
  index: number
  status?: number
  contentType?: string
  /** how its events were counted: SSE events, lines (NDJSON, text), chunks, or WebSocket messages */
  kind?: 'sse' | 'lines' | 'chunks' | 'websocket'
  /** events received before the disconnect, counted up to abort-after-events (see kind) */
  events: number
  /** ms from sending the request to the first event */
  firstEventMs?: number
  /** the longest wait for an event: the time to the first one, or between two */
  longestGapMs?: number
  /** ms from sending the request to the disconnect (or the end) */
  openMs: number
  end: StreamEnd
  /** the client dropped the connection with no close frame (a WebSocket's abrupt close), not a normal close */
  abrupt?: true
  detail?: string
}

export interface CycleResult {
  cycle: number
  streams: StreamResult[]
  probes: ProbeResult[]
}

// ---------------------------------------------------------------- the run

export interface AppExit {
  code: number | null
  signal: string | null
}

export interface HangEvent {
  phase: ProbePhase
  cycle: number
  probe: ProbeResult
}

/**
 * A probe that answered, but only after stall-threshold or more, with the
 * stacks sampled while it waited: the evidence a stall is judged on.
 */
export interface SlowProbe {
  probe: ProbeResult
  samples: StackSample[]
}

/** Where the loop thread was in one sample taken while a slow probe waited. */
export interface StallSample {
  /** when the sample was taken, in ms since the run started */
  atMs: number
  /** the loop was away from its idle selector wait, in the app's code or a catalog call */
  blocked: boolean
  /** where it was, e.g. `flush (app/metrics.py:4)`; `idle` when it waited for I/O */
  loopAt: string
}

/** The loop blocked for stall-threshold or more, and the stacks agree where. */
export interface Stall {
  cycle: number
  phase: ProbePhase
  /** when the probe it kept waiting was sent, in ms since the run started */
  startMs: number
  /** how long that probe waited: the stall lasted at least this long */
  durationMs: number
  samples: StallSample[]
  pattern: PatternId
  /** path:line, '' when no frame of the app's code was on the loop thread */
  culprit: string
}

/** How long the watch went on after each disconnect, and why. */
export interface SettleWindow {
  /** the window after the last cycle's disconnect, in ms */
  ms: number
  /** the settle input, when it was given */
  given: boolean
  /** the longest wait for a stream event seen over the run */
  longestGapMs?: number
}

/** Every probe of a run in the order sent: the baseline, then each cycle's. */
export function probesOf(run: Pick<RouteResult, 'baseline' | 'cycles'>): ProbeResult[] {
  return [...run.baseline, ...run.cycles.flatMap(c => c.probes)]
}

/** A whole run: the app, and each route checked on it, one after another. */
export interface RunResult {
  /** the worst verdict of the routes (hung > crashed > unhealthy > stalled > healthy); startup-failed when none could be checked */
  verdict: Verdict
  /** the headline of the route that set the verdict, or of the start that failed */
  headline: string
  /** the route that set the verdict, when one did */
  decisive?: number
  routes: RouteResult[]
  /** routes that were not checked, and why: the app was left hung by an earlier one, or max-routes cut them */
  notChecked: { route: Route; reason: string }[]
  discovery?: Discovery
  startupMs?: number
  verdictAtMs: number
  healthTimeoutMs: number
  appExit?: AppExit
  appLogPath: string
  appLogTail: string[]
  warnings: string[]
  /** each time the app was started again because a route left it broken */
  restarts?: Restart[]
  /** the share of the routes this job checked (shard): `routes` of the app's `total` candidates */
  shard?: { index: number; count: number; routes: number; total: number }
}

/** One start of the app after a route left it broken. */
export interface Restart {
  /** the route that left it broken, e.g. `GET /feed` */
  after: string
  /** when it answered again (ms since the run started); undefined when it did not */
  answeredAtMs?: number
  /** why the start failed, when it did */
  failed?: string
}

/** How bad each verdict is, for the worst of several routes. */
export const VERDICT_RANK: Record<Verdict, number> = {
  healthy: 0,
  stalled: 1,
  unhealthy: 2,
  crashed: 3,
  hung: 4,
  'startup-failed': 5
}

/** Whether a value read from a file is one of the verdicts. */
export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && Object.hasOwn(VERDICT_RANK, value)
}

/** The first of these with the worst verdict (hung > crashed > unhealthy > stalled > healthy); undefined for none. */
export function worstOf<T extends { verdict: Verdict }>(items: T[]): T | undefined {
  return items.reduce<T | undefined>(
    (a, b) => (a === undefined || VERDICT_RANK[b.verdict] > VERDICT_RANK[a.verdict] ? b : a),
    undefined
  )
}

/** Every warning of a run: its own, then each route's. */
export function warningsOf(run: Pick<RunResult, 'warnings' | 'routes'>): string[] {
  return [...run.warnings, ...run.routes.flatMap(r => r.warnings)]
}

/** The stall that lasted longest: the one a stalled verdict is diagnosed from. */
export function longestStall(stalls: Stall[]): Stall | undefined {
  return stalls.reduce<Stall | undefined>((a, b) => (a === undefined || b.durationMs > a.durationMs ? b : a), undefined)
}

/** Everything the engine observed of one route; the input of analysis and report. */
export interface RouteResult {
  /** the route these cycles opened and aborted */
  route: Route
  /** false for a route discovery opened and found not to stream: only a problem it caused keeps it in the report */
  streams: boolean
  verdict: Verdict
  /** ms from the start of the run to the first healthy answer (startup) */
  startupMs?: number
  /** ms from the start of the run to the verdict */
  verdictAtMs: number
  healthTimeoutMs: number
  baseline: ProbeResult[]
  cycles: CycleResult[]
  /** cycles asked for; fewer ran when a problem stopped the run early */
  cyclesPlanned: number
  hang?: HangEvent
  /** probes that took stall-threshold or more and answered, with their samples; judged by the analysis */
  slowProbes: SlowProbe[]
  /** the stalls found among them (set by the investigation, which judges them) */
  stalls: Stall[]
  stallThresholdMs: number
  settle: SettleWindow
  /** the probe that answered non-2xx or found nothing listening (verdict unhealthy) */
  unhealthyProbe?: ProbeResult
  /** how the app's process ended, if it ended on its own */
  appExit?: AppExit
  /** one line that says what went wrong when the verdict is not healthy */
  headline: string
  capture?: Capture
  /** problems worth a warning that did not change the verdict */
  warnings: string[]
}

// ---------------------------------------------------------------- judged, and the run's moments

/** One route of the run, judged: its result, and when it hung or stalled, its diagnosis, its fix and what trying that fix showed. */
export interface RouteFinding {
  result: RouteResult
  diagnosis?: Diagnosis
  fix?: FixProposal
  verification?: FixTrial
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

/** How a route's check (or the start) ended, before its result is assembled. */
export interface Conclusion {
  verdict: Verdict
  headline: string
  extra?: Partial<RouteResult>
}

/** Moments of a run, for a live display (the command line's countdown). */
export type ProgressEvent =
  | { kind: 'probe-sent'; phase: ProbePhase; cycle: number; timeoutMs: number }
  | { kind: 'probe-answered'; phase: ProbePhase; cycle: number; outcome: ProbeResult['outcome']; latencyMs: number }
  | { kind: 'capturing' }
