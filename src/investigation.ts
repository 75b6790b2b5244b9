// One whole investigation, shared by the action and the command line: run
// the engine, diagnose a hang, render the report, and keep the evidence as
// files. The entry files decide only where the results go (runner outputs,
// job summary and PR comment, or the terminal).

import * as fs from 'node:fs'
import * as path from 'node:path'
import { diagnose, type ReadLines } from './analysis/classify.js'
import { judgeSlowProbe, type StallEvidence } from './analysis/stalls.js'
import type { CodeScope } from './analysis/stack-shapes.js'
import { proposeFix } from './fix/rewrite.js'
import { formatDuration, type Settings } from './inputs.js'
import { longestStall, probesOf, type Diagnosis, type FixProposal, type Stall, type TriageResult, type Verification } from './model.js'
import { redact } from './redact.js'
import { renderReport, type ReportLinks } from './report.js'
import { codeScope, sourceReader } from './source-files.js'
import { describeWhen, runTriage, TIME_MARGIN_MS, timeBoundMs, type TriageOptions, type TriageOutcome } from './triage.js'
import { tryChange } from './verify-fix.js'
import type { Logger } from './logger.js'
import { plainText } from './report.js'

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

export interface Investigation {
  outcome: TriageOutcome
  result: TriageResult
  diagnosis?: Diagnosis
  /** the fix built from the code, when there is a diagnosis */
  fix?: FixProposal
  /** what came of trying it in a scratch copy of the app */
  verification?: Verification
  healthPath: string
  /** the report in Markdown, redacted */
  report: string
  files: EvidenceFiles
}

/**
 * The result as JSON for tools (the CLI's --json, result-path): the verdict,
 * the timings, every probe and stream, and the diagnosis without the stacks
 * (those are in the dump file).
 */
export interface ResultDocument {
  verdict: TriageResult['verdict']
  headline: string
  pattern: string
  culprit: string
  timings: {
    startupMs?: number
    verdictAtMs: number
    healthTimeoutMs: number
    slowestProbeMs: number
    stallThresholdMs: number
    /** the longest stall, when there was one */
    longestStallMs?: number
    /** the watch after the last disconnect, and the longest wait for an event it was made from */
    settle: TriageResult['settle']
  }
  hang?: TriageResult['hang']
  /** every stall: when it began, how long it lasted, where the loop was in each sample, and what blocked it */
  stalls: TriageResult['stalls']
  cycles: TriageResult['cycles']
  baseline: TriageResult['baseline']
  cyclesPlanned: number
  appExit?: TriageResult['appExit']
  diagnosis?: Omit<Diagnosis, 'loopStack' | 'otherThreads'>
  /** the fix: the change built from the code (its edits), the alternative, and what trying it showed */
  fix?: FixProposal & { verification?: Verification }
  capture?: { method: string; samples: number; unavailable?: string }
  warnings: string[]
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

/** A run observed and judged: the engine's result with its stalls, and the diagnosis when it hung or stalled. */
interface Observed {
  outcome: TriageOutcome
  result: TriageResult
  diagnosis?: Diagnosis
  scope: CodeScope
  readLines: ReadLines
}

/** Runs the engine and judges what it saw: the stalls among its slow probes, the verdict, the diagnosis. */
async function observe(options: TriageOptions): Promise<Observed> {
  const { settings } = options
  const outcome = await runTriage(options)
  const observed = outcome.result
  const samples = [...(observed.capture?.samples ?? []), ...observed.slowProbes.flatMap(s => s.samples)]
  const scope = codeScope(settings.workingDirectory, samples)
  const readLines = sourceReader()
  const judged = judgeStalls(observed, scope, readLines)
  const result = withStalls(observed, judged.map(j => j.stall), settings)
  let diagnosis: Diagnosis | undefined
  if (result.verdict === 'hung') diagnosis = diagnose({ samples: observed.capture?.samples ?? [], scope, readLines })
  if (result.verdict === 'stalled') {
    const longest = longestStall(result.stalls)
    diagnosis = judged.find(j => j.stall === longest)?.diagnosis
  }
  return { outcome, result, ...(diagnosis ? { diagnosis } : {}), scope, readLines }
}

/**
 * Tries the fix's change in a scratch copy of the app, with the same cycles
 * (verify-fix: auto, when the change is a mechanical edit), within the run's
 * time bound. Its evidence goes to verify-fix/ in the evidence directory.
 */
async function verify(options: InvestigationOptions, fix: FixProposal | undefined): Promise<Verification | undefined> {
  const { settings } = options
  if (!fix?.primary || settings.verifyFix === 'never') return undefined
  if (options.attachPid !== undefined) {
    return { applied: [], skipped: 'the app was attached to (--pid), not started by this run, so a copy of it cannot be started', durationMs: 0 }
  }
  const workDir = path.join(options.workDir, 'verify-fix')
  const scratchDir = path.join(options.scratchDir, 'verify-fix')
  fs.mkdirSync(workDir, { recursive: true })
  options.logger.info(`Trying the change in a scratch copy of the app: ${plainText(fix.primary.summary)}`)
  return tryChange({
    appRoot: settings.workingDirectory,
    change: fix.primary,
    scratchDir,
    runBoundMs: timeBoundMs(settings) - TIME_MARGIN_MS,
    ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
    run: async appRoot => {
      // the same run, on the copy: a new app of its own, watched by the same guard
      const tried = await observe({
        ...(options.onAppStarted ? { onAppStarted: options.onAppStarted } : {}),
        ...(options.pySpyPins ? { pySpyPins: options.pySpyPins } : {}),
        settings: { ...settings, workingDirectory: appRoot },
        workDir,
        scratchDir: path.join(scratchDir, 'run'),
        // the copy links the user's virtualenv: nothing may be written into it
        env: { ...options.env, PYTHONDONTWRITEBYTECODE: '1' },
        logger: prefixed(options.logger, 'verify-fix: ')
      })
      return {
        verdict: tried.result.verdict,
        headline: tried.result.headline,
        slowestProbeMs: slowestLatencyMs(tried.result),
        probes: probesOf(tried.result).length,
        ...(tried.diagnosis ? { pattern: tried.diagnosis.pattern, culprit: culpritLabel(tried.diagnosis) } : {})
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
  const { outcome, result, diagnosis, scope, readLines } = await observe(options)
  const fix = diagnosis ? proposeFix(diagnosis, scope, readLines) : undefined
  const verification = await verify(options, fix)
  // one redaction for every place the report goes: file, log, summary, comment, terminal
  const report = redact(
    renderReport({
      result,
      ...(diagnosis ? { diagnosis } : {}),
      ...(fix ? { fix } : {}),
      ...(verification ? { verification } : {}),
      healthPath: settings.healthPath,
      stream: `${settings.streamMethod} ${settings.streamPath}`,
      links: options.links(scope.appRoot)
    }),
    options.secrets
  )
  const files: EvidenceFiles = {
    report: path.join(workDir, 'report.md'),
    result: path.join(workDir, 'result.json'),
    appLog: result.appLogPath,
    ...(outcome.dumpPath ? { dump: outcome.dumpPath } : {})
  }
  fs.writeFileSync(files.report, report)
  const investigation: Investigation = {
    outcome,
    result,
    ...(diagnosis ? { diagnosis } : {}),
    ...(fix ? { fix } : {}),
    ...(verification ? { verification } : {}),
    healthPath: settings.healthPath,
    report,
    files
  }
  fs.writeFileSync(files.result, redact(JSON.stringify(resultDocument(investigation), null, 2), options.secrets))
  return investigation
}

/** Each slow probe whose samples agree that the loop was blocked, as a stall with its diagnosis. */
function judgeStalls(result: TriageResult, scope: CodeScope, readLines: ReadLines): { stall: Stall; diagnosis: Diagnosis }[] {
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
 * The run with its stalls: a run that was otherwise healthy is stalled, with
 * a headline that says where the longest stall began and how often the loop
 * stalled. Worse verdicts stand, and list their stalls.
 */
export function withStalls(result: TriageResult, stalls: Stall[], settings: Pick<Settings, 'healthPath' | 'streamMethod' | 'streamPath'>): TriageResult {
  const longest = longestStall(stalls)
  if (!longest || result.verdict !== 'healthy') return { ...result, stalls }
  const when = describeWhen(longest.phase, longest.cycle, result.cyclesPlanned, `${settings.streamMethod} ${settings.streamPath}`)
  const cycles = new Set(stalls.map(s => s.cycle)).size
  const often = stalls.length === 1 ? 'It stalled once' : `It stalled ${stalls.length} times`
  return {
    ...result,
    verdict: 'stalled',
    stalls,
    headline:
      `The event loop was blocked for ${formatDuration(longest.durationMs)} ${when}: \`${settings.healthPath}\` answered, but only after ${formatDuration(longest.durationMs)} ` +
      `(stall-threshold ${formatDuration(result.stallThresholdMs)}). ${often}, in ${cycles} of ${result.cycles.length} cycle${result.cycles.length === 1 ? '' : 's'}.`
  }
}

/** The slowest probe in ms; the timeout itself when one timed out. */
export function slowestLatencyMs(result: TriageResult): number {
  if (result.verdict === 'hung') return result.healthTimeoutMs
  return Math.round(Math.max(0, ...probesOf(result).map(p => p.latencyMs)))
}

/**
 * Whether the run ends in failure (the step fails, the command line exits 1):
 * fail-on-stall decides a stall, fail-on-hang the rest; nothing excuses a start that failed.
 */
export function failsTheRun(result: TriageResult, settings: Pick<Settings, 'failOnHang' | 'failOnStall'>): boolean {
  switch (result.verdict) {
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

/** The longest stall in ms, '' when there was none: the stall-ms output. */
export function longestStallMs(result: TriageResult): string {
  const longest = longestStall(result.stalls)
  return longest ? String(Math.round(longest.durationMs)) : ''
}

/** The culprit as `path:line`, for outputs and titles; '' when there is none. */
export function culpritLabel(diagnosis: Diagnosis | undefined): string {
  return diagnosis?.culprit ? `${diagnosis.culprit.path}:${diagnosis.culprit.line}` : ''
}

export function resultDocument({ result, diagnosis, fix, verification, files }: Pick<Investigation, 'result' | 'diagnosis' | 'fix' | 'verification' | 'files'>): ResultDocument {
  return {
    verdict: result.verdict,
    headline: result.headline,
    pattern: diagnosis?.pattern ?? '',
    culprit: culpritLabel(diagnosis),
    timings: {
      ...(result.startupMs !== undefined ? { startupMs: Math.round(result.startupMs) } : {}),
      verdictAtMs: Math.round(result.verdictAtMs),
      healthTimeoutMs: result.healthTimeoutMs,
      slowestProbeMs: slowestLatencyMs(result),
      stallThresholdMs: result.stallThresholdMs,
      ...(result.stalls.length > 0 ? { longestStallMs: Number(longestStallMs(result)) } : {}),
      settle: result.settle
    },
    ...(result.hang ? { hang: result.hang } : {}),
    stalls: result.stalls,
    baseline: result.baseline,
    cycles: result.cycles,
    cyclesPlanned: result.cyclesPlanned,
    ...(result.appExit ? { appExit: result.appExit } : {}),
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
    warnings: result.warnings,
    files
  }
}

function withoutStacks(diagnosis: Diagnosis): Omit<Diagnosis, 'loopStack' | 'otherThreads'> {
  const facts: Partial<Diagnosis> = { ...diagnosis }
  delete facts.loopStack
  delete facts.otherThreads
  return facts as Omit<Diagnosis, 'loopStack' | 'otherThreads'>
}
