// Renders the run as Markdown for the job summary, the PR comment and the
// report file. Pure: every fact comes in as data.

import { PATTERNS } from '../analysis/catalog.js'
import { formatThread } from '../analysis/py-spy-dump.js'
import { VERSION } from '../core/version.js'
import {
  longestStall,
  probesOf,
  routeLabel,
  type Culprit,
  type Diagnosis,
  type FixChange,
  type FixProposal,
  type ProbePhase,
  type ProbeResult,
  type RunResult,
  type SampleMark,
  type ThreadStack,
  type RouteResult,
  type Verdict,
  type FixTrial,
  type RouteFinding
} from '../core/model.js'
import { formatDuration } from '../core/durations.js'

export interface ReportLinks {
  /** the workflow run */
  run?: string
  /** the catalog entry of a pattern */
  pattern: (id: string) => string
  /** the culprit line at the commit; undefined when it cannot be linked */
  source?: (appRelativePath: string, line: number) => string | undefined
}

/** One route of the run as the report shows it. */
export interface ReportInput {
  run: RunResult
  /** each route checked, in order */
  routes: RouteFinding[]
  healthPath: string
  links: ReportLinks
}

const ICON: Record<Verdict, string> = {
  healthy: '✅',
  stalled: '🟠',
  hung: '🛑',
  unhealthy: '⚠️',
  crashed: '💥',
  'startup-failed': '⛔'
}

/** A fenced code block that the content cannot break out of. */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${language}\n${text}\n${fence}`
}

function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`
}

/** Inline code that survives backticks in the text. */
function inlineCode(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``
}

export function formatLatency(probe: ProbeResult, timeoutMs: number): string {
  if (probe.outcome === 'timeout') return `> ${formatDuration(timeoutMs)} (timeout)`
  const ms = probe.latencyMs < 10 ? probe.latencyMs.toFixed(1) : Math.round(probe.latencyMs).toString()
  if (probe.outcome === 'http-error') return `${ms} ms (HTTP ${probe.status})`
  if (probe.outcome === 'unreachable') return `${ms} ms (${probe.detail ?? 'unreachable'})`
  return `${ms} ms`
}

const PHASE_LABEL: Record<ProbePhase, string> = {
  baseline: 'baseline (no stream)',
  'during-stream': 'during the stream',
  'after-abort': 'after the disconnect',
  'after-sniff': 'after discovery opened it',
  'before-first-event': 'before the first event',
  idle: 'idle, no request of ours running'
}
const PHASE_TAG: Record<ProbePhase, string> = {
  baseline: 'B',
  'before-first-event': 'F',
  'during-stream': 'S',
  'after-abort': 'A',
  'after-sniff': 'D',
  idle: 'I'
}

/** The slowest of some probes; a failed probe outranks any answered one, whatever its latency. */
export function slowestProbe(probes: ProbeResult[]): ProbeResult | undefined {
  const weight = (p: ProbeResult): number => (p.outcome === 'ok' ? 0 : 1e12) + p.latencyMs
  return probes.reduce<ProbeResult | undefined>((a, b) => (a === undefined || weight(b) > weight(a) ? b : a), undefined)
}

/** Markdown inline code as plain text, for the log and the terminal. */
export function plainText(markdown: string): string {
  return markdown.replaceAll('`', '')
}

/** The source around a culprit, one row per line, with its number padded and the culprit's line marked. */
export function excerptRows(place: Culprit): { number: string; text: string; marked: boolean }[] {
  const excerpt = place.excerpt
  if (!excerpt) return []
  const width = String(excerpt.firstLine + excerpt.lines.length - 1).length
  return excerpt.lines.map((text, i) => {
    const number = excerpt.firstLine + i
    return { number: String(number).padStart(width), text, marked: number === place.line }
  })
}

function timingsTable(result: RouteResult): string {
  const rows = (
    ['after-sniff', 'idle', 'baseline', 'before-first-event', 'during-stream', 'after-abort'] as ProbePhase[]
  ).flatMap(phase => {
    const probes = probesOf(result).filter(p => p.phase === phase)
    const slowest = slowestProbe(probes)
    if (!slowest) return []
    const fastest = probes.reduce((a, b) => (b.latencyMs < a.latencyMs ? b : a))
    return [
      `| ${PHASE_LABEL[phase]} | ${probes.length} | ${formatLatency(fastest, result.healthTimeoutMs)} | ${formatLatency(slowest, result.healthTimeoutMs)} |`
    ]
  })
  if (rows.length === 0) return ''
  return ['| health probe | probes | fastest | slowest |', '|---|---:|---:|---:|', ...rows].join('\n')
}

/** The slowest probe of each phase of each cycle, in the order sent: one bar each in the chart. */
function chartProbes(result: RouteResult): { label: string; probe: ProbeResult }[] {
  const bars: { label: string; probe: ProbeResult }[] = result.baseline.map((probe, i) => ({
    label: `${PHASE_TAG.baseline}${i + 1}`,
    probe
  }))
  for (const cycle of result.cycles) {
    for (const phase of ['after-sniff', 'idle', 'before-first-event', 'during-stream', 'after-abort'] as const) {
      const slowest = slowestProbe(cycle.probes.filter(p => p.phase === phase))
      if (slowest) bars.push({ label: `${PHASE_TAG[phase]}${cycle.cycle}`, probe: slowest })
    }
  }
  return bars
}

/** A Mermaid bar chart of the slowest probe of each phase of each cycle, with the timeout as a line. */
export function latencyChart(result: RouteResult): string {
  const bars = chartProbes(result)
  if (bars.length === 0) return ''
  const values = bars.map(b => Math.round(Math.min(b.probe.latencyMs, result.healthTimeoutMs)))
  const top = Math.ceil((result.healthTimeoutMs * 1.1) / 10) * 10
  return [
    '```mermaid',
    'xychart-beta',
    `    title "Slowest health probe (ms); the line is the ${formatDuration(result.healthTimeoutMs)} timeout"`,
    `    x-axis [${bars.map(b => `"${b.label}"`).join(', ')}]`,
    `    y-axis "ms" 0 --> ${top}`,
    `    bar [${values.join(', ')}]`,
    `    line [${values.map(() => result.healthTimeoutMs).join(', ')}]`,
    '```',
    '',
    '<sub>B = baseline, S = while streaming, A = after the client disconnected, D = after discovery opened the route; the number is the cycle. Each bar is the slowest probe of its phase.</sub>'
  ].join('\n')
}

function excerptBlock(diagnosis: Diagnosis): string {
  const rows = diagnosis.culprit ? excerptRows(diagnosis.culprit) : []
  if (rows.length === 0) return ''
  return codeBlock(rows.map(row => `${row.marked ? '>' : ' '} ${row.number} | ${row.text}`).join('\n'), 'python')
}

function threadSection(title: string, threads: ThreadStack[], open = false): string {
  if (threads.length === 0) return ''
  return details(title, codeBlock(threads.map(formatThread).join('\n\n')), open)
}

function diagnosisSection(route: RouteFinding, links: ReportLinks, healthPath: string, heading: string): string[] {
  const { result, diagnosis } = route
  if (!diagnosis) return []
  const info = PATTERNS[diagnosis.pattern]
  const facts = [`- **Pattern:** [\`${diagnosis.pattern}\`](${links.pattern(diagnosis.pattern)}): ${info.title}`]
  if (diagnosis.totalSamples === 0) {
    const why = result.capture?.unavailable ?? 'no stacks were captured'
    return [
      facts.join('\n'),
      '',
      `**No stacks were captured:** ${why}. The probe timings below still show the hang; see "Stack capture" in the README to enable it.`
    ]
  }
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
export function beganIn(result: RouteResult): ProbePhase | undefined {
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

/** The lines of a change without the indentation they share, for reading. */
function dedented(lines: string[]): string {
  const indent = Math.min(...lines.filter(l => l.trim() !== '').map(l => l.length - l.trimStart().length))
  return lines.map(l => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n')
}

/** One change as Markdown: where, the summary, and the code before and after. */
function changeMarkdown(change: FixChange, links: ReportLinks, title: string): string[] {
  const [statement, ...others] = change.edits
  if (!statement) return []
  const place = placeLink(
    { path: change.where.path, line: change.where.line, function: change.where.function, absolutePath: '' },
    links
  )
  const parts = [
    `**${title}** in ${place}: ${change.summary}`,
    '',
    '**Before**',
    '',
    codeBlock(dedented(statement.before), 'python'),
    '',
    '**After**',
    '',
    codeBlock(dedented(statement.after), 'python')
  ]
  for (const edit of others) {
    if (edit.before.length === 0 && edit.after.length === 1 && /^import /.test(edit.after[0] as string)) {
      parts.push('', `and at the top of \`${edit.path}\`: \`${edit.after[0]}\``)
    } else {
      parts.push(
        '',
        `and in \`${edit.path}\` at line ${edit.firstLine}:`,
        '',
        codeBlock(dedented(edit.after), 'python')
      )
    }
  }
  return parts
}

/** What trying the change showed, in one line. */
export function verificationLine(verification: FixTrial, healthPath: string): string {
  if (verification.skipped) return `The change was not tried: ${verification.skipped}.`
  const probes = verification.probes === undefined ? '' : ` (${verification.probes} probes)`
  if (verification.verdict === 'healthy') {
    return `✅ **Tried:** the change was applied to a scratch copy of the app and the route checked again: \`${healthPath}\` then answered in ${Math.round(verification.slowestProbeMs ?? 0)} ms or less in every probe${probes}.`
  }
  const at = verification.culprit ? ` at \`${verification.culprit}\`` : ''
  const what = verification.pattern ? ` (\`${verification.pattern}\`)` : ''
  const why = verification.headline ? `: ${plainText(verification.headline)}` : '.'
  return `⚠️ **Tried:** the change was applied to a scratch copy of the app and the route checked again: still ${verification.verdict}${at}${what}. The change alone is not enough${why}`
}

/** The Fix section: the general advice, then the change built from the code (or why there is none), what trying it showed, the alternative. */
export function fixSection(
  fix: FixProposal,
  verification: FixTrial | undefined,
  links: ReportLinks,
  healthPath = '/health'
): string {
  const parts = [fix.advice]
  if (fix.primary) {
    parts.push('', ...changeMarkdown(fix.primary, links, 'The change'))
    if (verification) parts.push('', verificationLine(verification, healthPath))
  } else if (fix.unknownShape) {
    parts.push('', `_No change is shown: ${fix.unknownShape}._`)
  }
  if (fix.alternative) parts.push('', ...changeMarkdown(fix.alternative, links, 'Or'))
  for (const note of fix.notes) parts.push('', note)
  return parts.join('\n')
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

function placeLink(place: Culprit, links: ReportLinks): string {
  const url = links.source?.(place.path, place.line)
  const text = url ? `[\`${place.path}:${place.line}\`](${url})` : `\`${place.path}:${place.line}\``
  return `${text} in ${inlineCode(place.function)}`
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

/** Every stall, when there were any: when, how long, where the loop was, and what blocked it. */
export function stallsSection(result: RouteResult, heading = '###'): string {
  if (result.stalls.length === 0) return ''
  const rows = result.stalls.map(stall => {
    const blocked = stall.samples.filter(s => s.blocked).length
    const where = stall.culprit ? inlineCode(stall.culprit) : '—'
    return `| ${stall.cycle || '—'} | ${PHASE_LABEL[stall.phase]} | ${formatDuration(stall.startMs)} | ${formatDuration(stall.durationMs)} | \`${stall.pattern}\` | ${where} | ${blocked} of ${stall.samples.length} |`
  })
  const intro =
    result.verdict === 'stalled'
      ? `The loop was blocked for ${formatDuration(result.stallThresholdMs)} (stall-threshold) or more, while every probe still answered within the timeout:`
      : `Besides the ${result.verdict} verdict, the loop stalled for ${formatDuration(result.stallThresholdMs)} (stall-threshold) or more:`
  return [
    `${heading} Stalls (${result.stalls.length})`,
    '',
    intro,
    '',
    '| cycle | when | probe sent at | lasted | pattern | culprit | samples blocked |',
    '|---:|---|---:|---:|---|---|---:|',
    ...rows
  ].join('\n')
}

/** Slow probes that were not stalls: the samples showed the loop free, so they get no verdict, but they are said. */
function noiseNote(result: RouteResult): string {
  const stalled = new Set(result.stalls.map(s => s.startMs))
  const noise = result.slowProbes.filter(s => !stalled.has(s.probe.sentAtMs) && s.samples.length > 0)
  if (noise.length === 0) return ''
  return (
    `<sub>${noise.length} probe(s) took ${formatDuration(result.stallThresholdMs)} (stall-threshold) or more, but the stacks sampled while they waited did not show the loop blocked ` +
    "in the app's code or a known blocking call (a slow health route, or a busy machine): no verdict.</sub>"
  )
}

function captureNote(result: RouteResult | undefined): string {
  const capture = result?.capture
  if (!capture || capture.unavailable) return ''
  return `<sub>Stacks captured with ${capture.method}.</sub>`
}

/** The table of the routes checked, those not checked, and what discovery did. */
function routesTable(run: RunResult, routes: RouteFinding[]): string {
  const rows = routes.map(({ result, diagnosis }) => {
    const verdict = `${ICON[result.verdict]} ${result.verdict}${diagnosis ? `: \`${diagnosis.pattern}\`` : ''}`
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
    parts.push(
      '',
      `### ${ICON[result.verdict]} \`${routeLabel(result.route)}\`: ${result.verdict}${diagnosis ? `: \`${diagnosis.pattern}\`` : ''}`,
      '',
      result.headline
    )
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
  const pattern = decisive?.diagnosis ? `: \`${decisive.diagnosis.pattern}\`` : ''
  parts.push(`## ${ICON[run.verdict]} backend-hang-debug: ${run.verdict}${pattern}`, '', run.headline)

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

interface Block {
  start: number
  end: number
  summary: string
}

/** The top-level `<details>` blocks and Mermaid charts, by line, outside code fences. */
function droppableBlocks(lines: string[]): Block[] {
  const blocks: Block[] = []
  let fence = ''
  let depth = 0
  let open: Block | undefined
  lines.forEach((line, i) => {
    const fenceMatch = /^(`{3,})/.exec(line)
    if (fence === '' && fenceMatch && line.startsWith('```mermaid') && depth === 0) {
      open = { start: i, end: i, summary: 'the latency chart' }
    }
    if (fenceMatch) {
      if (fence === '') fence = fenceMatch[1] as string
      else if (line.trim() === fence) {
        fence = ''
        if (open && open.summary === 'the latency chart' && depth === 0) {
          blocks.push({ ...open, end: i })
          open = undefined
        }
      }
      return
    }
    if (fence !== '') return
    const opens = (line.match(/<details[\s>]/g) ?? []).length
    const closes = (line.match(/<\/details>/g) ?? []).length
    if (depth === 0 && opens > 0) open = { start: i, end: i, summary: 'a section' }
    if (open && depth === 1 && open.summary === 'a section') {
      const summary = /<summary>(.*?)<\/summary>/.exec(line)
      if (summary) open.summary = summary[1] as string
    }
    depth += opens - closes
    if (open && depth === 0 && closes > 0) {
      blocks.push({ ...open, end: i })
      open = undefined
    }
  })
  return blocks
}

/**
 * The report cut to at most `limit` characters for a comment or an issue:
 * the collapsed sections (stacks, other threads, app output) and the chart go
 * first, from the end, each replaced by a line that says so; the verdict, the
 * culprit and the fix come before them and stay. Only when that is not enough
 * is the rest cut at a line, with any open code block closed.
 */
export function fitToLimit(markdown: string, limit: number, fullReportAt: string): string {
  if (markdown.length <= limit) return markdown
  const note = `\n\n> ✂️ This report was cut to fit GitHub's size limit. The full report: ${fullReportAt}.\n`
  let lines = markdown.split('\n')
  const size = (): number => lines.join('\n').length + note.length
  for (const block of droppableBlocks(lines).reverse()) {
    if (size() <= limit) break
    lines = [
      ...lines.slice(0, block.start),
      `_(${block.summary.replace(/<[^>]+>/g, '')}: cut, see the full report)_`,
      ...lines.slice(block.end + 1)
    ]
  }
  let text = lines.join('\n')
  if (text.length + note.length > limit) {
    text = text.slice(0, Math.max(0, limit - note.length - 10))
    text = text.slice(0, Math.max(0, text.lastIndexOf('\n')))
    const fences = text.split('\n').filter(line => /^`{3,}/.test(line)).length
    if (fences % 2 === 1) text += '\n```'
  }
  return text.trimEnd() + note
}
