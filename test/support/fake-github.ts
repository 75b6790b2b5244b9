// A small fake of the GitHub REST API on 127.0.0.1, owned by the tests: the
// issue-comment endpoints the action uses, with GitHub's pagination (Link
// headers) and a mode that answers writes with 403 like a fork's token.

import * as http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeComment {
  id: number
  issue: number
  body: string
  user: { login: string; type: string }
  html_url: string
}

export interface RecordedRequest {
  method: string
  path: string
  authorization?: string
  body?: unknown
}

export class FakeGitHub {
  comments: FakeComment[] = []
  requests: RecordedRequest[] = []
  /** answer POST/PATCH with 403, as GitHub does for a read-only token */
  forbidWrites = false
  private nextId = 1000
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

  /** Adds a comment as if someone had posted it. */
  addComment(issue: number, body: string, login = 'someone'): FakeComment {
    const comment: FakeComment = {
      id: this.nextId++,
      issue,
      body,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      html_url: `https://github.com/acme/shop/pull/${issue}#issuecomment-${this.nextId - 1}`
    }
    this.comments.push(comment)
    return comment
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter(c => c.issue === issue)
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>)
    const url = new URL(req.url ?? '/', this.url)
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(body ? { body } : {})
    })
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(JSON.stringify(data))
    }
    if (!req.headers.authorization) {
      send(401, { message: 'Requires authentication' })
      return
    }
    const write = req.method === 'POST' || req.method === 'PATCH'
    if (write && this.forbidWrites) {
      send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' })
      return
    }

    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname)
    if (list && req.method === 'GET') {
      const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
      const page = Number(url.searchParams.get('page') ?? 1)
      const all = this.commentsOn(Number(list[3]))
      const pages = Math.max(1, Math.ceil(all.length / perPage))
      const headers: Record<string, string> = {}
      if (page < pages) {
        const next = new URL(url)
        next.searchParams.set('page', String(page + 1))
        const last = new URL(url)
        last.searchParams.set('page', String(pages))
        headers.link = `<${next}>; rel="next", <${last}>; rel="last"`
      }
      send(200, all.slice((page - 1) * perPage, page * perPage), headers)
      return
    }
    if (list && req.method === 'POST') {
      const comment = this.addComment(Number(list[3]), String(body?.body ?? ''), 'github-actions[bot]')
      send(201, comment)
      return
    }
    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)
    if (one && req.method === 'PATCH') {
      const comment = this.comments.find(c => c.id === Number(one[3]))
      if (!comment) {
        send(404, { message: 'Not Found' })
        return
      }
      comment.body = String(body?.body ?? '')
      send(200, comment)
      return
    }
    send(404, { message: 'Not Found' })
  }
}
