// Which routes to check: the ones stream-path names, or, when it names none,
// the app's streaming routes found by reading its OpenAPI document
// (operations that declare text/event-stream) and by sniffing the rest (GET
// operations without required parameters, opened once to see whether they
// answer text/event-stream). Reading the document and choosing the
// candidates are pure; fetching the document is the one request made here.
// Discovery never sends anything but GET to a route it was not told about.

import { describeError, sendRequest } from './http-client.js'
import type { Route } from '../model.js'

export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DiscoveryError'
  }
}

const ROUTE_LINE = /^(?:([A-Za-z]+)\s+)?(\/\S*)(?:\s+(.+))?$/

/**
 * The routes stream-path names, one per line: `/path`, `METHOD /path`, and
 * optionally a JSON body after the path. Problems are given to `bad`, one per
 * line; `auto` or nothing names none.
 */
export function namedRoutes(text: string, defaultMethod: string, bad: (line: string, expected: string) => void): Route[] {
  const lines = text
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l !== '')
  if (lines.length === 0 || (lines.length === 1 && /^auto$/i.test(lines[0] as string))) return []
  const routes: Route[] = []
  for (const line of lines) {
    const match = ROUTE_LINE.exec(line)
    if (!match) {
      bad(line, 'a path that starts with "/", or "METHOD /path", optionally followed by a JSON body, one route per line')
      continue
    }
    const body = match[3]
    if (body !== undefined) {
      try {
        JSON.parse(body)
      } catch {
        bad(line, `a JSON body after the path (${body} is not JSON)`)
        continue
      }
    }
    routes.push({ method: (match[1] ?? defaultMethod).toUpperCase(), path: match[2] as string, ...(body !== undefined ? { body } : {}), found: 'named' })
  }
  return routes
}

/** A glob of exclude-paths as a pattern: `*` within one segment, `**` across segments. */
export function globPattern(glob: string): RegExp {
  let pattern = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string
    if (c === '*' && glob[i + 1] === '*') {
      pattern += '.*'
      i++
    } else if (c === '*') pattern += '[^/]*'
    else if (c === '?') pattern += '[^/]'
    else pattern += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${pattern}$`)
}

interface Operation {
  parameters?: { in?: string; required?: boolean }[]
  responses?: Record<string, { content?: Record<string, unknown> } | undefined>
}

type PathItem = Record<string, Operation | unknown> & { parameters?: Operation['parameters'] }

export interface Candidates {
  /** operations that declare text/event-stream: checked as they are (GET only) */
  declared: Route[]
  /** GET operations without required parameters: opened once to see whether they stream */
  toSniff: Route[]
  /** operations left aside, with why: excluded, another method, parameters needed */
  leftAside: string[]
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete']
/** Paths that often stream: sniffed first, so a cut by max-routes leaves the likeliest in. */
const STREAMY = /stream|events?|sse|feed|subscri|watch|tail|logs?|live|notif|updates|chat|progress/i

function declaresEventStream(operation: Operation): boolean {
  return Object.values(operation.responses ?? {}).some(response => Object.keys(response?.content ?? {}).some(type => /^text\/event-stream\b/i.test(type)))
}

function needsParameters(operation: Operation, item: PathItem, path: string): boolean {
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
  return /\{[^}]+\}/.test(path) || parameters.some(p => p.required === true && (p.in === 'path' || p.in === 'query' || p.in === 'header' || p.in === 'cookie'))
}

/**
 * The candidates an OpenAPI document gives: declared streams, and the GET
 * operations to sniff, in the order they will be tried (likely streams
 * first). The health route and the document itself are not candidates.
 */
export function candidatesFrom(document: unknown, options: { exclude: string[]; healthPath: string; openapiPath: string }): Candidates {
  const paths = (document as { paths?: Record<string, PathItem> } | undefined)?.paths ?? {}
  const excluded = options.exclude.map(glob => ({ glob, pattern: globPattern(glob) }))
  const declared: Route[] = []
  const toSniff: Route[] = []
  const leftAside: string[] = []
  for (const [path, item] of Object.entries(paths)) {
    if (path === options.healthPath || path === options.openapiPath) continue
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined
      if (!operation || typeof operation !== 'object') continue
      const label = `${method.toUpperCase()} ${path}`
      const exclusion = excluded.find(e => e.pattern.test(path))
      if (exclusion) {
        leftAside.push(`${label}: excluded by exclude-paths (${exclusion.glob})`)
        continue
      }
      const streams = declaresEventStream(operation)
      if (method !== 'get') {
        // every POST of a big API would be noise: only those that look like streams are named
        if (streams || STREAMY.test(path)) leftAside.push(`${label}: discovery sends only GET; name it in stream-path (with its body) to check it`)
        continue
      }
      if (needsParameters(operation, item, path)) {
        leftAside.push(`${label}: needs parameters${streams ? ' (it declares text/event-stream)' : ''}; name it in stream-path with them to check it`)
        continue
      }
      if (streams) declared.push({ method: 'GET', path, found: 'declared' })
      else toSniff.push({ method: 'GET', path, found: 'sniffed' })
    }
  }
  toSniff.sort((a, b) => Number(STREAMY.test(b.path)) - Number(STREAMY.test(a.path)))
  return { declared, toSniff, leftAside }
}

/** The app's OpenAPI document, or a DiscoveryError that names stream-path when there is none. */
export function fetchOpenApi(url: string, timeoutMs: number): Promise<unknown> {
  const path = new URL(url).pathname
  const none = (why: string): DiscoveryError =>
    new DiscoveryError(
      `stream-path names no route, and the app serves no OpenAPI document at ${path} (${why}) to find its streaming routes in. ` +
        'Name them in stream-path, one per line (e.g. "/events" or "POST /chat"), or point openapi-path at the document.'
    )
  return new Promise((resolve, reject) => {
    let body = ''
    const timer = setTimeout(() => {
      req.destroy()
      reject(none(`no answer within ${timeoutMs} ms`))
    }, timeoutMs)
    const req = sendRequest({ url, headers: { accept: 'application/json', connection: 'close' } }, response => {
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => {
        clearTimeout(timer)
        if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) return reject(none(`HTTP ${response.statusCode}`))
        try {
          const document = JSON.parse(body) as { paths?: unknown }
          if (typeof document.paths !== 'object' || document.paths === null) return reject(none('not an OpenAPI document: no "paths"'))
          resolve(document)
        } catch {
          reject(none('not JSON'))
        }
      })
    })
    req.on('error', error => {
      clearTimeout(timer)
      reject(none(describeError(error)))
    })
  })
}
