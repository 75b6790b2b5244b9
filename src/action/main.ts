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
import { publishToPullRequest, savedReportTarget, type ReportFacts } from '../github/publish.js'
import { getSettings, InputError } from '../inputs/inputs.js'
import { unsupportedPlatform } from '../os/process-table.js'
import { redact, secretValues } from '../report/redact.js'
import { routesOutput } from '../report/result-document.js'
import { readRunnerContext, reportLinks, workspaceRelative, type RunnerContext } from './runner-context.js'
import { readSavedReport, SavedReportError, writeSavedReport } from './saved-report.js'
import { saveAppIdentity } from './state.js'
import { plainText } from '../report/markdown.js'
import type { Diagnosis } from '../core/diagnosis.js'
import { suggestionsFor, type Suggestion } from '../github/suggestion.js'
import { mergeAndPost } from './merge-mode.js'
import { commentKeyOf, connect, loadClientEarly, publish, runUrlOf, writeSummary } from './outlets.js'

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
  if (settings.mergeResults.length > 0) {
    await mergeAndPost(settings, context)
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
      onAppStarted: app => {
        saveAppIdentity(app)
        loadClientEarly(settings, context)
      }
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
  const suggestions = suggestionsOf(investigation, context)
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
  await publish(settings, context, facts, key, suggestions)

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

/** Each broken route's fix as a suggestion on the pull request's diff, its path in the repository found from the edited file's. */
function suggestionsOf(investigation: Investigation, context: RunnerContext): Suggestion[] {
  const { decisive, routes } = investigation
  return suggestionsFor(
    [...(decisive ? [decisive] : []), ...routes.filter(r => r !== decisive)].map(route => ({
      verdict: route.result.verdict,
      ...(route.diagnosis ? { pattern: route.diagnosis.pattern } : {}),
      ...(route.fix ? { fix: route.fix } : {}),
      ...(route.verification ? { verification: route.verification } : {})
    })),
    edit => workspaceRelative(context.workspace, edit.file),
    investigation.healthPath
  )
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
