// The fetch the GitHub client runs on (node:http, the toolkit's agent),
// against a real server on 127.0.0.1: what Octokit reads of an answer, and
// redirects followed as fetch follows them, on the API's origin only.

import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpFetch } from '../../src/github/http-fetch.js'

interface Seen {
  method: string
  url: string
  body: string
  authorization?: string
  contentType?: string
}

let server: http.Server
let base: string
const seen: Seen[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = ''
    req.on('data', chunk => (body += chunk))
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {})
      })
      const to = /^\/redirect\/(\d+)(\/.*)$/.exec(req.url ?? '')
      if (to) return res.writeHead(Number(to[1]), { location: to[2] }).end('moved')
      if (req.url === '/elsewhere') return res.writeHead(301, { location: 'http://127.0.0.2:1/x' }).end()
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end()
      if (req.url === '/empty') return res.writeHead(204).end()
      if (req.url === '/slow') return setTimeout(() => res.end('late'), 2000)
      res.writeHead(req.method === 'POST' ? 201 : 200, [
        ['content-type', 'application/json; charset=utf-8'],
        ['link', '<http://x/?page=2>; rel="next"'],
        ['x-multi', 'a'],
        ['x-multi', 'b']
      ])
      res.end(JSON.stringify({ method: req.method, url: req.url, body }))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

describe('httpFetch', () => {
  it('sends the method, headers and body, and answers with status, headers and body as fetch does', async () => {
    const response = await httpFetch(`${base}/repos/a/b/issues/1/comments`, {
      method: 'POST',
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: '{"body":"hi"}'
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('link')).toBe('<http://x/?page=2>; rel="next"')
    expect(response.headers.get('x-multi')).toBe('a, b')
    expect(await response.json()).toEqual({
      method: 'POST',
      url: '/repos/a/b/issues/1/comments',
      body: '{"body":"hi"}'
    })
    expect(seen.at(-1)).toMatchObject({ authorization: 'token t', contentType: 'application/json' })
  })

  it('gives no body for a 204', async () => {
    const response = await httpFetch(`${base}/empty`, { method: 'DELETE' })
    expect(response.status).toBe(204)
    expect(response.body).toBeNull()
  })

  it('follows a redirect on the same origin: 307 keeps the method and body, 303 and a POST 301 become a GET', async () => {
    seen.length = 0
    const kept = await httpFetch(`${base}/redirect/307/kept`, { method: 'PATCH', body: 'x' })
    expect(await kept.json()).toEqual({ method: 'PATCH', url: '/kept', body: 'x' })
    const seeOther = await httpFetch(`${base}/redirect/303/other`, {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'text/plain' }
    })
    expect(await seeOther.json()).toEqual({ method: 'GET', url: '/other', body: '' })
    const moved = await httpFetch(`${base}/redirect/301/moved`, { method: 'POST', body: 'x' })
    expect(await moved.json()).toEqual({ method: 'GET', url: '/moved', body: '' })
    // the token goes along on the same origin, the body's type does not after a 303
    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'PATCH /redirect/307/kept',
      'PATCH /kept',
      'POST /redirect/303/other',
      'GET /other',
      'POST /redirect/301/moved',
      'GET /moved'
    ])
    expect(seen[3]?.contentType).toBeUndefined()
  })

  it('does not follow a redirect to another origin, nor more than three', async () => {
    await expect(httpFetch(`${base}/elsewhere`, { headers: { authorization: 'token t' } })).rejects.toThrow(
      /redirected to another origin \(http:\/\/127\.0\.0\.2:1\); not followed/
    )
    seen.length = 0
    const looped = await httpFetch(`${base}/loop`)
    expect(looped.status).toBe(302)
    expect(seen).toHaveLength(4)
  })

  it('gives up when its signal aborts', async () => {
    await expect(httpFetch(`${base}/slow`, { signal: AbortSignal.timeout(100) })).rejects.toThrow(/abort/i)
  })
})
