// Which routes discovery checks, chosen from the app's OpenAPI document:
// operations that declare text/event-stream, and GET operations without
// required parameters to open once and see whether they stream (likely
// streams first). Pure: the document in, the candidates out.

import type { Route } from '../core/model.js'

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
  return Object.values(operation.responses ?? {}).some(response =>
    Object.keys(response?.content ?? {}).some(type => /^text\/event-stream\b/i.test(type))
  )
}

function needsParameters(operation: Operation, item: PathItem, path: string): boolean {
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
  return (
    /\{[^}]+\}/.test(path) ||
    parameters.some(
      p => p.required === true && (p.in === 'path' || p.in === 'query' || p.in === 'header' || p.in === 'cookie')
    )
  )
}

/**
 * The candidates an OpenAPI document gives: declared streams, and the GET
 * operations to sniff, in the order they will be tried (likely streams
 * first). The health route and the document itself are not candidates.
 */
export function candidatesFrom(
  document: unknown,
  options: { exclude: string[]; healthPath: string; openapiPath: string }
): Candidates {
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
        if (streams || STREAMY.test(path))
          leftAside.push(`${label}: discovery sends only GET; name it in stream-path (with its body) to check it`)
        continue
      }
      if (needsParameters(operation, item, path)) {
        leftAside.push(
          `${label}: needs parameters${streams ? ' (it declares text/event-stream)' : ''}; name it in stream-path with them to check it`
        )
        continue
      }
      if (streams) declared.push({ method: 'GET', path, found: 'declared' })
      else toSniff.push({ method: 'GET', path, found: 'sniffed' })
    }
  }
  toSniff.sort((a, b) => Number(STREAMY.test(b.path)) - Number(STREAMY.test(a.path)))
  return { declared, toSniff, leftAside }
}

/** This job's share of the routes, `index` of `count` (1-based), as the shard input says. */
export interface Shard {
  index: number
  count: number
}

/**
 * The routes of one shard: sorted by a stable key (the path, then the
 * method), the i-th route goes to shard i mod count + 1, so that every route
 * is in exactly one shard whatever the order they were named or found in,
 * and the shards get as many routes as they can.
 */
export function shareOf<R extends { method: string; path: string }>(routes: R[], shard: Shard | undefined): R[] {
  if (!shard || shard.count === 1) return routes
  const key = (route: R): string => `${route.path}\u0000${route.method}`
  const sorted = [...routes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  const mine = new Set(sorted.filter((_, i) => i % shard.count === shard.index - 1))
  // the share keeps the order the routes came in (declared streams first, likely streams first)
  return routes.filter(route => mine.has(route))
}
