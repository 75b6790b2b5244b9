// Which routes a run checks: stream-path's lines, and what an OpenAPI
// document (recorded from test/fixtures/apps/multi-stream) gives discovery.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturesDir } from '../support/paths.js'
import { candidatesFrom, globPattern } from '../../src/analysis/route-candidates.js'
import { namedRoutes } from '../../src/inputs/route-lines.js'

const document: unknown = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'openapi/multi-stream.json'), 'utf8'))
const defaults = { exclude: [], healthPath: '/health', openapiPath: '/openapi.json' }

describe('namedRoutes', () => {
  const read = (text: string, method = 'GET') => {
    const problems: string[] = []
    const routes = namedRoutes(text, method, (line, expected) => problems.push(`${line}: ${expected}`))
    return { routes, problems }
  }

  it('reads a path, METHOD path, and a JSON body after the path, one route per line', () => {
    expect(
      read('/events\nPOST /v1/chat/completions {"messages": [{"role": "user"}]}\n  delete /jobs/1 ').routes
    ).toEqual([
      { method: 'GET', path: '/events', found: 'named' },
      { method: 'POST', path: '/v1/chat/completions', body: '{"messages": [{"role": "user"}]}', found: 'named' },
      { method: 'DELETE', path: '/jobs/1', found: 'named' }
    ])
    expect(read('/chat', 'POST').routes[0]?.method).toBe('POST')
  })

  it('names none for auto, nothing, or blank lines', () => {
    for (const text of ['auto', 'AUTO', '', '\n  \n']) expect(read(text).routes, JSON.stringify(text)).toEqual([])
  })

  it('says which line is wrong, and why', () => {
    expect(read('events\n/ok\nPOST /chat {not json}').problems).toEqual([
      'events: a path that starts with "/", or "METHOD /path", optionally followed by a JSON body, one route per line',
      'POST /chat {not json}: a JSON body after the path ({not json} is not JSON)'
    ])
    expect(read('auto\n/x').problems).toHaveLength(1)
  })
})

describe('globPattern', () => {
  it('matches * within a segment, ** across segments, ? one character, and everything else as written', () => {
    expect(globPattern('/admin/*').test('/admin/users')).toBe(true)
    expect(globPattern('/admin/*').test('/admin/users/1')).toBe(false)
    expect(globPattern('/admin/**').test('/admin/users/1')).toBe(true)
    expect(globPattern('/v?/events').test('/v2/events')).toBe(true)
    expect(globPattern('/v?/events').test('/v22/events')).toBe(false)
    expect(globPattern('/feed').test('/feed')).toBe(true)
    expect(globPattern('/feed').test('/feeds')).toBe(false)
    expect(globPattern('/a.b').test('/aXb')).toBe(false)
  })
})

describe('candidatesFrom a FastAPI document', () => {
  it('declares the native EventSourceResponse route; the others that stream are not described, so they are sniffed', () => {
    const { declared, toSniff } = candidatesFrom(document, defaults)
    expect(declared).toEqual([{ method: 'GET', path: '/builds/logs', found: 'declared' }])
    // the likeliest streams first, the health route and the document never
    expect(toSniff.map(r => r.path)).toEqual(['/notifications', '/feed', '/api/status', '/admin/reindex'])
    expect(toSniff.every(r => r.method === 'GET' && r.found === 'sniffed')).toBe(true)
  })

  it('leaves aside other methods, routes that need parameters, and what exclude-paths names, saying why', () => {
    const { toSniff, leftAside } = candidatesFrom(document, { ...defaults, exclude: ['/admin/**', '/feed'] })
    expect(toSniff.map(r => r.path)).toEqual(['/notifications', '/api/status'])
    expect(leftAside).toEqual([
      'GET /api/builds/{build_id}: needs parameters; name it in stream-path with them to check it',
      'GET /admin/reindex: excluded by exclude-paths (/admin/**)',
      'POST /api/chat/stream: discovery sends only GET; name it in stream-path (with its body) to check it',
      'GET /feed: excluded by exclude-paths (/feed)'
    ])
  })

  it('knows a required query or header parameter, a declared stream that needs one, and a stream declared under any status', () => {
    const doc = {
      paths: {
        '/search': { get: { parameters: [{ in: 'query', name: 'q', required: true }] } },
        '/optional': { get: { parameters: [{ in: 'query', name: 'page', required: false }] } },
        '/tenant': { parameters: [{ in: 'header', name: 'x-tenant', required: true }], get: {} },
        '/jobs/{id}/events': { get: { responses: { '200': { content: { 'text/event-stream': {} } } } } },
        '/mcp': { post: { responses: { '200': { content: { 'text/event-stream; charset=utf-8': {} } } } } },
        '/ticker': { get: { responses: { default: { content: { 'text/event-stream': {} } } } } }
      }
    }
    const { declared, toSniff, leftAside } = candidatesFrom(doc, defaults)
    expect(declared.map(r => r.path)).toEqual(['/ticker'])
    expect(toSniff.map(r => r.path)).toEqual(['/optional'])
    expect(leftAside).toEqual([
      'GET /search: needs parameters; name it in stream-path with them to check it',
      'GET /tenant: needs parameters; name it in stream-path with them to check it',
      'GET /jobs/{id}/events: needs parameters (it declares text/event-stream); name it in stream-path with them to check it',
      'POST /mcp: discovery sends only GET; name it in stream-path (with its body) to check it'
    ])
  })

  it('names the streams of every other method, and leaves the health route, the document and required parameters aside', () => {
    const sse = { responses: { '200': { content: { 'text/event-stream': {} } } } }
    const doc = {
      paths: {
        '/health': { get: {} },
        '/openapi.json': { get: {} },
        '/events': { post: sse, put: sse, patch: sse, delete: sse, get: {} },
        '/report': { post: {} },
        '/by-cookie': { get: { parameters: [{ in: 'cookie', required: true }] } },
        '/by-path': { get: { parameters: [{ in: 'path', required: true }] } },
        '/optional': { get: { parameters: [{ in: 'query', required: false }] } }
      }
    }
    const { toSniff, leftAside } = candidatesFrom(doc, defaults)
    expect(toSniff.map(r => r.path)).toEqual(['/events', '/optional'])
    expect(leftAside).toEqual([
      'POST /events: discovery sends only GET; name it in stream-path (with its body) to check it',
      'PUT /events: discovery sends only GET; name it in stream-path (with its body) to check it',
      'PATCH /events: discovery sends only GET; name it in stream-path (with its body) to check it',
      'DELETE /events: discovery sends only GET; name it in stream-path (with its body) to check it',
      'GET /by-cookie: needs parameters; name it in stream-path with them to check it',
      'GET /by-path: needs parameters; name it in stream-path with them to check it'
    ])
  })

  it('finds nothing in a document without paths', () => {
    expect(candidatesFrom({}, defaults)).toEqual({ declared: [], toSniff: [], leftAside: [] })
  })
})
