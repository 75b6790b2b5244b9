// The command line's output: a live line per phase (with a countdown while
// a probe waits), then the diagnosis rendered for a terminal. Colour only on
// a terminal and never under NO_COLOR.

import { PATTERNS } from '../analysis/catalog.js'
import { VERSION } from '../core/version.js'
import type { Investigation } from '../engine/investigation.js'
import type { Logger } from '../core/logger.js'
import {
  type ProbePhase,
  probesOf,
  type ProgressEvent,
  type Route,
  type RouteFinding,
  routeLabel,
  warningsOf
} from '../core/model.js'
import { BEGAN, beganIn, lastedIn, loopEvidence } from '../report/report.js'
import { formatDuration } from '../core/durations.js'
import { excerptRows, plainText } from '../report/markdown.js'
import { fixSection } from '../report/fix-section.js'
import { formatLatency, slowestProbe } from '../report/timings.js'
import type { Culprit, Diagnosis } from '../core/diagnosis.js'

export interface Style {
  bold(text: string): string
  dim(text: string): string
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  orange(text: string): string
  cyan(text: string): string
}

const paint =
  (open: number | string, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`

const PLAIN: Style = {
  bold: t => t,
  dim: t => t,
  red: t => t,
  green: t => t,
  yellow: t => t,
  orange: t => t,
  cyan: t => t
}
const COLOUR: Style = {
  bold: paint(1, 22),
  dim: paint(2, 22),
  red: paint(31, 39),
  green: paint(32, 39),
  yellow: paint(33, 39),
  // 256-colour orange, the stalled verdict's colour as in the report's 🟠
  orange: paint('38;5;208', 39),
  cyan: paint(36, 39)
}

/** Colour when writing to a terminal, unless NO_COLOR is set (https://no-color.org) or it was turned off. */
export function styleFor(isTTY: boolean, env: NodeJS.ProcessEnv, wanted?: boolean): Style {
  const colour = wanted ?? (isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb')
  return colour ? COLOUR : PLAIN
}

export interface Output {
  write(text: string): void
  isTTY?: boolean
}

const PHASE: Record<ProbePhase, string> = {
  baseline: 'baseline',
  'during-stream': 'while streaming',
  'after-abort': 'after the disconnect',
  'after-sniff': 'after discovery opened it',
  'before-first-event': 'before the first event',
  idle: 'idle'
}
const COUNTDOWN_MS = 100

/**
 * The live display on stderr: each engine message as a line, and on a
 * terminal a countdown line while a probe waits, rewritten in place.
 */
export class LiveDisplay implements Logger {
  private countdown: NodeJS.Timeout | undefined

  constructor(
    private readonly out: Output,
    private readonly style: Style,
    private readonly verbose = false
  ) {}

  info(message: string): void {
    this.line(`${this.style.dim('›')} ${message}`)
  }

  warning(message: string): void {
    this.line(`${this.style.yellow('!')} ${message}`)
  }

  debug(message: string): void {
    if (this.verbose) this.line(this.style.dim(message))
  }

  progress(event: ProgressEvent): void {
    if (!this.out.isTTY) return
    if (event.kind === 'probe-sent') {
      const started = Date.now()
      this.stopCountdown()
      this.countdown = setInterval(() => {
        const left = Math.max(0, event.timeoutMs - (Date.now() - started))
        // only a probe that is slow to answer gets a countdown
        if (Date.now() - started < COUNTDOWN_MS * 2) return
        const where = `${PHASE[event.phase]}${event.cycle ? `, cycle ${event.cycle}` : ''}`
        this.out.write(
          `\r\u001b[2K${this.style.yellow('…')} probing (${where}): no answer yet, ${formatDuration(left)} left of ${formatDuration(event.timeoutMs)}`
        )
      }, COUNTDOWN_MS)
      this.countdown.unref()
    } else {
      this.stopCountdown()
    }
  }

  private stopCountdown(): void {
    if (!this.countdown) return
    clearInterval(this.countdown)
    this.countdown = undefined
    this.out.write('\r\u001b[2K')
  }

  private line(text: string): void {
    this.stopCountdown()
    this.out.write(`${text}\n`)
  }
}

const VERDICT_COLOUR = {
  healthy: 'green',
  stalled: 'orange',
  hung: 'red',
  unhealthy: 'yellow',
  crashed: 'red',
  'startup-failed': 'red'
} as const

/** Markdown of the catalog's fixes, for a terminal: code blocks indented, emphasis styled. */
export function markdownForTerminal(markdown: string, style: Style): string {
  let inCode = false
  const lines: string[] = []
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      inCode = !inCode
      continue
    }
    if (inCode) {
      lines.push(`    ${style.cyan(line)}`)
      continue
    }
    lines.push(
      line
        .replace(/\*\*(.+?)\*\*/g, (_, text: string) => style.bold(text))
        .replace(/`([^`]+)`/g, (_, code: string) => style.cyan(code))
    )
  }
  return lines.join('\n')
}

function sourceLines(place: Culprit, style: Style): string[] {
  return excerptRows(place).map(row => {
    const gutter = `${row.marked ? '>' : ' '} ${row.number} │ `
    return row.marked ? style.bold(style.red(gutter) + row.text) : style.dim(gutter) + row.text
  })
}

function diagnosisLines(route: RouteFinding, diagnosis: Diagnosis, healthPath: string, style: Style): string[] {
  const { result } = route
  const lines = [`${style.bold('Pattern:')}    ${diagnosis.pattern} (${PATTERNS[diagnosis.pattern].title})`]
  if (diagnosis.totalSamples === 0) {
    lines.push(
      '',
      `${style.bold('No stacks were captured:')} ${result.capture?.unavailable ?? 'unknown reason'}.`,
      '',
      ...privilegeAdvice(style)
    )
    return lines
  }
  const at = (place: Culprit): string => `${place.path}:${place.line} in ${place.function}`
  if (diagnosis.culprit) lines.push(`${style.bold('Culprit:')}    ${style.red(at(diagnosis.culprit))}`)
  if (diagnosis.entry) lines.push(`${style.bold('Called from:')} ${at(diagnosis.entry)}`)
  if (diagnosis.blockingCall) lines.push(`${style.bold('Blocked in:')} ${plainText(diagnosis.blockingCall)}`)
  if (diagnosis.details.waitingFor) lines.push(`${style.bold('Waiting for:')} ${diagnosis.details.waitingFor}`)
  const began = beganIn(result)
  if (began) lines.push(`${style.bold('Began:')}      ${BEGAN[began]}`)
  const lasted = lastedIn(result)
  if (lasted) lines.push(`${style.bold('Lasted:')}     ${lasted}`)
  if (diagnosis.loopThread) lines.push(`${style.bold('Event loop:')} ${loopEvidence(diagnosis, result)}`)
  if (diagnosis.culprit?.excerpt) lines.push('', ...sourceLines(diagnosis.culprit, style))
  lines.push('', plainText(diagnosis.explanation))
  if (route.fix) {
    const fix = fixSection(route.fix, route.verification, { pattern: () => '' }, healthPath)
    lines.push('', style.bold('Fix'), '', markdownForTerminal(fix, style))
  }
  return lines
}

/** How to give py-spy what it needs, instead of a bare permission error. */
function privilegeAdvice(style: Style): string[] {
  return [
    "py-spy reads the app's memory with ptrace, which needs one of:",
    `  - running this tool with ${style.cyan('sudo')} (or as the app's user with ${style.cyan('sudo sysctl kernel.yama.ptrace_scope=0')})`,
    `  - letting this tool start the app (a start command after ${style.cyan('--')}, not --pid): then ${style.cyan('--capture faulthandler')} works without privileges`
  ]
}

/** The routes checked, those not checked, and what discovery found, a line each. */
function routeLines(investigation: Investigation, style: Style): string[] {
  const { run, routes } = investigation
  const width = Math.max(
    0,
    ...[...routes.map(r => r.result.route), ...run.notChecked.map(n => n.route)].map(r => routeLabel(r).length)
  )
  const lines = routes.map(({ result, diagnosis }) => {
    const slowest = slowestProbe(probesOf(result))
    const verdict = style[VERDICT_COLOUR[result.verdict]](
      `${result.verdict}${diagnosis ? `: ${diagnosis.pattern}` : ''}`
    )
    return `  ${routeLabel(result.route).padEnd(width)}  ${result.route.found.padEnd(8)}  ${verdict}${slowest ? style.dim(`  slowest ${formatLatency(slowest, result.healthTimeoutMs)}`) : ''}`
  })
  for (const { route, reason } of run.notChecked)
    lines.push(`  ${routeLabel(route).padEnd(width)}  ${route.found.padEnd(8)}  ${style.dim(`not checked: ${reason}`)}`)
  if (run.discovery) {
    const d = run.discovery
    lines.push(
      style.dim(
        `  (discovery: ${d.declared} declared in ${d.openapiPath}; ${d.sniffedStreams} of ${d.sniffed} GET routes opened answered text/event-stream; ${d.leftAside.length} left aside)`
      )
    )
  }
  return lines
}

/** What --list-routes prints: the routes named, or those discovery found and why others were left aside. */
export function listedRoutes(
  investigation: Pick<Investigation, 'run' | 'routes'>,
  named: Route[]
): { routes: Route[]; leftAside: string[]; findings: { method: string; path: string; verdict: string }[] } {
  const { run } = investigation
  // a route that caused trouble when discovery opened it is a finding of its own
  const findings = investigation.routes
    .filter(r => r.result.verdict !== 'healthy')
    .map(r => ({ method: r.result.route.method, path: r.result.route.path, verdict: r.result.verdict }))
  return {
    routes: named.length > 0 ? named : (run.discovery?.routes ?? []),
    leftAside: run.discovery?.leftAside ?? [],
    findings
  }
}

export function renderRouteList(investigation: Pick<Investigation, 'run' | 'routes'>, named: Route[]): string {
  if (investigation.run.verdict === 'startup-failed')
    return `The app did not start: ${plainText(investigation.run.headline)}\n`
  const { routes, leftAside, findings } = listedRoutes(investigation, named)
  const width = Math.max(0, ...routes.map(r => routeLabel(r).length))
  const lines =
    routes.length > 0
      ? routes.map(r => `${routeLabel(r).padEnd(width)}  ${r.found}`)
      : ['No streaming route was found.']
  for (const finding of findings)
    lines.push(`! ${finding.method} ${finding.path}: ${finding.verdict} when discovery opened it`)
  if (leftAside.length > 0) lines.push('', 'Left aside:', ...leftAside.map(l => `  ${l}`))
  return lines.join('\n') + '\n'
}

/** The whole result for a terminal. */
export function renderForTerminal(investigation: Investigation, style: Style): string {
  const { run, routes, files } = investigation
  const colour = style[VERDICT_COLOUR[run.verdict]]
  const lines = ['', `${style.bold(colour(run.verdict.toUpperCase()))}  ${plainText(run.headline)}`, '']
  if (routes.length > 0 || run.notChecked.length > 0)
    lines.push(style.bold('Routes:'), ...routeLines(investigation, style), '')
  for (const route of routes.filter(r => r.diagnosis)) {
    if (routes.length > 1)
      lines.push(
        style.bold(`${routeLabel(route.result.route)}: ${route.result.verdict}`),
        plainText(route.result.headline),
        ''
      )
    lines.push(...diagnosisLines(route, route.diagnosis as Diagnosis, investigation.healthPath, style), '')
  }
  for (const { result } of routes) {
    const probes = probesOf(result)
    const slowest = slowestProbe(probes)
    const which = routes.length > 1 ? `${routeLabel(result.route)}: ` : ''
    if (slowest)
      lines.push(
        style.dim(`${which}${probes.length} probes; slowest ${formatLatency(slowest, result.healthTimeoutMs)}`)
      )
    if (result.stalls.length > 0) {
      lines.push(
        style.bold(`${which}Stalls (${result.stalls.length}), ${formatDuration(result.stallThresholdMs)} or longer:`)
      )
      for (const stall of result.stalls) {
        const where = `cycle ${stall.cycle}, ${PHASE[stall.phase]}`
        lines.push(
          `  ${formatDuration(stall.durationMs).padStart(6)}  ${where}: ${stall.pattern}${stall.culprit ? ` at ${stall.culprit}` : ''}`
        )
      }
    }
  }
  lines.push(style.dim(`Verdict after ${formatDuration(run.verdictAtMs)}.`))
  const captured = routes.map(r => r.result.capture).find(c => c && !c.unavailable)
  if (captured) lines.push(style.dim(`Stacks captured with ${captured.method}.`))
  for (const warning of warningsOf(run)) lines.push(style.yellow(`! ${warning}`))
  if ((run.verdict === 'startup-failed' || run.verdict === 'crashed') && run.appLogTail.length > 0) {
    lines.push('', style.bold("The app's last output:"), ...run.appLogTail.map(l => style.dim(`  ${l}`)))
  }
  lines.push(style.dim(`Report: ${files.report}`), style.dim(`backend-hang-debug ${VERSION}`))
  return lines.join('\n') + '\n'
}
