// Discovery: the app's OpenAPI document fetched, the candidates chosen from
// it (analysis/route-candidates.ts), and each GET candidate opened once, with
// the loop watched, to see whether it streams. Nothing but GET is sent to a
// route it was not told about.

import { candidatesFrom, shareOf } from '../analysis/route-candidates.js'
import { routeLabel, type Discovery, type RunResult } from '../core/model.js'
import { describeError, sendRequest } from '../os/http-client.js'
import { leftBroken, RouteCheck } from './route-check.js'
import type { Restarter, RouteCheckContext } from './route-context.js'

export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DiscoveryError'
  }
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
        if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300)
          return reject(none(`HTTP ${response.statusCode}`))
        try {
          const document = JSON.parse(body) as { paths?: unknown }
          if (typeof document.paths !== 'object' || document.paths === null)
            return reject(none('not an OpenAPI document: no "paths"'))
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

export interface DiscoveredRoutes {
  /** the candidates of every share, and of this job's (shard) */
  candidates: { total: number; mine: number }
  discovery: Discovery
  /** the streaming routes to check, declared first */
  toCheck: RouteCheck[]
  /** sniffs that blocked the loop or broke the app: findings of their own */
  troubled: RouteCheck[]
  /** routes found that cannot be checked, because a sniff left the app broken */
  notChecked: RunResult['notChecked']
  /** the last sniff left the app hung, crashed or failing, and it was not started again */
  appBroken: boolean
}

/**
 * The streaming routes the app's OpenAPI document declares, and those found
 * by opening every other GET operation without required parameters once.
 * Closing a sniffed route is a disconnect: each sniff is watched as any
 * abort is, and a route that blocks the loop then is a finding of its own.
 */
export async function discoverRoutes(context: RouteCheckContext, restart?: Restarter): Promise<DiscoveredRoutes> {
  const { settings, logger } = context
  const document = await fetchOpenApi(settings.baseUrl + settings.openapiPath, settings.healthTimeoutMs)
  const candidates = candidatesFrom(document, {
    exclude: settings.excludePaths,
    healthPath: settings.healthPath,
    openapiPath: settings.openapiPath
  })
  // this job's share (shard): of the declared streams and the routes to sniff together, so each is in one share
  const mine = new Set(shareOf([...candidates.declared, ...candidates.toSniff], settings.shard))
  const declared = candidates.declared.filter(route => mine.has(route))
  const toSniff = candidates.toSniff.filter(route => mine.has(route))
  const found = declared.map(route => new RouteCheck(context, route, true))
  const troubled: RouteCheck[] = []
  // a stream whose sniff left the app broken has its finding: it is not opened again
  const stillToCheck = (c: RouteCheck): boolean => !troubled.includes(c) || leftBroken(c) === undefined
  const leftAside = [...candidates.leftAside]
  let sniffed = 0
  let leftBy: string | undefined
  for (const [index, route] of toSniff.entries()) {
    if (leftBy) {
      leftAside.push(`${routeLabel(route)}: not opened, ${leftBy}`)
      continue
    }
    // no more opened than can be checked: max-routes streams found (the declared ones first), or as many opened
    if (found.length >= settings.maxRoutes || sniffed >= settings.maxRoutes) {
      leftAside.push(`${routeLabel(route)}: not opened, max-routes (${settings.maxRoutes}) cut discovery short`)
      continue
    }
    sniffed++
    const check = new RouteCheck(context, route, false)
    await check.sniff()
    if (check.streams) found.push(check)
    // kept now only for what its sniff did to the loop (judged later); a stream is kept when its cycles run
    if (check.verdict !== 'healthy' || check.slowProbes.length > 0) troubled.push(check)
    const broken = leftBroken(check)
    // the app is needed again for the sniffs after this one, and for the routes found
    const more = index < toSniff.length - 1 || found.some(stillToCheck)
    // with nothing after it, the app is left as the sniff left it
    if (broken) leftBy = more && restart ? await restart(check) : broken
  }
  const discovery: Discovery = {
    openapiPath: settings.openapiPath,
    routes: found.map(c => c.route),
    declared: declared.length,
    sniffed,
    sniffedStreams: found.length - declared.length,
    leftAside
  }
  logger.info(
    `Discovery: ${discovery.openapiPath} declares ${discovery.declared} streaming route(s); ${discovery.sniffed} GET route(s) opened, ${discovery.sniffedStreams} of them streaming` +
      (discovery.routes.length > 0 ? `: ${discovery.routes.map(routeLabel).join(', ')}` : '')
  )
  const toCheck = found.filter(stillToCheck)
  return {
    discovery,
    // the app is hung or gone: what discovery found cannot be checked
    toCheck: leftBy ? [] : toCheck,
    troubled,
    notChecked: leftBy ? toCheck.map(c => ({ route: c.route, reason: leftBy })) : [],
    appBroken: leftBy !== undefined,
    candidates: { total: candidates.declared.length + candidates.toSniff.length, mine: mine.size }
  }
}
