// The action's main step: inputs from the runner, the engine, then the
// outlets (log, annotation, report file, job summary, PR comment, outputs).
// Wiring only; every decision lives in the modules it calls.

import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { PATTERNS } from './analysis/catalog.js'
import { guardAgainstCancellation } from './cancellation.js'
import { formatDuration, getSettings, InputError, type Settings } from './inputs.js'
import type { Logger } from './logger.js'
import type { Diagnosis, TriageResult } from './model.js'
import { isProcAvailable } from './process-table.js'
import { secretValues } from './redact.js'
import { saveAppIdentity } from './state.js'
import { StreamRouteError } from './stream.js'
import { culpritOf, investigate, slowestLatencyMs, type Investigation } from './investigation.js'
import { timeBoundMs } from './triage.js'
import { appEnvironment, readRunnerContext, reportLinks, workspaceRelative, type RunnerContext } from './runner-context.js'

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
  if (process.platform !== 'linux' || !isProcAvailable()) {
    core.setFailed(`backend-hang-debug runs on Linux runners (e.g. ubuntu-latest); this runner is ${process.platform}.`)
    return
  }

  const runDir = fs.mkdtempSync(path.join(context.tempDir, 'backend-hang-debug-'))
  // evidence apart from scratch files, so that evidence-dir uploads only what is worth keeping
  const workDir = path.join(runDir, 'evidence')
  const scratchDir = path.join(runDir, 'scratch')
  fs.mkdirSync(workDir)
  fs.mkdirSync(scratchDir)
  const teardown = guardAgainstCancellation({
    boundMs: timeBoundMs(settings),
    warn: message => core.warning(message),
    fail: message => core.setFailed(message)
  })

  let investigation: Investigation
  try {
    investigation = await investigate({
      settings,
      logger: actionsLogger,
      workDir,
      scratchDir,
      env: appEnvironment(process.env),
      links: appRoot => reportLinks(context, appRoot),
      secrets: secretValues(process.env, [settings.githubToken]),
      onAppStarted: app => {
        teardown.track(app)
        saveAppIdentity(app)
      }
    })
  } catch (error) {
    if (error instanceof StreamRouteError) {
      core.setFailed(error.message)
      await writeSummary(`## ⛔ backend-hang-debug: could not run\n\n${error.message}\n`)
      return
    }
    throw error
  } finally {
    teardown.done()
  }

  // the app died of our own SIGTERM: that is no crash to report; the guard exits the process
  if (teardown.cancelled) return
  const { result, diagnosis, report, files } = investigation
  // the verdict is out before anything that could fail on the way to the report
  core.setOutput('verdict', result.verdict)
  core.setOutput('health-latency-ms', String(slowestLatencyMs(result)))
  core.setOutput('dump-path', files.dump ?? '')
  core.setOutput('report-path', files.report)
  core.setOutput('result-path', files.result)
  core.setOutput('app-log-path', files.appLog)
  core.setOutput('evidence-dir', workDir)
  core.setOutput('pattern', diagnosis?.pattern ?? '')
  core.setOutput('culprit', culpritOf(diagnosis))

  logResult(result, diagnosis, report)
  for (const warning of result.warnings) core.warning(warning)
  annotate(diagnosis, context)
  await writeSummary(report)
  core.setOutput('comment-url', await postComment(settings, result, report))

  const failing = result.verdict === 'startup-failed' || (result.verdict !== 'healthy' && settings.failOnHang)
  if (failing) core.setFailed(`${result.verdict}: ${stripMarkdown(result.headline)}`)
}

function stripMarkdown(text: string): string {
  return text.replaceAll('`', '')
}

function logResult(result: TriageResult, diagnosis: Diagnosis | undefined, report: string): void {
  core.info('')
  core.info(`Verdict: ${result.verdict}: ${stripMarkdown(result.headline)}`)
  const startup = result.startupMs !== undefined ? `; the app took ${formatDuration(result.startupMs)} to answer` : ''
  const waited = result.verdict === 'hung' ? `; ${formatDuration(result.healthTimeoutMs)} of it waiting out the health timeout` : ''
  core.info(`Time to verdict: ${formatDuration(result.verdictAtMs)}${startup}${waited}`)
  if (diagnosis) {
    core.info(`Pattern: ${diagnosis.pattern} (${PATTERNS[diagnosis.pattern].title})`)
    if (diagnosis.culprit) core.info(`Culprit: ${diagnosis.culprit.path}:${diagnosis.culprit.line} in ${diagnosis.culprit.function}`)
    if (diagnosis.entry) core.info(`Called from: ${diagnosis.entry.path}:${diagnosis.entry.line} in ${diagnosis.entry.function}`)
    if (diagnosis.blockingCall) core.info(`Blocked in: ${stripMarkdown(diagnosis.blockingCall)}`)
  }
  if (result.capture?.unavailable) core.warning(`No stacks were captured: ${result.capture.unavailable}`)
  core.startGroup('Full report (Markdown)')
  // the report quotes the app's output, which must not be read as workflow commands
  const resume = randomUUID()
  core.info(`::stop-commands::${resume}`)
  core.info(report)
  core.info(`::${resume}::`)
  core.endGroup()
}

/** An error annotation on the culprit line, so it shows in the PR's Files view. */
function annotate(diagnosis: Diagnosis | undefined, context: RunnerContext): void {
  const culprit = diagnosis?.culprit
  if (!diagnosis || !culprit) return
  const file = workspaceRelative(context.workspace, culprit.absolutePath)
  const title = `Event loop blocked: ${diagnosis.pattern}`
  const message = `${stripMarkdown(diagnosis.blockingCall ?? 'a blocking call')} blocks the asyncio event loop here; every request, /health included, waits. See the job summary for the fix.`
  core.error(message, { title, ...(file ? { file, startLine: culprit.line } : {}) })
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${String(error)}`)
  }
}

/** Posts or updates the PR comment when the event and the comment input call for it; returns its URL. */
async function postComment(settings: Settings, result: TriageResult, report: string): Promise<string> {
  if (settings.comment === 'never') return ''
  // loaded only to comment: the API client is most of the bundle, and most runs never need it
  const { github, describeApiError, upsertComment } = await import('./github.js')
  const pullRequest = github.context.payload.pull_request
  if (!pullRequest) {
    if (settings.comment === 'always') core.info(`No pull request belongs to this ${github.context.eventName} event; the report is in the job summary.`)
    return ''
  }
  if (settings.githubToken === '') {
    core.warning('github-token is empty, so the PR comment was not posted; the diagnosis is in the job summary and the outputs.')
    return ''
  }
  try {
    const octokit = github.getOctokit(settings.githubToken)
    const outcome = await upsertComment(
      octokit,
      { ...github.context.repo, number: pullRequest.number },
      report,
      settings.comment === 'always' || result.verdict !== 'healthy'
    )
    if (outcome.action === 'skipped') core.info('No earlier report comment on this PR and nothing to report: no comment posted.')
    else core.info(`PR comment ${outcome.action}: ${outcome.url}`)
    return outcome.url ?? ''
  } catch (error) {
    core.warning(`The PR comment was not posted. ${describeApiError(error)}`)
    return ''
  }
}
