// The report saved for a later post-report run: the fork-PR setup, where the
// run that probes the PR's code has a read-only token and a second workflow
// (on workflow_run, with a write token) posts what the first one saved.
// What the file says is the untrusted PR run's word: the pull request is
// found again from the workflow_run event, never taken from here.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { isVerdict, type Verdict } from '../core/model.js'

export const SAVED_REPORT_FILE = 'publish.json'
const FORMAT = 'backend-hang-debug/saved-report@1'
/** More than any report we write; a larger file is not ours. */
const MAX_REPORT_BYTES = 2 * 1024 * 1024

export interface SavedReport {
  format: typeof FORMAT
  verdict: Verdict
  pattern: string
  culprit: string
  /** the comment key of the run that saved it */
  key: string
  /** the commit that was tested */
  headSha: string
  /** the pull request the run was for, as that run saw it (informational) */
  pullRequest?: number
  /** the report's file name, next to this file */
  report: string
}

export function writeSavedReport(dir: string, saved: Omit<SavedReport, 'format'>): string {
  const file = path.join(dir, SAVED_REPORT_FILE)
  fs.writeFileSync(file, JSON.stringify({ format: FORMAT, ...saved }, null, 2))
  return file
}

export class SavedReportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SavedReportError'
  }
}

/** Reads a saved report from its file or the directory that holds it; throws SavedReportError saying what is wrong. */
export function readSavedReport(location: string): { saved: SavedReport; markdown: string } {
  const file =
    fs.existsSync(location) && fs.statSync(location).isDirectory() ? path.join(location, SAVED_REPORT_FILE) : location
  let data: unknown
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    throw new SavedReportError(
      `post-report: cannot read ${file} (${(error as Error).message}); give the ${SAVED_REPORT_FILE} the probe run saved, or its folder.`
    )
  }
  const saved = data as Partial<SavedReport>
  if (
    saved.format !== FORMAT ||
    !isVerdict(saved.verdict) ||
    typeof saved.report !== 'string' ||
    typeof saved.headSha !== 'string'
  ) {
    throw new SavedReportError(`post-report: ${file} is not a report saved by this action (format ${FORMAT}).`)
  }
  // the report lies next to the file: a name, not a path
  const reportFile = path.join(path.dirname(file), path.basename(saved.report))
  const size = fs.existsSync(reportFile) ? fs.statSync(reportFile).size : -1
  if (size < 0 || size > MAX_REPORT_BYTES)
    throw new SavedReportError(`post-report: the report ${reportFile} is missing or larger than a report can be.`)
  return {
    saved: {
      format: FORMAT,
      verdict: saved.verdict,
      pattern: String(saved.pattern ?? ''),
      culprit: String(saved.culprit ?? ''),
      key: /^[\w.-]*$/.test(String(saved.key ?? '')) ? String(saved.key ?? '') : '',
      headSha: saved.headSha,
      ...(typeof saved.pullRequest === 'number' ? { pullRequest: saved.pullRequest } : {}),
      report: path.basename(saved.report)
    },
    markdown: fs.readFileSync(reportFile, 'utf8')
  }
}
