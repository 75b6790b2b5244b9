// A small fake of the GitHub REST API on 127.0.0.1, owned by the tests: the
// endpoints the action uses (issue comments, pull requests, issues, labels,
// review comments and a pull request's files, the token's user), with
// GitHub's pagination (Link headers), and ways to
// make it fail as GitHub does: 403 on writes like a fork's token, and any
// status for the next requests that match.

import * as http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeComment {
  id: number
  issue: number
  body: string
  user: { login: string; type: string }
  html_url: string
}

export interface FakeIssue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  labels: { name: string }[]
  user: { login: string; type: string }
  html_url: string
}

export interface FakePull {
  number: number
  head: { sha: string; ref: string; label: string }
  html_url: string
}

export interface FakeReviewComment {
  id: number
  pull: number
  body: string
  user: { login: string; type: string }
  html_url: string
  path: string
  commit_id: string
  line: number
  start_line: number | null
  side: string
}

export interface RecordedRequest {
  method: string
  path: string
  authorization?: string
  body?: unknown
}

interface Failure {
  method: string
  path: RegExp
  status: number
  times: number
  headers?: Record<string, string>
}

/** The login GITHUB_TOKEN posts as. */
export const ACTIONS_BOT = 'github-actions[bot]'

function user(login: string): { login: string; type: string } {
  return { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
}

export class FakeGitHub {
  comments: FakeComment[] = []
  issues: FakeIssue[] = []
  pulls: FakePull[] = []
  labels: string[] = []
  reviewComments: FakeReviewComment[] = []
  /** each pull request's changed files with their patches */
  pullFiles = new Map<number, { filename: string; patch?: string }[]>()
  requests: RecordedRequest[] = []
  /** answer POST/PATCH with 403, as GitHub does for a read-only token */
  forbidWrites = false
  /** the token's user for GET /user; undefined answers 403, as GitHub does for GITHUB_TOKEN (which posts as the Actions bot) */
  tokenUser: string | undefined
  private failures: Failure[] = []
  private nextId = 1000
  private nextIssue = 500
  private server = http.createServer((req, res) => void this.handle(req, res))
  url = ''

  async start(): Promise<this> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise(resolve => this.server.close(resolve))
  }

  /** Clears everything the tests put in or the action wrote. */
  reset(): void {
    this.comments = []
    this.issues = []
    this.pulls = []
    this.labels = []
    this.reviewComments = []
    this.pullFiles = new Map()
    this.requests = []
    this.failures = []
    this.forbidWrites = false
    this.tokenUser = undefined
  }

  /** The next `times` requests with this method and a matching path get `status`. */
  failNext(method: string, path: RegExp, status: number, times = 1, headers?: Record<string, string>): void {
    this.failures.push({ method, path, status, times, ...(headers ? { headers } : {}) })
  }

  /** Adds a comment as if someone had posted it. */
  addComment(issue: number, body: string, login = 'someone'): FakeComment {
    const id = this.nextId++
    const comment: FakeComment = {
      id,
      issue,
      body,
      user: user(login),
      html_url: `https://github.com/acme/shop/pull/${issue}#issuecomment-${id}`
    }
    this.comments.push(comment)
    return comment
  }

  addPull(number: number, headSha: string, branch: string): FakePull {
    const pull = {
      number,
      head: { sha: headSha, ref: branch, label: `acme:${branch}` },
      html_url: `https://github.com/acme/shop/pull/${number}`
    }
    this.pulls.push(pull)
    return pull
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter(c => c.issue === issue)
  }

  /** Every body the action sent in a write. */
  postedBodies(): string[] {
    return this.requests.filter(r => r.method !== 'GET').map(r => JSON.stringify(r.body ?? ''))
  }

  private poster(): string {
    return this.tokenUser ?? ACTIONS_BOT
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>)
    const url = new URL(req.url ?? '/', this.url)
    const method = req.method ?? ''
    this.requests.push({
      method,
      path: url.pathname + url.search,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(body ? { body } : {})
    })
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(JSON.stringify(data))
    }
    /** A page of `all` with GitHub's Link header. */
    const page = <T>(all: T[]): void => {
      const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
      const current = Number(url.searchParams.get('page') ?? 1)
      const pages = Math.max(1, Math.ceil(all.length / perPage))
      const headers: Record<string, string> = {}
      if (current < pages) {
        const next = new URL(url)
        next.searchParams.set('page', String(current + 1))
        const last = new URL(url)
        last.searchParams.set('page', String(pages))
        headers.link = `<${next}>; rel="next", <${last}>; rel="last"`
      }
      send(200, all.slice((current - 1) * perPage, current * perPage), headers)
    }

    if (!req.headers.authorization) return send(401, { message: 'Requires authentication' })
    const failure = this.failures.find(f => f.method === method && f.path.test(url.pathname) && f.times > 0)
    if (failure) {
      failure.times--
      return send(failure.status, { message: `injected ${failure.status}` }, failure.headers)
    }
    const write = method === 'POST' || method === 'PATCH' || method === 'DELETE'
    if (write && this.forbidWrites) {
      return send(403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest'
      })
    }

    if (url.pathname === '/user' && method === 'GET') {
      return this.tokenUser
        ? send(200, { login: this.tokenUser })
        : send(403, { message: 'Resource not accessible by integration' })
    }
    const repo = /^\/repos\/acme\/shop(\/.*)$/.exec(url.pathname)?.[1]
    if (!repo) return send(404, { message: 'Not Found' })

    let m: RegExpExecArray | null
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(repo))) {
      if (method === 'GET') return page(this.commentsOn(Number(m[1])))
      if (method === 'POST') return send(201, this.addComment(Number(m[1]), String(body?.body ?? ''), this.poster()))
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(repo)) && method === 'PATCH') {
      const comment = this.comments.find(c => c.id === Number(m?.[1]))
      if (!comment) return send(404, { message: 'Not Found' })
      comment.body = String(body?.body ?? '')
      return send(200, comment)
    }
    if ((m = /^\/pulls\/(\d+)\/files$/.exec(repo)) && method === 'GET')
      return page(this.pullFiles.get(Number(m[1])) ?? [])
    if ((m = /^\/pulls\/(\d+)\/comments$/.exec(repo))) {
      const pull = Number(m[1])
      if (method === 'GET') return page(this.reviewComments.filter(c => c.pull === pull))
      if (method === 'POST') {
        // as GitHub does: a review comment must sit on lines of the pull request's diff
        const file = (this.pullFiles.get(pull) ?? []).find(f => f.filename === body?.path)
        const shown = new Set<number>()
        let next = 0
        for (const line of (file?.patch ?? '').split('\n')) {
          const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line)
          if (hunk) next = Number(hunk[1])
          else if (next > 0 && !line.startsWith('-') && !line.startsWith('\\')) shown.add(next++)
        }
        const line = Number(body?.line)
        const start = body?.start_line === undefined ? line : Number(body.start_line)
        for (let l = start; l <= line; l++) {
          if (!shown.has(l))
            return send(422, {
              message: 'Validation Failed',
              errors: ['pull_request_review_thread.line must be part of the diff']
            })
        }
        const id = this.nextId++
        const created: FakeReviewComment = {
          id,
          pull,
          body: String(body?.body ?? ''),
          user: user(this.poster()),
          html_url: `https://github.com/acme/shop/pull/${pull}#discussion_r${id}`,
          path: String(body?.path),
          commit_id: String(body?.commit_id),
          line,
          start_line: body?.start_line === undefined ? null : start,
          side: String(body?.side)
        }
        this.reviewComments.push(created)
        return send(201, created)
      }
    }
    if ((m = /^\/pulls\/comments\/(\d+)$/.exec(repo))) {
      const found = this.reviewComments.find(c => c.id === Number(m?.[1]))
      if (!found) return send(404, { message: 'Not Found' })
      if (method === 'PATCH') {
        found.body = String(body?.body ?? '')
        return send(200, found)
      }
      if (method === 'DELETE') {
        this.reviewComments = this.reviewComments.filter(c => c !== found)
        res.writeHead(204).end()
        return
      }
    }
    if (repo === '/pulls' && method === 'GET') {
      const head = url.searchParams.get('head')
      return page(this.pulls.filter(p => !head || p.head.label === head))
    }
    if (repo === '/issues' && method === 'GET') {
      const label = url.searchParams.get('labels')
      const state = url.searchParams.get('state') ?? 'open'
      return page(
        this.issues.filter(
          i => (state === 'all' || i.state === state) && (!label || i.labels.some(l => l.name === label))
        )
      )
    }
    if (repo === '/issues' && method === 'POST') {
      const number = this.nextIssue++
      const labels = ((body?.labels as string[] | undefined) ?? []).map(name => ({ name }))
      const created: FakeIssue = {
        number,
        title: String(body?.title ?? ''),
        body: String(body?.body ?? ''),
        state: 'open',
        labels,
        user: user(this.poster()),
        html_url: `https://github.com/acme/shop/issues/${number}`
      }
      this.issues.push(created)
      return send(201, created)
    }
    if ((m = /^\/issues\/(\d+)$/.exec(repo)) && method === 'PATCH') {
      const found = this.issues.find(i => i.number === Number(m?.[1]))
      if (!found) return send(404, { message: 'Not Found' })
      if (typeof body?.title === 'string') found.title = body.title
      if (typeof body?.body === 'string') found.body = body.body
      if (body?.state === 'closed' || body?.state === 'open') found.state = body.state
      return send(200, found)
    }
    if (repo === '/labels' && method === 'POST') {
      const name = String(body?.name ?? '')
      if (this.labels.includes(name))
        return send(422, { message: 'Validation Failed', errors: [{ code: 'already_exists' }] })
      this.labels.push(name)
      return send(201, { name })
    }
    send(404, { message: 'Not Found' })
  }
}
