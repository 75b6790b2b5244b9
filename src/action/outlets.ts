// Where the report goes besides the log: the job summary, the PR comment,
// the one-click suggestions and the tracking issue. Shared by the main step
// and the modes that post what other runs found (post-report, merge-results).

import * as core from '@actions/core'
import type { Settings } from '../core/settings.js'
import { destinationsFor, publishToPullRequest, publishToTrackingIssue, type ReportFacts } from '../github/publish.js'
import { publishSuggestions, type Suggestion } from '../github/suggestion.js'
import { runUrl, type RunnerContext } from './runner-context.js'
import type * as RestClientModule from '../github/rest-client.js'

export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${String(error)}`)
  }
}

export function commentKeyOf(settings: Settings, context: RunnerContext): string {
  return settings.commentKey || context.job || 'default'
}

export function runUrlOf(context: RunnerContext): { runUrl?: string } {
  const run = runUrl(context)
  return run ? { runUrl: run } : {}
}

export function fullReportAt(context: RunnerContext): string {
  const run = runUrl(context)
  return run
    ? `the [job summary](${run}) and the evidence-dir of the run`
    : 'the job summary and the evidence-dir of the run'
}

type ClientModule = typeof RestClientModule

let clientLoad: Promise<ClientModule> | undefined

/** The GitHub client's module (most of the bundle, in a chunk of its own), loaded once. */
function clientModule(): Promise<ClientModule> {
  clientLoad ??= import('../github/rest-client.js')
  return clientLoad
}

/**
 * Starts loading the GitHub client while the app starts, when the run will
 * post: the app's start is waited for anyway, and the report's comment then
 * finds the client ready. A failure to load is connect()'s to report.
 */
export function loadClientEarly(settings: Settings, context: RunnerContext): void {
  if (settings.githubToken === '' || !posts(destinationsOf(settings, context))) return
  clientModule().catch(() => undefined)
}

/** The API on the runner's repository; loaded only when something is to be posted. */
export async function connect(settings: Settings, context: RunnerContext) {
  const { RestGitHub, createClient, describeApiError } = await clientModule()
  const [owner = '', repo = ''] = (context.repository ?? '').split('/')
  return { port: new RestGitHub(createClient(settings.githubToken), { owner, repo }), describeApiError }
}

/** Where this event's report goes on GitHub. */
function destinationsOf(settings: Settings, context: RunnerContext): ReturnType<typeof destinationsFor> {
  return destinationsFor(
    {
      name: context.eventName,
      ...(context.pullRequest ? { pullRequest: context.pullRequest.number } : {}),
      ...(context.branch ? { branch: context.branch } : {})
    },
    settings
  )
}

function posts(where: ReturnType<typeof destinationsFor>): boolean {
  return where.pullRequest !== undefined || where.trackingIssue
}

/**
 * Posts the report where the event calls for it: the PR comment, the open PR
 * of a dispatched branch, the tracking issue. A failure here is a warning:
 * the diagnosis is in the log, the summary and the outputs already.
 */
export async function publish(
  settings: Settings,
  context: RunnerContext,
  facts: ReportFacts,
  key: string,
  suggestions: Suggestion[]
): Promise<void> {
  core.setOutput('comment-url', '')
  core.setOutput('issue-url', '')
  core.setOutput('suggestion-url', '')
  const where = destinationsOf(settings, context)
  if (!posts(where)) {
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
  // the three outlets need nothing of each other: their calls go out together
  const comment = async (): Promise<void> => {
    const target = where.pullRequest
    if (!target) return
    try {
      const number = 'number' in target ? target.number : (await port.openPullRequestForBranch(target.branch))?.number
      if (number === undefined) {
        core.info(
          `No open pull request has the branch ${'branch' in target ? target.branch : ''}; the report is in the job summary.`
        )
        return
      }
      const outcome = await publishToPullRequest(port, number, facts, {
        key,
        comment: settings.comment,
        fullReportAt: fullReportAt(context)
      })
      if (outcome.action === 'skipped')
        core.info('No earlier report comment on this PR and nothing to report: no comment posted.')
      else core.info(`PR comment ${outcome.action}: ${outcome.url}`)
      core.setOutput('comment-url', outcome.url ?? '')
    } catch (error) {
      core.warning(`The PR comment was not posted. ${describeApiError(error, 'pull-requests: write')}`)
    }
  }
  const suggest = async (): Promise<void> => {
    // the one-click suggestions go on a pull request's own diff: a dispatched run's branch PR is not reviewed here
    const reviewed = context.pullRequest && settings.comment !== 'never' ? context.pullRequest : undefined
    if (!reviewed) return
    try {
      const whyNone =
        facts.verdict === 'healthy'
          ? 'nothing to suggest: the run is healthy'
          : 'no broken route has a fix that is a change of one place the rewriter can make'
      const { outcomes } = await publishSuggestions(port, reviewed, suggestions, key, whyNone)
      for (const outcome of outcomes) {
        if (outcome.action === 'skipped') core.info(`No suggestion on the pull request's diff: ${outcome.reason}.`)
        else core.info(`Suggestion on the diff ${outcome.action}${outcome.url ? `: ${outcome.url}` : ''}`)
      }
      core.setOutput('suggestion-url', outcomes.find(o => o.url)?.url ?? '')
    } catch (error) {
      core.warning(
        `The suggestion on the pull request's diff was not posted. ${describeApiError(error, 'pull-requests: write')}`
      )
    }
  }
  const track = async (): Promise<void> => {
    if (!where.trackingIssue) return
    try {
      const outcome = await publishToTrackingIssue(port, facts, { key, fullReportAt: fullReportAt(context) })
      if (outcome.action !== 'none') core.info(`Tracking issue ${outcome.action}: ${outcome.url}`)
      core.setOutput('issue-url', outcome.url ?? '')
    } catch (error) {
      core.warning(`The tracking issue was not updated. ${describeApiError(error, 'issues: write')}`)
    }
  }
  await Promise.all([comment(), suggest(), track()])
}
