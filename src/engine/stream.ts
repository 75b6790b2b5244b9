// Opens one SSE stream the way a browser's EventSource or an LLM chat client
// does, counts the real events it receives and the gaps between them, and
// disconnects by closing the socket, which is what the app sees when a user
// closes the tab.

import type * as http from 'node:http'
import { describeError, sendRequest } from '../os/http-client.js'
import type { StreamEnd, StreamResult } from '../core/model.js'

export interface StreamOptions {
  url: string
  method: string
  headers: [string, string][]
  body: string
  abortAfterEvents: number
  abortAfterMs: number
  /**
   * discovery's look at a route: `responded` resolves at the headers, true
   * when they say text/event-stream, and the stream may be closed at once;
   * any other answer is no configuration error, only not a stream
   */
  sniff?: boolean
}

/** The stream route answered in a way that is a configuration problem, not a hang. */
export class StreamRouteError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StreamRouteError'
  }
}

export interface OpenStream {
  /**
   * Resolves true when the response headers arrive; false when abort-after
   * elapses without them or the connection fails (the probes then judge the
   * app). Rejects with StreamRouteError when the route answers non-2xx or
   * with another content type: a configuration problem, not a hang.
   */
  responded: Promise<boolean>
  /** Resolves at the first event, or when the stream is abortable without one. */
  firstEvent: Promise<void>
  /** Resolves once the stream may be aborted: enough events, abort-after elapsed, or the stream ended. */
  abortable: Promise<void>
  /**
   * Closes the connection as a browser closing the tab does (a real client
   * disconnect) and returns what was seen. When the server notices depends
   * on the server: uvicorn at once, aiohttp (and ASGI 2.4 apps under
   * Starlette) only at their next write, which the settle window waits for.
   */
  abort(): StreamResult
}

/**
 * Counts Server-Sent Events as the HTML spec dispatches them: an event is the
 * lines up to a blank line, and it is dispatched only if it has a data field.
 * Comment lines (`: ping`) and retry/id-only blocks are not events.
 */
export class SseEventCounter {
  events = 0
  private partial = ''
  private hasData = false
  private lastWasCR = false

  push(chunk: string): void {
    let text = this.partial + chunk
    // a CR at the end of the last chunk already ended its line; skip the LF of a split CRLF
    if (this.lastWasCR && text.startsWith('\n')) text = text.slice(1)
    this.lastWasCR = false
    const lines = text.split(/\r\n|\r|\n/)
    this.partial = lines.pop() ?? ''
    if (this.partial === '' && text.endsWith('\r')) this.lastWasCR = true
    for (const line of lines) this.line(line)
  }

  private line(line: string): void {
    if (line === '') {
      if (this.hasData) this.events++
      this.hasData = false
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    if (field === 'data') this.hasData = true
  }
}

const KEPT_BODY_BYTES = 300
const ERROR_BODY_WAIT_MS = 500

export function openStream(options: StreamOptions, index: number): OpenStream {
  const started = performance.now()
  const counter = new SseEventCounter()
  const result: StreamResult = { index, events: 0, openMs: 0, end: 'failed' }
  let ended: StreamEnd | undefined
  let closed = false

  let resolveResponded!: (value: boolean) => void
  let rejectResponded!: (error: Error) => void
  const responded = new Promise<boolean>((resolve, reject) => {
    resolveResponded = resolve
    rejectResponded = reject
  })
  // the engine may stop listening after another stream failed; never leave a rejection unhandled
  responded.catch(() => undefined)
  let resolveAbortable!: () => void
  const abortable = new Promise<void>(resolve => (resolveAbortable = resolve))
  let resolveFirstEvent!: () => void
  const firstEvent = Promise.race([abortable, new Promise<void>(resolve => (resolveFirstEvent = resolve))])
  let lastEventAt = started

  const finish = (end: StreamEnd, detail?: string): void => {
    if (ended) return
    ended = end
    if (detail) result.detail = detail
    result.openMs = performance.now() - started
    resolveAbortable()
  }

  const timer = setTimeout(() => {
    resolveResponded(false)
    resolveAbortable()
  }, options.abortAfterMs)

  const headers: Record<string, string> = {
    accept: 'text/event-stream',
    'cache-control': 'no-cache',
    ...Object.fromEntries(options.headers.map(([name, value]) => [name.toLowerCase(), value]))
  }
  const onResponse = (response: http.IncomingMessage): void => {
    result.status = response.statusCode ?? 0
    result.contentType = String(response.headers['content-type'] ?? '')
    const isEventStream = /^text\/event-stream\b/i.test(result.contentType)
    response.setEncoding('utf8')
    if (options.sniff) {
      resolveResponded(isEventStream && result.status >= 200 && result.status < 300)
      resolveAbortable()
      response.resume()
      return
    }
    if (result.status < 200 || result.status >= 300 || !isEventStream) {
      reportBadRoute(response, result, options, rejectResponded)
      return
    }
    resolveResponded(true)
    response.on('data', (chunk: string) => {
      counter.push(chunk)
      if (counter.events > result.events) {
        const now = performance.now()
        result.events = counter.events
        result.firstEventMs ??= now - started
        result.longestGapMs = Math.max(result.longestGapMs ?? 0, now - lastEventAt)
        lastEventAt = now
        resolveFirstEvent()
        if (result.events >= options.abortAfterEvents) resolveAbortable()
      }
    })
    response.on('end', () => finish('ended-by-server'))
    response.on('error', error => finish('failed', describeError(error)))
  }
  const req = sendRequest(
    { url: options.url, method: options.method, headers, body: options.body },
    onResponse
  )
  req.on('error', error => {
    if (closed) return
    // a connection that fails is the app's state, not a configuration error: the probes judge it
    finish('failed', describeError(error))
    resolveResponded(false)
  })

  return {
    responded,
    firstEvent,
    abortable,
    abort(): StreamResult {
      clearTimeout(timer)
      if (!closed) {
        closed = true
        const reason = result.events >= options.abortAfterEvents ? 'aborted-after-events' : 'aborted-after-time'
        if (!ended) finish(reason)
        req.destroy()
      }
      resolveResponded(false)
      result.end = ended ?? 'failed'
      return { ...result }
    }
  }
}

function reportBadRoute(
  response: http.IncomingMessage,
  result: StreamResult,
  options: StreamOptions,
  reject: (error: Error) => void
): void {
  let body = ''
  const done = (): void => {
    clearTimeout(timer)
    const what = `${options.method} ${new URL(options.url).pathname}`
    const excerpt = body.trim() === '' ? '' : ` (body: ${body.trim().slice(0, KEPT_BODY_BYTES)})`
    if (result.status === undefined || result.status < 200 || result.status >= 300) {
      reject(
        new StreamRouteError(
          `stream-path: ${what} answered HTTP ${result.status}${excerpt}; expected a 2xx Server-Sent Events response. Check stream-path, stream-method, stream-headers and stream-body.`
        )
      )
    } else {
      reject(
        new StreamRouteError(
          `stream-path: ${what} answered with content-type "${result.contentType || 'none'}"${excerpt}; expected text/event-stream. Is stream-path the SSE route?`
        )
      )
    }
  }
  const timer = setTimeout(done, ERROR_BODY_WAIT_MS)
  response.on('data', (chunk: string) => {
    if (body.length < KEPT_BODY_BYTES) body += chunk
    if (body.length >= KEPT_BODY_BYTES) done()
  })
  response.on('end', done)
  response.on('error', done)
}
