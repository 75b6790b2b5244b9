// The only module that talks to the GitHub API: GitHubPort (publish.ts) on
// @actions/github's Octokit, with a timeout on every request and retries
// with backoff for what is worth retrying (5xx, rate limits). Loaded only
// when something is to be posted: the client is most of the bundle.

// first: @actions/github needs undici as it loads
import './undici.js'
import * as github from '@actions/github'
import { setTimeout as delay } from 'node:timers/promises'
import { httpFetch } from './http-fetch.js'
import type {
  Author,
  GitHubPort,
  NewReviewComment,
  PostedComment,
  PostedIssue,
  PostedReviewComment,
  PullRequestFile,
  PullRequestRef
} from './publish.js'

/** The runner's GitHub context, for the entry that loads this module on demand. */
export { github }

type Octokit = ReturnType<typeof github.getOctokit>

export interface RepoRef {
  owner: string
  repo: string
}

const REQUEST_TIMEOUT_MS = 10_000
const RETRIES = 3
const BACKOFF_MS = 300
const MAX_RETRY_AFTER_MS = 10_000

/**
 * How long to wait before retrying this answer, or undefined when it should
 * not be retried: 5xx, 429, and a 403 that is a (secondary) rate limit.
 */
async function retryDelay(response: Response, attempt: number): Promise<number | undefined> {
  const retryAfter = Number(response.headers.get('retry-after'))
  const backoff = BACKOFF_MS * 2 ** attempt
  const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : backoff
  if (response.status >= 500 || response.status === 429) return wait
  if (response.status === 403) {
    // GitHub's secondary rate limit: 403 with retry-after, or a message that says so
    const limited =
      response.headers.has('retry-after') ||
      response.headers.get('x-ratelimit-remaining') === '0' ||
      /rate limit/i.test(await response.clone().text())
    return limited ? wait : undefined
  }
  return undefined
}

/** fetch with a timeout per attempt and retries with backoff. */
async function patientFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    let response: Response
    try {
      response = await httpFetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
    } catch (error) {
      if (attempt >= RETRIES) throw error
      await delay(BACKOFF_MS * 2 ** attempt)
      continue
    }
    const wait = attempt < RETRIES ? await retryDelay(response, attempt) : undefined
    if (wait === undefined) return response
    await delay(wait)
  }
}

export function createClient(token: string): Octokit {
  return github.getOctokit(token, { request: { fetch: patientFetch } })
}

type User = { login: string; type?: string } | null

function author(user: User): Author {
  return { login: user?.login ?? '', bot: user?.type === 'Bot' }
}

function comment(data: { id: number; body?: string | undefined; user: User; html_url: string }): PostedComment {
  return { id: data.id, body: data.body ?? '', author: author(data.user), url: data.html_url }
}

function issue(data: { number: number; body?: string | null | undefined; user: User; html_url: string }): PostedIssue {
  return { number: data.number, body: data.body ?? '', author: author(data.user), url: data.html_url }
}

function reviewComment(data: {
  id: number
  body: string
  user: User
  html_url: string
  path: string
  line?: number | null
  original_line?: number | null
  start_line?: number | null
}): PostedReviewComment {
  return {
    id: data.id,
    body: data.body,
    author: author(data.user),
    url: data.html_url,
    path: data.path,
    line: data.line ?? data.original_line ?? 0,
    ...(data.start_line ? { startLine: data.start_line } : {})
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}

/** GitHubPort on the REST API. */
export class RestGitHub implements GitHubPort {
  private login: Promise<string | undefined> | undefined

  constructor(
    private readonly octokit: Octokit,
    private readonly repo: RepoRef
  ) {}

  identity(): Promise<string | undefined> {
    this.login ??= this.octokit.rest.users.getAuthenticated().then(
      ({ data }) => data.login,
      (error: unknown) => {
        // an installation token (GITHUB_TOKEN, an app's) may not read /user; it posts as its app's bot
        if (statusOf(error) === 403 || statusOf(error) === 404) return undefined
        throw error
      }
    )
    return this.login
  }

  async listComments(number: number): Promise<PostedComment[]> {
    const all = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      ...this.repo,
      issue_number: number,
      per_page: 100
    })
    return all.map(comment)
  }

  async createComment(number: number, body: string): Promise<PostedComment> {
    return comment((await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: number, body })).data)
  }

  async updateComment(id: number, body: string): Promise<PostedComment> {
    return comment((await this.octokit.rest.issues.updateComment({ ...this.repo, comment_id: id, body })).data)
  }

  async openPullRequestForBranch(branch: string): Promise<PullRequestRef | undefined> {
    const { data } = await this.octokit.rest.pulls.list({
      ...this.repo,
      state: 'open',
      head: `${this.repo.owner}:${branch}`,
      per_page: 1
    })
    const first = data[0]
    return first ? { number: first.number, headSha: first.head.sha } : undefined
  }

  async openPullRequestWithHead(sha: string): Promise<PullRequestRef | undefined> {
    const all = await this.octokit.paginate(this.octokit.rest.pulls.list, {
      ...this.repo,
      state: 'open',
      per_page: 100
    })
    const found = all.find(pr => pr.head.sha === sha)
    return found ? { number: found.number, headSha: found.head.sha } : undefined
  }

  async openIssuesWithLabel(label: string): Promise<PostedIssue[]> {
    const all = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
      ...this.repo,
      state: 'open',
      labels: label,
      per_page: 100
    })
    return all.filter(i => !i.pull_request).map(issue)
  }

  async ensureLabel(name: string, color: string, description: string): Promise<void> {
    try {
      await this.octokit.rest.issues.createLabel({ ...this.repo, name, color, description })
    } catch (error) {
      // 422: it exists already
      if (statusOf(error) !== 422) throw error
    }
  }

  async createIssue(title: string, body: string, labels: string[]): Promise<PostedIssue> {
    return issue((await this.octokit.rest.issues.create({ ...this.repo, title, body, labels })).data)
  }

  async updateIssue(number: number, title: string, body: string): Promise<PostedIssue> {
    return issue((await this.octokit.rest.issues.update({ ...this.repo, issue_number: number, title, body })).data)
  }

  async closeIssue(number: number, text: string): Promise<void> {
    await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: number, body: text })
    await this.octokit.rest.issues.update({
      ...this.repo,
      issue_number: number,
      state: 'closed',
      state_reason: 'completed'
    })
  }

  async listPullRequestFiles(number: number): Promise<PullRequestFile[]> {
    const all = await this.octokit.paginate(this.octokit.rest.pulls.listFiles, {
      ...this.repo,
      pull_number: number,
      per_page: 100
    })
    return all.map(f => ({ filename: f.filename, ...(f.patch ? { patch: f.patch } : {}) }))
  }

  async listReviewComments(number: number): Promise<PostedReviewComment[]> {
    const all = await this.octokit.paginate(this.octokit.rest.pulls.listReviewComments, {
      ...this.repo,
      pull_number: number,
      per_page: 100
    })
    return all.map(reviewComment)
  }

  async createReviewComment(number: number, comment: NewReviewComment): Promise<PostedReviewComment> {
    const { data } = await this.octokit.rest.pulls.createReviewComment({
      ...this.repo,
      pull_number: number,
      body: comment.body,
      commit_id: comment.commitId,
      path: comment.path,
      line: comment.line,
      side: 'RIGHT',
      ...(comment.startLine !== undefined ? { start_line: comment.startLine, start_side: 'RIGHT' as const } : {})
    })
    return reviewComment(data)
  }

  async updateReviewComment(id: number, body: string): Promise<PostedReviewComment> {
    return reviewComment(
      (await this.octokit.rest.pulls.updateReviewComment({ ...this.repo, comment_id: id, body })).data
    )
  }

  async deleteReviewComment(id: number): Promise<void> {
    await this.octokit.rest.pulls.deleteReviewComment({ ...this.repo, comment_id: id })
  }
}

/** Explains an API failure in terms of what the user can change; never includes the token. */
export function describeApiError(error: unknown, needs: string): string {
  const status = statusOf(error)
  const message = error instanceof Error ? error.message : String(error)
  if (status === 403) {
    return `GitHub answered 403 (${message}). The token cannot do this: a workflow needs "permissions: ${needs}", and a pull request from a fork gets a read-only token (see "Pull requests from forks" in the README). The diagnosis is in the job summary and the outputs.`
  }
  if (status === 404) {
    return `GitHub answered 404 (${message}): not found with this token, or the token lacks "${needs}". The diagnosis is in the job summary and the outputs.`
  }
  if (status === 401) return `GitHub answered 401 (${message}): github-token is not valid.`
  return typeof status === 'number' ? `GitHub answered ${status} (${message}), also after retrying.` : message
}
