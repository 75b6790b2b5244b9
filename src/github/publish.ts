// Where a report goes on GitHub and what it says there: the sticky pull
// request comment (turned green in place when the hang is fixed), and the
// tracking issue of scheduled runs (opened once, updated, closed when healthy
// again). The API itself sits behind GitHubPort, so this logic runs against
// any implementation (rest-client.ts talks to the real API); the suggestion
// on the diff is suggestion.ts's.

import type { Verdict } from '../core/model.js'
import type { CommentMode, TrackingIssueMode } from '../core/settings.js'
import { fitToLimit } from '../report/fit-to-limit.js'

/** GitHub's limit on a comment's or an issue's body, in characters. */
export const BODY_LIMIT = 65_536

/** Who wrote a comment or an issue. */
export interface Author {
  login: string
  /** an app's account (`…[bot]`), which no person can post as */
  bot: boolean
}

export interface PostedComment {
  id: number
  body: string
  author: Author
  url: string
}

export interface PostedIssue {
  number: number
  body: string
  author: Author
  url: string
}

export interface PullRequestRef {
  number: number
  headSha: string
}

/** A comment on a line of a pull request's diff (a review comment). */
export interface PostedReviewComment {
  id: number
  body: string
  author: Author
  url: string
  path: string
  /** the last line it covers, and the first when it covers several */
  line: number
  startLine?: number
}

/** A file a pull request changes, with its patch (absent for binary or huge files). */
export interface PullRequestFile {
  filename: string
  patch?: string
}

export interface NewReviewComment {
  body: string
  commitId: string
  path: string
  line: number
  startLine?: number
}

/** The GitHub API as publishing needs it. */
export interface GitHubPort {
  /**
   * The login the token acts as: only comments and issues by it are ours.
   * Undefined when the token may not ask (an app's installation token, such
   * as GITHUB_TOKEN): then only a bot's comments and issues can be ours.
   */
  identity(): Promise<string | undefined>
  listComments(issue: number): Promise<PostedComment[]>
  createComment(issue: number, body: string): Promise<PostedComment>
  updateComment(id: number, body: string): Promise<PostedComment>
  openPullRequestForBranch(branch: string): Promise<PullRequestRef | undefined>
  openPullRequestWithHead(sha: string): Promise<PullRequestRef | undefined>
  openIssuesWithLabel(label: string): Promise<PostedIssue[]>
  ensureLabel(name: string, color: string, description: string): Promise<void>
  createIssue(title: string, body: string, labels: string[]): Promise<PostedIssue>
  updateIssue(number: number, title: string, body: string): Promise<PostedIssue>
  closeIssue(number: number, comment: string): Promise<void>
  listPullRequestFiles(pullRequest: number): Promise<PullRequestFile[]>
  listReviewComments(pullRequest: number): Promise<PostedReviewComment[]>
  createReviewComment(pullRequest: number, comment: NewReviewComment): Promise<PostedReviewComment>
  updateReviewComment(id: number, body: string): Promise<PostedReviewComment>
  deleteReviewComment(id: number): Promise<void>
}

export const TRACKING_LABEL = 'hang-regression'

/** What a report is, for the marker and the titles. */
export interface ReportFacts {
  verdict: Verdict
  /** the catalog id when hung */
  pattern?: string
  /** path:line when known */
  culprit?: string
  /** the report, redacted */
  markdown: string
  /** the commit the run tested (a PR's head) */
  sha: string
  /** the workflow run, for links */
  runUrl?: string
}

// ---------------------------------------------------------------- the marker

interface Marker {
  key: string
  state: string
  /** healthy since this commit */
  since?: string
}

const MARKER = /<!-- backend-hang-debug:report key="([\w.-]*)" state="([\w-]+)"(?: since="([0-9a-f]{7,40})")? -->/

function markerLine(marker: Marker): string {
  return `<!-- backend-hang-debug:report key="${marker.key}" state="${marker.state}"${marker.since ? ` since="${marker.since}"` : ''} -->`
}

function readMarker(body: string): Marker | undefined {
  const match = MARKER.exec(body)
  return match
    ? { key: match[1] as string, state: match[2] as string, ...(match[3] ? { since: match[3] } : {}) }
    : undefined
}

/** A report from elsewhere must not carry a marker of its own (it would be taken for ours). */
function withoutMarkers(text: string): string {
  return text.replace(/<!-- backend-hang-debug:[^>]*-->/g, '')
}

const PREVIOUS_START = '<!-- backend-hang-debug:previous -->'
const PREVIOUS_END = '<!-- backend-hang-debug:previous-end -->'

/** Ours: the marker with our key, written by the token's identity, or by a bot when that is unknown (anyone can paste a marker). */
function isOurs(body: string, author: Author, key: string, identity: string | undefined): boolean {
  const byUs = identity === undefined ? author.bot : author.login === identity
  return byUs && readMarker(body)?.key === key
}

function cut(markdown: string, fullReportAt: string): string {
  return fitToLimit(markdown, BODY_LIMIT - 400, fullReportAt)
}

/** A report as a comment's or an issue's body: our marker, then the report cut to GitHub's limit. */
function reportBody(marker: Marker, markdown: string, fullReportAt: string): string {
  return `${markerLine(marker)}\n${cut(withoutMarkers(markdown), fullReportAt)}`
}

/** The report's one-line headline: its first line that is not a heading. */
function headlineOf(markdown: string): string {
  return markdown.split('\n').find(line => line.trim() !== '' && !line.startsWith('#')) ?? ''
}

// ---------------------------------------------------------------- the PR comment

export interface CommentOutcome {
  action: 'created' | 'updated' | 'skipped'
  url?: string
}

/** The body of a green comment: no hang since a commit, with the last diagnosis kept collapsed. */
function greenBody(key: string, since: string, facts: ReportFacts, previous: string): string {
  const short = since.slice(0, 7)
  const checked =
    facts.sha === since
      ? ''
      : ` Last checked at \`${facts.sha.slice(0, 7)}\`${facts.runUrl ? ` ([run](${facts.runUrl}))` : ''}.`
  return [
    markerLine({ key, state: 'healthy', since }),
    `## ✅ backend-hang-debug: no hang since \`${short}\``,
    '',
    `${headlineOf(facts.markdown)}${checked}`,
    '',
    PREVIOUS_START,
    previous,
    PREVIOUS_END,
    ''
  ].join('\n')
}

/** The earlier diagnosis, collapsed, from a comment: its own collapsed part when it is green already. */
function previousDiagnosis(body: string): string {
  const start = body.indexOf(PREVIOUS_START)
  const end = body.indexOf(PREVIOUS_END)
  if (start >= 0 && end > start) return body.slice(start + PREVIOUS_START.length, end).trim()
  const report = withoutMarkers(body).trim()
  const title = report.split('\n')[0]?.replace(/^#+\s*/, '') ?? 'the earlier report'
  return `<details>\n<summary>Previous diagnosis: ${title}</summary>\n\n${report}\n\n</details>`
}

/**
 * Creates or updates our comment on a pull request. A run with something to
 * report writes the report; a healthy run turns an earlier report green in
 * place, keeping its diagnosis collapsed, and posts nothing new unless asked to
 * (comment: always).
 */
export async function publishToPullRequest(
  port: GitHubPort,
  pullRequest: number,
  facts: ReportFacts,
  options: { key: string; comment: CommentMode; fullReportAt: string }
): Promise<CommentOutcome> {
  const identity = await port.identity()
  const comments = await port.listComments(pullRequest)
  const ours = comments.find(c => isOurs(c.body, c.author, options.key, identity))
  let body: string
  if (facts.verdict !== 'healthy') {
    body = reportBody({ key: options.key, state: facts.verdict }, facts.markdown, options.fullReportAt)
  } else if (ours && readMarker(ours.body)?.state !== 'healthy') {
    body = greenBody(options.key, facts.sha, facts, cut(previousDiagnosis(ours.body), options.fullReportAt))
  } else if (ours) {
    const since = readMarker(ours.body)?.since ?? facts.sha
    body = greenBody(options.key, since, facts, previousDiagnosis(ours.body))
  } else if (options.comment === 'always') {
    body = reportBody({ key: options.key, state: 'healthy', since: facts.sha }, facts.markdown, options.fullReportAt)
  } else {
    return { action: 'skipped' }
  }
  if (ours) return { action: 'updated', url: (await port.updateComment(ours.id, body)).url }
  return { action: 'created', url: (await port.createComment(pullRequest, body)).url }
}

// ---------------------------------------------------------------- the tracking issue

export interface IssueOutcome {
  action: 'opened' | 'updated' | 'closed' | 'none'
  url?: string
}

function issueTitle(facts: ReportFacts, key: string): string {
  const how = facts.verdict === 'stalled' ? 'stalled' : 'blocked'
  const what =
    (facts.verdict === 'hung' || facts.verdict === 'stalled') && facts.pattern
      ? `event loop ${how} (${facts.pattern})${facts.culprit ? ` at ${facts.culprit}` : ''}`
      : facts.verdict
  return `backend-hang-debug: ${what}${key ? ` [${key}]` : ''}`
}

/**
 * One open issue per key for a regression: opened on the first bad run,
 * updated (not repeated) on later ones, closed with a comment when a run is
 * healthy again.
 */
export async function publishToTrackingIssue(
  port: GitHubPort,
  facts: ReportFacts,
  options: { key: string; fullReportAt: string }
): Promise<IssueOutcome> {
  const identity = await port.identity()
  const open = (await port.openIssuesWithLabel(TRACKING_LABEL)).find(i =>
    isOurs(i.body, i.author, options.key, identity)
  )
  if (facts.verdict === 'healthy') {
    if (!open) return { action: 'none' }
    const run = facts.runUrl ? ` ([run](${facts.runUrl}))` : ''
    await port.closeIssue(
      open.number,
      `✅ Healthy again at \`${facts.sha.slice(0, 7)}\`${run}: ${headlineOf(facts.markdown)}`
    )
    return { action: 'closed', url: open.url }
  }
  const body = reportBody({ key: options.key, state: facts.verdict }, facts.markdown, options.fullReportAt)
  const title = issueTitle(facts, options.key)
  if (open) return { action: 'updated', url: (await port.updateIssue(open.number, title, body)).url }
  await port.ensureLabel(
    TRACKING_LABEL,
    'b60205',
    'A scheduled backend-hang-debug run found the app hung, stalled or unhealthy'
  )
  return { action: 'opened', url: (await port.createIssue(title, body, [TRACKING_LABEL])).url }
}

// ---------------------------------------------------------------- the one-click suggestion

export interface Destinations {
  /** the PR to comment on: its number, or the branch whose open PR to look up */
  pullRequest?: { number: number } | { branch: string }
  trackingIssue: boolean
}

/**
 * pull_request: its comment. schedule: the tracking issue (tracking-issue:
 * auto). workflow_dispatch: the open PR of the branch, if any. Anything else:
 * the job summary only.
 */
export function destinationsFor(
  event: { name: string; pullRequest?: number; branch?: string },
  settings: { comment: CommentMode; trackingIssue: TrackingIssueMode }
): Destinations {
  const trackingIssue =
    settings.trackingIssue === 'always' || (settings.trackingIssue === 'auto' && event.name === 'schedule')
  if (settings.comment === 'never') return { trackingIssue }
  if (event.pullRequest !== undefined) return { pullRequest: { number: event.pullRequest }, trackingIssue }
  if (event.name === 'workflow_dispatch' && event.branch)
    return { pullRequest: { branch: event.branch }, trackingIssue }
  return { trackingIssue }
}

// ---------------------------------------------------------------- a saved report (fork PRs)

/**
 * The pull request a saved report may be posted to, trusting only what the
 * workflow_run event says: the run's head commit, and the PRs GitHub linked to
 * it (none for a fork, then the open PR whose head is that commit). A report
 * saved for another commit is not posted.
 */
export async function savedReportTarget(
  port: GitHubPort,
  savedHeadSha: string,
  run: { headSha: string; pullRequests: number[] }
): Promise<{ pullRequest: number } | { skip: string }> {
  if (savedHeadSha !== run.headSha) {
    return {
      skip: `The saved report is for ${savedHeadSha.slice(0, 7)}, but the workflow run was for ${run.headSha.slice(0, 7)}; posting nothing.`
    }
  }
  const number = run.pullRequests[0] ?? (await port.openPullRequestWithHead(run.headSha))?.number
  return number === undefined
    ? { skip: `No open pull request has the head ${run.headSha.slice(0, 7)}; nothing to post.` }
    : { pullRequest: number }
}
