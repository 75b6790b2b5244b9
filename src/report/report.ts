// Renders the run as Markdown for the job summary, the PR comment and the
// report file. Pure: every fact comes in as data.

import { PATTERNS } from '../analysis/catalog.js'
import { formatThread } from '../analysis/py-spy-dump.js'
import { VERSION } from '../core/version.js'
import {
  longestStall,
  probesOf,
  routeLabel,
  type ProbePhase,
  type RunResult,
  type RouteResult,
  type Verdict,
  type RouteFinding
} from '../core/model.js'
import { formatDuration } from '../core/durations.js'
import { fixSection } from './fix-section.js'
import { codeBlock, details, excerptRows, inlineCode, placeLink, type ReportLinks } from './markdown.js'
import { formatLatency, latencyChart, noiseNote, slowestProbe, stallsSection, timingsTable } from './timings.js'
import type { Diagnosis, PatternId, SampleMark, ThreadStack } from '../core/diagnosis.js'

/** One route of the run as the report shows it. */
export interface ReportInput {
  run: RunResult
  /** each route checked, in order */
  routes: RouteFinding[]
  healthPath: string
  links: ReportLinks
}

export const ICON: Record<Verdict, string> = {
  healthy: '✅',
  stalled: '🟠',
  hung: '🛑',
  unhealthy: '⚠️',
  crashed: '💥',
  'startup-failed': '⛔'
}

export function excerptBlock(diagnosis: Pick<Diagnosis, 'culprit'>): string {
  const rows = diagnosis.culprit ? excerptRows(diagnosis.culprit) : []
  if (rows.length === 0) return ''
  return codeBlock(rows.map(row => `${row.marked ? '>' : ' '} ${row.number} | ${row.text}`).join('\n'), 'python')
}

function threadSection(title: string, threads: ThreadStack[], open = false): string {
  if (threads.length === 0) return ''
  return details(title, codeBlock(threads.map(formatThread).join('\n\n')), open)
}

/** A verdict and the pattern that set it, e.g. hung: `sync-sleep`. */
function verdictWithPattern(verdict: Verdict, pattern?: string): string {
  return `${verdict}${pattern ? `: \`${pattern}\`` : ''}`
}

/** A verdict as the report writes it: its icon, its name and the pattern, e.g. 🛑 hung: `sync-sleep`. */
export function verdictLabel(verdict: Verdict, pattern?: string): string {
  return `${ICON[verdict]} ${verdictWithPattern(verdict, pattern)}`
}

/** The heading of one route's part of the report, e.g. ### 🛑 `GET /feed`: hung: `sync-sleep`. */
export function routeHeading(verdict: Verdict, route: string, pattern?: string): string {
  return `### ${ICON[verdict]} \`${route}\`: ${verdictWithPattern(verdict, pattern)}`
}

/** The report's first line: the verdict of the run and the pattern that set it. */
export function titleLine(verdict: Verdict, pattern?: string): string {
  return `## ${ICON[verdict]} backend-hang-debug: ${verdictWithPattern(verdict, pattern)}`
}

/** The pattern as a report line, linked to its catalog entry. */
export function patternFact(pattern: PatternId, links: ReportLinks): string {
  return `- **Pattern:** [\`${pattern}\`](${links.pattern(pattern)}): ${PATTERNS[pattern]?.title ?? ''}`
}

/** Where the loop was blocked, as report lines: the culprit, where it was called from, and the blocking call. */
export function placeFacts(
  diagnosis: Pick<Diagnosis, 'culprit' | 'entry' | 'blockingCall' | 'holder'>,
  links: ReportLinks
): string[] {
  const facts: string[] = []
  if (diagnosis.culprit) {
    facts.push(`- **Culprit:** ${placeLink(diagnosis.culprit, links)}`)
    if (diagnosis.entry) facts.push(`- **Called from:** ${placeLink(diagnosis.entry, links)}`)
  } else {
    facts.push("- **Culprit:** no frame of the app's own code is on the event loop thread")
  }
  // rules write blockingCall as Markdown; a bare frame label is wrapped as code
  if (diagnosis.blockingCall) {
    const call = diagnosis.blockingCall.includes('`') ? diagnosis.blockingCall : inlineCode(diagnosis.blockingCall)
    facts.push(`- **Blocked in:** ${call}`)
  }
  const holder = diagnosis.holder
  if (holder)
    facts.push(
      `- **Held by:** thread ${holder.thread} at ${placeLink(holder.at, links)}, inside ${inlineCode(holder.takenBy)} (line ${holder.takenAtLine})`
    )
  return facts
}

function diagnosisSection(route: RouteFinding, links: ReportLinks, healthPath: string, heading: string): string[] {
  const { result, diagnosis } = route
  if (!diagnosis) return []
  const facts = [patternFact(diagnosis.pattern, links)]
  if (diagnosis.totalSamples === 0) {
    const why = result.capture?.unavailable ?? 'no stacks were captured'
    return [
      facts.join('\n'),
      '',
      `**No stacks were captured:** ${why}. The probe timings below still show the hang; see "Stack capture" in the README to enable it.`
    ]
  }
  facts.push(...placeFacts(diagnosis, links))
  if (diagnosis.details.waitingFor) {
    if (diagnosis.pattern === 'threadpool-exhausted') {
      facts.push(
        `- **Pool threads:** ${diagnosis.details.busyWorkers} busy in ${inlineCode(diagnosis.details.waitingFor)}`
      )
    } else {
      const workers = diagnosis.details.executor === 'ProcessPoolExecutor' ? 'worker process(es)' : 'worker thread(s)'
      facts.push(
        `- **Waiting for:** ${diagnosis.details.busyWorkers} ${workers} still running ${inlineCode(diagnosis.details.waitingFor)}`
      )
    }
  }
  const began = beganIn(result)
  if (began) facts.push(`- **Began:** ${BEGAN[began]}`)
  const lasted = lastedIn(result)
  if (lasted) facts.push(`- **Lasted:** ${lasted}`)
  if (diagnosis.loopThread) facts.push(`- **Event loop:** ${loopEvidence(diagnosis, result)}`)
  const parts = [facts.join('\n'), '', diagnosis.explanation]
  const excerpt = excerptBlock(diagnosis)
  if (excerpt) parts.push('', excerpt)
  if (route.fix) parts.push('', `${heading} Fix`, '', fixSection(route.fix, route.verification, links, healthPath))
  return parts
}

/** The phase in which the hang, or else the longest stall, began. */
export function beganIn(result: Pick<RouteResult, 'hang' | 'verdict' | 'stalls'>): ProbePhase | undefined {
  return result.hang?.phase ?? (result.verdict === 'stalled' ? longestStall(result.stalls)?.phase : undefined)
}

/** For a stalled run: how long the longest stall lasted, and how often the loop stalled. */
export function lastedIn(result: RouteResult): string | undefined {
  const longest = result.verdict === 'stalled' ? longestStall(result.stalls) : undefined
  if (!longest) return undefined
  const cycles = new Set(result.stalls.map(s => s.cycle)).size
  const count = result.stalls.length === 1 ? '1 stall' : `${result.stalls.length} stalls`
  const where =
    result.route.found === 'idle'
      ? 'while idle'
      : `in ${cycles} of ${result.cycles.length} cycle${result.cycles.length === 1 ? '' : 's'}`
  return `${formatDuration(longest.durationMs)} (the longest stall); ${count} ${where}`
}

export const BEGAN: Record<ProbePhase, string> = {
  'after-sniff': 'when discovery opened and closed the route, to see whether it streams (a disconnect, as any)',
  baseline: 'before the route was opened',
  'during-stream': 'while the stream was still open (a blocking call between two events), not at the disconnect',
  'after-abort': 'when the client disconnected (in the code that runs as the stream is cancelled)',
  'before-first-event':
    'before the first event (in the code that runs between the request and the first event it sends)',
  idle: 'while idle, between routes: no request of ours was running (a background task, or work scheduled by an earlier request)'
}

/**
 * What the samples say about the loop thread, relative to the probe that went
 * unanswered: "at the same place in 3 of 3 samples, 0.3–0.9 s after the probe
 * was sent" or, when it computes, "running in 3 of 3 samples".
 */
export function loopEvidence(diagnosis: Diagnosis, result: RouteResult): string {
  const thread = diagnosis.loopThread as NonNullable<Diagnosis['loopThread']>
  const who = `thread ${thread.name ? `"${thread.name}" ` : ''}of pid ${thread.pid}`
  const marks = diagnosis.timeline
  if (marks.length === 0) return who
  const stall = result.verdict === 'stalled' ? longestStall(result.stalls) : undefined
  const since = result.hang?.probe.sentAtMs ?? stall?.startMs
  const probe = stall ? 'slow probe' : 'unanswered probe'
  const first = marks[0] as SampleMark
  const last = marks.at(-1) as SampleMark
  const when =
    since === undefined
      ? ''
      : marks.length === 1
        ? `, ${formatDuration(Math.max(0, last.atMs - since))} after the ${probe} was sent`
        : `, taken ${formatDuration(Math.max(0, first.atMs - since))}–${formatDuration(Math.max(0, last.atMs - since))} after the ${probe} was sent`
  const loopState = (mark: SampleMark): string => (mark.active ? 'running' : 'waiting')
  if (diagnosis.pattern === 'cpu-bound') {
    return `${who}, running Python (not waiting) in ${marks.filter(m => m.active).length} of ${marks.length} samples${when}`
  }
  const same = marks.filter(m => m.samePlace)
  const steady =
    same.length === marks.length && marks.length > 1
      ? ` (${loopState(last)} in the same place for at least ${formatDuration(last.atMs - first.atMs)})`
      : ''
  return `${who}, at the same place in ${same.length} of ${marks.length} samples${when}${steady}`
}

function captureNote(result: RouteResult | undefined): string {
  const capture = result?.capture
  if (!capture || capture.unavailable) return ''
  return `<sub>Stacks captured with ${capture.method}.</sub>`
}

/** The table of the routes checked, those not checked, and what discovery did. */
function routesTable(run: RunResult, routes: RouteFinding[]): string {
  const rows = routes.map(({ result, diagnosis }) => {
    const verdict = verdictLabel(result.verdict, diagnosis?.pattern)
    const slowest = slowestProbe(probesOf(result))
    return `| \`${routeLabel(result.route)}\` | ${result.route.found}${result.streams ? '' : ' (does not stream)'} | ${verdict} | ${slowest ? formatLatency(slowest, result.healthTimeoutMs) : '—'} |`
  })
  const share = run.shard
    ? [
        `This job checked share ${run.shard.index} of ${run.shard.count} (shard): ${run.shard.routes} of the app's ${run.shard.total} route(s).`,
        ''
      ]
    : []
  const parts = [...share, '| route | found | verdict | slowest probe |', '|---|---|---|---:|', ...rows]
  for (const { route, reason } of run.notChecked)
    parts.push(`| \`${routeLabel(route)}\` | ${route.found} | not checked: ${reason} | — |`)
  for (const restart of run.restarts ?? []) {
    parts.push(
      '',
      restart.failed
        ? `The app was not started again after \`${restart.after}\` left it broken: ${restart.failed}`
        : `The app was started again after \`${restart.after}\` left it broken, and answered again ${formatDuration(restart.answeredAtMs ?? 0)} into the run: the routes after it were checked on it.`
    )
  }
  const discovery = run.discovery
  if (discovery) {
    parts.push(
      '',
      `Found by discovery: ${discovery.declared} route(s) declared as \`text/event-stream\` in \`${discovery.openapiPath}\`, and ${discovery.sniffedStreams} of the ${discovery.sniffed} GET route(s) opened once answered with one.`
    )
    if (discovery.leftAside.length > 0)
      parts.push(
        '',
        details(`Left aside (${discovery.leftAside.length})`, discovery.leftAside.map(l => `- ${l}`).join('\n'))
      )
  }
  return parts.join('\n')
}

/** A route's part of the report: its diagnosis, fix, stalls, timings and stacks. */
function routeSections(route: RouteFinding, input: ReportInput, single: boolean): string[] {
  const { result, diagnosis } = route
  const heading = single ? '###' : '####'
  const parts: string[] = []
  if (!single)
    parts.push('', routeHeading(result.verdict, routeLabel(result.route), diagnosis?.pattern), '', result.headline)
  if (result.verdict === 'hung' || result.verdict === 'stalled')
    parts.push('', ...diagnosisSection(route, input.links, input.healthPath, heading))
  const stalls = stallsSection(result, heading)
  if (stalls) parts.push('', stalls)
  const table = timingsTable(result)
  if (table) parts.push('', `${heading} Probe timings`, '', table, '', latencyChart(result))
  const noise = noiseNote(result)
  if (noise) parts.push('', noise)
  const where = single ? '' : ` (\`${routeLabel(result.route)}\`)`
  if (diagnosis?.loopStack)
    parts.push('', threadSection(`Event loop thread stack${where}`, [diagnosis.loopStack], true))
  if (diagnosis && diagnosis.otherThreads.length > 0)
    parts.push('', threadSection(`Other threads (${diagnosis.otherThreads.length})${where}`, diagnosis.otherThreads))
  return parts
}

/** The whole report in Markdown: the verdict, the routes, then each route that is not healthy in full. */
export function renderReport(input: ReportInput): string {
  const { run, routes } = input
  const decisive = run.decisive === undefined ? undefined : routes[run.decisive]
  const parts: string[] = []
  parts.push(titleLine(run.verdict, decisive?.diagnosis?.pattern), '', run.headline)

  if (run.verdict === 'startup-failed' || run.verdict === 'crashed') {
    const tail = run.appLogTail.length > 0 ? codeBlock(run.appLogTail.join('\n')) : '_The app printed nothing._'
    parts.push('', `### App output (last ${run.appLogTail.length} lines)`, '', tail)
  }
  if (routes.length > 0 || run.notChecked.length > 0) parts.push('', '### Routes', '', routesTable(run, routes))

  // one route: its whole story; several: each one that is not healthy, in full
  const single = routes.length === 1
  const shown = single ? routes : routes.filter(r => r.result.verdict !== 'healthy')
  for (const route of shown) parts.push(...routeSections(route, input, single))

  const note = captureNote(decisive?.result ?? routes.find(r => r.result.capture)?.result)
  if (note) parts.push('', note)
  const warnings = [
    ...run.warnings,
    ...routes.flatMap(r => r.result.warnings.map(w => (single ? w : `\`${routeLabel(r.result.route)}\`: ${w}`)))
  ]
  if (warnings.length > 0)
    parts.push('', details(`Warnings (${warnings.length})`, warnings.map(w => `- ${w}`).join('\n')))
  if (run.verdict !== 'startup-failed' && run.verdict !== 'crashed' && run.appLogTail.length > 0) {
    parts.push('', details(`App output (last ${run.appLogTail.length} lines)`, codeBlock(run.appLogTail.join('\n'))))
  }
  const checked =
    routes.length === 1
      ? `Route: \`${routeLabel((routes[0] as RouteFinding).result.route)}\``
      : `${routes.length} routes`
  const footer = [
    checked,
    `health: \`${input.healthPath}\``,
    `verdict after ${formatDuration(run.verdictAtMs)}`,
    `backend-hang-debug ${VERSION}`
  ]
  if (input.links.run) footer.push(`[workflow run](${input.links.run})`)
  parts.push('', `<sub>${footer.join(' · ')}</sub>`)
  return parts.join('\n') + '\n'
}
