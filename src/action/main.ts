// The action's main step: inputs from the runner, the engine, then the
// outlets (log, annotation, report file, job summary, PR comment, outputs).
// Wiring only; every decision lives in the modules it calls.

import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import * as os from 'node:os'
import * as path from 'node:path'
import { PATTERNS } from '../analysis/catalog.js'
import { culpritLabel, failsTheRun, longestStallMs, longestStallOfRun, slowestOfRun } from '../analysis/verdict.js'
import { PINS_FILE_VARIABLE, pinsFrom } from '../capture/py-spy-install-plan.js'
import { formatDuration } from '../core/durations.js'
import type { Logger } from '../core/logger.js'
import { routeLabel, warningsOf, type RunResult } from '../core/model.js'
import type { Settings } from '../core/settings.js'
import { DiscoveryError } from '../engine/discovery.js'
import { guardedInvestigation, type GuardedRun } from '../engine/guarded-run.js'
import type { Investigation } from '../engine/investigation.js'
import { StreamRouteError } from '../engine/stream.js'
import {
  destinationsFor,
  publishToPullRequest,
  publishToTrackingIssue,
  savedReportTarget,
  type ReportFacts
} from '../github/publish.js'
import { getSettings, InputError } from '../inputs/inputs.js'
import { unsupportedPlatform } from '../os/process-table.js'
import { redact, secretValues } from '../report/redact.js'
import { routesOutput } from '../report/result-document.js'
import { readRunnerContext, reportLinks, runUrl, workspaceRelative, type RunnerContext } from './runner-context.js'
import { readSavedReport, SavedReportError, writeSavedReport } from './saved-report.js'
import { saveAppIdentity } from './state.js'
import { plainText } from '../report/markdown.js'
import { verificationLine } from '../report/fix-section.js'
import type { Diagnosis } from '../core/diagnosis.js'
import { publishSuggestion, type Suggestion } from '../github/suggestion.js'

const actionsLogger: Logger = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  debug: message => core.debug(message)
}

export async function runMain(): Promise<void> {
  const context = readRunnerContext(process.env, os.tmpdir())
  let settings: Settings
  try {
    settings = getSettings(name => core.getInput(name), { workspace: context.workspace })
  } catch (error) {
    core.setFailed(error instanceof InputError ? error.message : String(error))
    return
  }
  if (settings.githubToken !== '') core.setSecret(settings.githubToken)
  let pySpyPins
  try {
    pySpyPins = pinsFrom(process.env)
  } catch (error) {
    core.setFailed(`${PINS_FILE_VARIABLE}: ${(error as Error).message}`)
    return
  }
  if (settings.postReport !== '') {
    await postSavedReport(settings, context)
    return
  }
  if (context.eventName === 'pull_request_target' && !settings.allowPullRequestTarget) {
    core.setFailed(
      "Refusing to run on pull_request_target: that event runs with a write token and the repository's secrets, and this action runs the pull request's code (start-command). " +
        'Use pull_request (for forks, with the post-report workflow described in the README), or set allow-pull-request-target: true if the code checked out is trusted.'
    )
    return
  }
  const unsupported = unsupportedPlatform()
  if (unsupported) {
    core.setFailed(unsupported)
    return
  }

  let guarded: GuardedRun
  try {
    guarded = await guardedInvestigation({
      settings,
      logger: actionsLogger,
      tempDir: context.tempDir,
      env: process.env,
      warn: message => core.warning(message),
      fail: message => core.setFailed(message),
      links: appRoot => reportLinks(context, appRoot),
      pySpyPins,
      secrets: secretValues(process.env, [settings.githubToken]),
      onAppStarted: saveAppIdentity
    })
  } catch (error) {
    // a route that is not a stream, or nothing to find routes in: the workflow's to fix, not a hang
    if (error instanceof StreamRouteError || error instanceof DiscoveryError) {
      core.setFailed(error.message)
      await writeSummary(`## ⛔ backend-hang-debug: could not run\n\n${error.message}\n`)
      return
    }
    throw error
  }
  // the app died of our own SIGTERM: that is no crash to report; the guard exits the process
  if (guarded.cancelled) return
  const { investigation, workDir } = guarded
  const { run, report, files } = investigation
  const diagnosis = investigation.decisive?.diagnosis
  const suggestion = suggestionOf(investigation, context)
  // the verdict is out before anything that could fail on the way to the report
  core.setOutput('verdict', run.verdict)
  core.setOutput('routes', JSON.stringify(routesOutput(investigation)))
  core.setOutput('health-latency-ms', String(slowestOfRun(run)))
  core.setOutput('stall-ms', String(longestStallOfRun(run) ?? ''))
  core.setOutput('dump-path', files.dump ?? '')
  core.setOutput('report-path', files.report)
  core.setOutput('result-path', files.result)
  core.setOutput('app-log-path', files.appLog)
  core.setOutput('evidence-dir', workDir)
  core.setOutput('pattern', diagnosis?.pattern ?? '')
  core.setOutput('culprit', culpritLabel(diagnosis))

  const key = commentKeyOf(settings, context)
  const facts: ReportFacts = {
    verdict: run.verdict,
    ...(diagnosis ? { pattern: diagnosis.pattern } : {}),
    ...(diagnosis?.culprit ? { culprit: culpritLabel(diagnosis) } : {}),
    markdown: report,
    sha: context.pullRequest?.headSha || context.sha || '',
    ...runUrlOf(context)
  }
  core.setOutput(
    'publish-path',
    writeSavedReport(workDir, {
      verdict: run.verdict,
      pattern: facts.pattern ?? '',
      culprit: facts.culprit ?? '',
      key,
      headSha: facts.sha,
      ...(context.pullRequest ? { pullRequest: context.pullRequest.number } : {}),
      report: path.basename(files.report)
    })
  )

  logResult(run, diagnosis, report)
  for (const warning of warningsOf(run)) core.warning(warning)
  annotate(investigation, context)
  await writeSummary(report)
  await publish(settings, context, facts, key, suggestion)

  if (failsTheRun(run, settings)) core.setFailed(`${run.verdict}: ${plainText(run.headline)}`)
}

function logResult(run: RunResult, diagnosis: Diagnosis | undefined, report: string): void {
  core.info('')
  core.info(`Verdict: ${run.verdict}: ${plainText(run.headline)}`)
  const startup = run.startupMs !== undefined ? `; the app took ${formatDuration(run.startupMs)} to answer` : ''
  const waited =
    run.verdict === 'hung' ? `; ${formatDuration(run.healthTimeoutMs)} of it waiting out the health timeout` : ''
  core.info(`Time to verdict: ${formatDuration(run.verdictAtMs)}${startup}${waited}`)
  if (diagnosis) {
    core.info(`Pattern: ${diagnosis.pattern} (${PATTERNS[diagnosis.pattern].title})`)
    if (diagnosis.culprit)
      core.info(`Culprit: ${diagnosis.culprit.path}:${diagnosis.culprit.line} in ${diagnosis.culprit.function}`)
    if (diagnosis.entry)
      core.info(`Called from: ${diagnosis.entry.path}:${diagnosis.entry.line} in ${diagnosis.entry.function}`)
    if (diagnosis.blockingCall) core.info(`Blocked in: ${plainText(diagnosis.blockingCall)}`)
  }
  const unavailable = run.routes.find(r => r.capture?.unavailable)?.capture?.unavailable
  if (unavailable) core.warning(`No stacks were captured: ${unavailable}`)
  core.startGroup('Full report (Markdown)')
  // the report quotes the app's output, which must not be read as workflow commands
  const resume = randomUUID()
  core.info(`::stop-commands::${resume}`)
  core.info(report)
  core.info(`::${resume}::`)
  core.endGroup()
}

/** An error annotation on each culprit line, so it shows in the PR's Files view. */
function annotate(investigation: Investigation, context: RunnerContext): void {
  for (const { result, diagnosis } of investigation.routes) {
    const culprit = diagnosis?.culprit
    if (!diagnosis || !culprit) continue
    const file = workspaceRelative(context.workspace, culprit.absolutePath)
    const stalled = result.verdict === 'stalled'
    const title = `Event loop ${stalled ? 'stalled' : 'blocked'}: ${diagnosis.pattern}`
    const how = stalled
      ? `stalls the asyncio event loop here for ${longestStallMs(result)} ms`
      : 'blocks the asyncio event loop here'
    const route = investigation.routes.length > 1 ? ` (${routeLabel(result.route)})` : ''
    const message = `${plainText(diagnosis.blockingCall ?? 'a blocking call')} ${how}${route}; every request, /health included, waits. See the job summary for the fix.`
    core.error(message, { title, ...(file ? { file, startLine: culprit.line } : {}) })
  }
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${String(error)}`)
  }
}

/**
 * The primary fix as a suggestion on the pull request's diff: the statement's
 * edit at its repository path, with the import it needs and what trying it
 * showed said under it.
 */
function suggestionOf(investigation: Investigation, context: RunnerContext): Suggestion | undefined {
  const decisive = investigation.decisive
  const [statement, ...others] = decisive?.fix?.primary?.edits ?? []
  const path = statement ? workspaceRelative(context.workspace, statement.file) : undefined
  if (!statement || !path || statement.lastLine < statement.firstLine) return undefined
  const notes = others.map(edit =>
    edit.path === statement.path && edit.after.length === 1
      ? `Also add \`${edit.after[0]}\` at the top of the file.`
      : `Also change \`${edit.path}\` at line ${edit.firstLine}.`
  )
  if (decisive?.verification) notes.push(verificationLine(decisive.verification, investigation.healthPath))
  return { path, firstLine: statement.firstLine, lastLine: statement.lastLine, after: statement.after, notes }
}

function commentKeyOf(settings: Settings, context: RunnerContext): string {
  return settings.commentKey || context.job || 'default'
}

function runUrlOf(context: RunnerContext): { runUrl?: string } {
  const run = runUrl(context)
  return run ? { runUrl: run } : {}
}

function fullReportAt(context: RunnerContext): string {
  const run = runUrl(context)
  return run
    ? `the [job summary](${run}) and the evidence-dir of the run`
    : 'the job summary and the evidence-dir of the run'
}

/** The API on the runner's repository; loaded only when something is to be posted. */
async function connect(settings: Settings, context: RunnerContext) {
  const { RestGitHub, createClient, describeApiError } = await import('../github/rest-client.js')
  const [owner = '', repo = ''] = (context.repository ?? '').split('/')
  return { port: new RestGitHub(createClient(settings.githubToken), { owner, repo }), describeApiError }
}

/**
 * Posts the report where the event calls for it: the PR comment, the open PR
 * of a dispatched branch, the tracking issue. A failure here is a warning:
 * the diagnosis is in the log, the summary and the outputs already.
 */
async function publish(
  settings: Settings,
  context: RunnerContext,
  facts: ReportFacts,
  key: string,
  suggestion: Suggestion | undefined
): Promise<void> {
  core.setOutput('comment-url', '')
  core.setOutput('issue-url', '')
  core.setOutput('suggestion-url', '')
  const where = destinationsFor(
    {
      name: context.eventName,
      ...(context.pullRequest ? { pullRequest: context.pullRequest.number } : {}),
      ...(context.branch ? { branch: context.branch } : {})
    },
    settings
  )
  if (!where.pullRequest && !where.trackingIssue) {
    if (settings.comment === 'always')
      core.info(`No pull request belongs to this ${context.eventName} event; the report is in the job summary.`)
    return
  }
  if (settings.githubToken === '') {
    core.warning(
      'github-token is empty, so nothing was posted to GitHub; the diagnosis is in the job summary and the outputs.'
    )
    return
  }
  const { port, describeApiError } = await connect(settings, context)
  const target = where.pullRequest
  if (target) {
    try {
      const number = 'number' in target ? target.number : (await port.openPullRequestForBranch(target.branch))?.number
      if (number === undefined) {
        core.info(
          `No open pull request has the branch ${'branch' in target ? target.branch : ''}; the report is in the job summary.`
        )
      } else {
        const outcome = await publishToPullRequest(port, number, facts, {
          key,
          comment: settings.comment,
          fullReportAt: fullReportAt(context)
        })
        if (outcome.action === 'skipped')
          core.info('No earlier report comment on this PR and nothing to report: no comment posted.')
        else core.info(`PR comment ${outcome.action}: ${outcome.url}`)
        core.setOutput('comment-url', outcome.url ?? '')
      }
    } catch (error) {
      core.warning(`The PR comment was not posted. ${describeApiError(error, 'pull-requests: write')}`)
    }
  }
  // the one-click suggestion goes on a pull request's own diff: a dispatched run's branch PR is not reviewed here
  const reviewed = context.pullRequest && settings.comment !== 'never' ? context.pullRequest : undefined
  if (reviewed) {
    try {
      const outcome = await publishSuggestion(port, reviewed, facts, suggestion, key)
      if (outcome.action === 'skipped') core.info(`No suggestion on the pull request's diff: ${outcome.reason}.`)
      else core.info(`Suggestion on the diff ${outcome.action}${outcome.url ? `: ${outcome.url}` : ''}`)
      core.setOutput('suggestion-url', outcome.url ?? '')
    } catch (error) {
      core.warning(
        `The suggestion on the pull request's diff was not posted. ${describeApiError(error, 'pull-requests: write')}`
      )
    }
  }
  if (where.trackingIssue) {
    try {
      const outcome = await publishToTrackingIssue(port, facts, { key, fullReportAt: fullReportAt(context) })
      if (outcome.action !== 'none') core.info(`Tracking issue ${outcome.action}: ${outcome.url}`)
      core.setOutput('issue-url', outcome.url ?? '')
    } catch (error) {
      core.warning(`The tracking issue was not updated. ${describeApiError(error, 'issues: write')}`)
    }
  }
}

/**
 * post-report mode: posts a report saved by a run of the PR's code (which had
 * a read-only token), running nothing of that code. The PR is the one whose
 * head is the workflow_run's commit, as GitHub reports it, not what the file says.
 */
async function postSavedReport(settings: Settings, context: RunnerContext): Promise<void> {
  let loaded
  try {
    loaded = readSavedReport(settings.postReport)
  } catch (error) {
    core.setFailed(error instanceof SavedReportError ? error.message : String(error))
    return
  }
  const { saved } = loaded
  core.setOutput('verdict', saved.verdict)
  core.setOutput('comment-url', '')
  const run = context.workflowRun
  if (!run) {
    core.setFailed(
      `post-report runs on a workflow_run event, which says which commit the saved report is for; this is ${context.eventName || 'no event'}.`
    )
    return
  }
  if (settings.githubToken === '') {
    core.warning('github-token is empty, so the saved report was not posted.')
    return
  }
  const { port, describeApiError } = await connect(settings, context)
  try {
    const target = await savedReportTarget(port, saved.headSha, run)
    if ('skip' in target) {
      core.warning(target.skip)
      return
    }
    const number = target.pullRequest
    const markdown = redact(loaded.markdown, secretValues(process.env, [settings.githubToken]))
    const facts: ReportFacts = { verdict: saved.verdict, markdown, sha: run.headSha, ...runUrlOf(context) }
    if (saved.pattern) facts.pattern = saved.pattern
    if (saved.culprit) facts.culprit = saved.culprit
    const outcome = await publishToPullRequest(port, number, facts, {
      key: settings.commentKey || saved.key || 'default',
      comment: settings.comment,
      fullReportAt: 'the job summary of the probe run'
    })
    core.info(
      outcome.action === 'skipped'
        ? 'Nothing to report and no earlier comment: no comment posted.'
        : `PR #${number} comment ${outcome.action}: ${outcome.url}`
    )
    core.setOutput('comment-url', outcome.url ?? '')
  } catch (error) {
    core.warning(`The saved report was not posted. ${describeApiError(error, 'pull-requests: write')}`)
  }
}
