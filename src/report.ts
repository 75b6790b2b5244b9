// Renders the run as Markdown for the job summary, the PR comment and the
// report file. Pure: every fact comes in as data.

import { fixFor, PATTERNS } from './analysis/catalog.js'
import { formatThread } from './analysis/py-spy-dump.js'
import { formatDuration } from './inputs.js'
import { probesOf, type Culprit, type Diagnosis, type SampleMark, type ProbePhase, type ProbeResult, type ThreadStack, type TriageResult, type Verdict } from './model.js'

export interface ReportLinks {
  /** the workflow run */
  run?: string
  /** the catalog entry of a pattern */
  pattern: (id: string) => string
  /** the culprit line at the commit; undefined when it cannot be linked */
  source?: (appRelativePath: string, line: number) => string | undefined
}

export interface ReportInput {
  result: TriageResult
  diagnosis?: Diagnosis
  healthPath: string
  /** e.g. `GET /api/news/stream` */
  stream: string
  links: ReportLinks
}

const ICON: Record<Verdict, string> = {
  healthy: '✅',
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
  'after-abort': 'right after the abort'
}
const PHASE_TAG: Record<ProbePhase, string> = { baseline: 'B', 'during-stream': 'S', 'after-abort': 'A' }

function probeLabel(probe: ProbeResult, index: number): string {
  return probe.phase === 'baseline' ? `${PHASE_TAG.baseline}${index + 1}` : `${PHASE_TAG[probe.phase]}${probe.cycle}`
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

function timingsTable(result: TriageResult): string {
  const rows = (['baseline', 'during-stream', 'after-abort'] as ProbePhase[]).flatMap(phase => {
    const probes = probesOf(result).filter(p => p.phase === phase)
    const slowest = slowestProbe(probes)
    if (!slowest) return []
    const fastest = probes.reduce((a, b) => (b.latencyMs < a.latencyMs ? b : a))
    return [`| ${PHASE_LABEL[phase]} | ${probes.length} | ${formatLatency(fastest, result.healthTimeoutMs)} | ${formatLatency(slowest, result.healthTimeoutMs)} |`]
  })
  if (rows.length === 0) return ''
  return ['| health probe | probes | fastest | slowest |', '|---|---:|---:|---:|', ...rows].join('\n')
}

/** A Mermaid bar chart of every probe's latency with the timeout as a line. */
export function latencyChart(result: TriageResult): string {
  const probes = probesOf(result)
  if (probes.length === 0) return ''
  let baselineIndex = 0
  const labels = probes.map(p => probeLabel(p, p.phase === 'baseline' ? baselineIndex++ : 0))
  const values = probes.map(p => Math.round(Math.min(p.latencyMs, result.healthTimeoutMs)))
  const top = Math.ceil((result.healthTimeoutMs * 1.1) / 10) * 10
  return [
    '```mermaid',
    'xychart-beta',
    `    title "Health probe latency (ms); the line is the ${formatDuration(result.healthTimeoutMs)} timeout"`,
    `    x-axis [${labels.map(l => `"${l}"`).join(', ')}]`,
    `    y-axis "ms" 0 --> ${top}`,
    `    bar [${values.join(', ')}]`,
    `    line [${values.map(() => result.healthTimeoutMs).join(', ')}]`,
    '```',
    '',
    '<sub>B = baseline, S = while streaming, A = right after the client disconnected; the number is the cycle.</sub>'
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

function diagnosisSection(input: ReportInput): string[] {
  const { result, diagnosis, links } = input
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
      facts.push(`- **Pool threads:** ${diagnosis.details.busyWorkers} busy in ${inlineCode(diagnosis.details.waitingFor)}`)
    } else {
      const workers = diagnosis.details.executor === 'ProcessPoolExecutor' ? 'worker process(es)' : 'worker thread(s)'
      facts.push(`- **Waiting for:** ${diagnosis.details.busyWorkers} ${workers} still running ${inlineCode(diagnosis.details.waitingFor)}`)
    }
  }
  if (result.hang) facts.push(`- **Began:** ${BEGAN[result.hang.phase]}`)
  if (diagnosis.loopThread) facts.push(`- **Event loop:** ${loopEvidence(diagnosis, result)}`)
  const parts = [facts.join('\n'), '', diagnosis.explanation]
  const excerpt = excerptBlock(diagnosis)
  if (excerpt) parts.push('', excerpt)
  parts.push('', '### Fix', '', fixFor(diagnosis))
  return parts
}

export const BEGAN: Record<ProbePhase, string> = {
  baseline: 'before any stream was opened',
  'during-stream': 'while the stream was still open (a blocking call between two events), not at the disconnect',
  'after-abort': "when the client disconnected (in the code that runs as the stream is cancelled)"
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
export function loopEvidence(diagnosis: Diagnosis, result: TriageResult): string {
  const thread = diagnosis.loopThread as NonNullable<Diagnosis['loopThread']>
  const who = `thread ${thread.name ? `"${thread.name}" ` : ''}of pid ${thread.pid}`
  const marks = diagnosis.timeline
  if (marks.length === 0) return who
  const since = result.hang?.probe.sentAtMs
  const first = marks[0] as SampleMark
  const last = marks.at(-1) as SampleMark
  const when =
    since === undefined
      ? ''
      : marks.length === 1
        ? `, ${formatDuration(Math.max(0, last.atMs - since))} after the unanswered probe was sent`
        : `, taken ${formatDuration(Math.max(0, first.atMs - since))}–${formatDuration(Math.max(0, last.atMs - since))} after the unanswered probe was sent`
  const loopState = (mark: SampleMark): string => (mark.active ? 'running' : 'waiting')
  if (diagnosis.pattern === 'cpu-bound') {
    return `${who}, running Python (not waiting) in ${marks.filter(m => m.active).length} of ${marks.length} samples${when}`
  }
  const same = marks.filter(m => m.samePlace)
  const steady = same.length === marks.length && marks.length > 1 ? ` (${loopState(last)} in the same place for at least ${formatDuration(last.atMs - first.atMs)})` : ''
  return `${who}, at the same place in ${same.length} of ${marks.length} samples${when}${steady}`
}

function captureNote(result: TriageResult): string {
  const capture = result.capture
  if (!capture || capture.unavailable) return ''
  return `<sub>Stacks captured with ${capture.method}.</sub>`
}

/** The whole report in Markdown. */
export function renderReport(input: ReportInput): string {
  const { result, diagnosis } = input
  const parts: string[] = []
  const pattern = result.verdict === 'hung' && diagnosis ? `: \`${diagnosis.pattern}\`` : ''
  parts.push(`## ${ICON[result.verdict]} backend-hang-debug: ${result.verdict}${pattern}`, '', result.headline)

  if (result.verdict === 'hung') parts.push('', ...diagnosisSection(input))

  if (result.verdict === 'startup-failed' || result.verdict === 'crashed') {
    const tail = result.appLogTail.length > 0 ? codeBlock(result.appLogTail.join('\n')) : '_The app printed nothing._'
    parts.push('', `### App output (last ${result.appLogTail.length} lines)`, '', tail)
  }

  const table = timingsTable(result)
  if (table) parts.push('', '### Probe timings', '', table, '', latencyChart(result))

  if (diagnosis?.loopStack) {
    parts.push('', threadSection('Event loop thread stack', [diagnosis.loopStack], true))
  }
  if (diagnosis && diagnosis.otherThreads.length > 0) {
    parts.push('', threadSection(`Other threads (${diagnosis.otherThreads.length})`, diagnosis.otherThreads))
  }
  const note = captureNote(result)
  if (note) parts.push('', note)
  if (result.warnings.length > 0) {
    parts.push('', details(`Warnings (${result.warnings.length})`, result.warnings.map(w => `- ${w}`).join('\n')))
  }
  if (result.verdict !== 'startup-failed' && result.verdict !== 'crashed' && result.appLogTail.length > 0) {
    parts.push('', details(`App output (last ${result.appLogTail.length} lines)`, codeBlock(result.appLogTail.join('\n'))))
  }
  const footer = [`Stream: \`${input.stream}\``, `health: \`${input.healthPath}\``, `verdict after ${formatDuration(result.verdictAtMs)}`]
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
    lines = [...lines.slice(0, block.start), `_(${block.summary.replace(/<[^>]+>/g, '')}: cut, see the full report)_`, ...lines.slice(block.end + 1)]
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
