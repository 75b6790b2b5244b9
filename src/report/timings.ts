// The probe timings of a route: the table by phase, the Mermaid chart of the
// slowest probe of each phase of each cycle, and the table of its stalls.

import { formatDuration } from '../core/durations.js'
import { probesOf, type ProbePhase, type ProbeResult, type RouteResult } from '../core/model.js'
import { inlineCode } from './markdown.js'

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

export function timingsTable(result: RouteResult): string {
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
export function noiseNote(result: RouteResult): string {
  const stalled = new Set(result.stalls.map(s => s.startMs))
  const noise = result.slowProbes.filter(s => !stalled.has(s.probe.sentAtMs) && s.samples.length > 0)
  if (noise.length === 0) return ''
  return (
    `<sub>${noise.length} probe(s) took ${formatDuration(result.stallThresholdMs)} (stall-threshold) or more, but the stacks sampled while they waited did not show the loop blocked ` +
    "in the app's code or a known blocking call (a slow health route, or a busy machine): no verdict.</sub>"
  )
}
