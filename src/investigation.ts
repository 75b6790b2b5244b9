// One whole investigation, shared by the action and the command line: run
// the engine, diagnose a hang, render the report, and keep the evidence as
// files. The entry files decide only where the results go (runner outputs,
// job summary and PR comment, or the terminal).

import * as fs from 'node:fs'
import * as path from 'node:path'
import { diagnose } from './analysis/classify.js'
import type { Settings } from './inputs.js'
import { probesOf, type Diagnosis, type TriageResult } from './model.js'
import { redact } from './redact.js'
import { renderReport, type ReportLinks } from './report.js'
import { codeScope, sourceReader } from './source-files.js'
import { runTriage, type TriageOptions, type TriageOutcome } from './triage.js'

export interface InvestigationOptions extends TriageOptions {
  /** the links of the report, given the app's root */
  links: (appRoot: string) => ReportLinks
  /** values to remove from everything written */
  secrets: string[]
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
  timings: { startupMs?: number; verdictAtMs: number; healthTimeoutMs: number; slowestProbeMs: number }
  hang?: TriageResult['hang']
  cycles: TriageResult['cycles']
  baseline: TriageResult['baseline']
  cyclesPlanned: number
  appExit?: TriageResult['appExit']
  diagnosis?: Omit<Diagnosis, 'loopStack' | 'otherThreads'>
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

export async function investigate(options: InvestigationOptions): Promise<Investigation> {
  const { settings, workDir } = options
  const outcome = await runTriage(options)
  const { result } = outcome
  const samples = result.capture?.samples ?? []
  const scope = codeScope(settings.workingDirectory, samples)
  const diagnosis = result.verdict === 'hung' ? diagnose({ samples, scope, readLines: sourceReader() }) : undefined
  // one redaction for every place the report goes: file, log, summary, comment, terminal
  const report = redact(
    renderReport({
      result,
      ...(diagnosis ? { diagnosis } : {}),
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
  fs.writeFileSync(files.result, redact(JSON.stringify(resultDocument(result, diagnosis, files), null, 2), options.secrets))
  return { outcome, result, ...(diagnosis ? { diagnosis } : {}), report, files }
}

/** The slowest probe in ms; the timeout itself when one timed out. */
export function slowestLatencyMs(result: TriageResult): number {
  if (result.verdict === 'hung') return result.healthTimeoutMs
  return Math.round(Math.max(0, ...probesOf(result).map(p => p.latencyMs)))
}

/** Whether the run ends in failure (the step fails, the command line exits 1): fail-on-hang does not excuse a start that failed. */
export function failsTheRun(result: TriageResult, settings: Settings): boolean {
  return result.verdict === 'startup-failed' || (result.verdict !== 'healthy' && settings.failOnHang)
}

/** The culprit as `path:line`, for outputs and titles; '' when there is none. */
export function culpritLabel(diagnosis: Diagnosis | undefined): string {
  return diagnosis?.culprit ? `${diagnosis.culprit.path}:${diagnosis.culprit.line}` : ''
}

export function resultDocument(result: TriageResult, diagnosis: Diagnosis | undefined, files: EvidenceFiles): ResultDocument {
  return {
    verdict: result.verdict,
    headline: result.headline,
    pattern: diagnosis?.pattern ?? '',
    culprit: culpritLabel(diagnosis),
    timings: {
      ...(result.startupMs !== undefined ? { startupMs: Math.round(result.startupMs) } : {}),
      verdictAtMs: Math.round(result.verdictAtMs),
      healthTimeoutMs: result.healthTimeoutMs,
      slowestProbeMs: slowestLatencyMs(result)
    },
    ...(result.hang ? { hang: result.hang } : {}),
    baseline: result.baseline,
    cycles: result.cycles,
    cyclesPlanned: result.cyclesPlanned,
    ...(result.appExit ? { appExit: result.appExit } : {}),
    ...(diagnosis ? { diagnosis: withoutStacks(diagnosis) } : {}),
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
