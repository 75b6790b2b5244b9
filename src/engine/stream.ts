// Opens one streaming response the way a browser's EventSource or an LLM
// chat client does (SSE, NDJSON token streams, text or any chunked body),
// counts the real events it receives and the gaps between them, and
// disconnects by closing the socket, which is what the app sees when a user
// closes the tab. WebSocket routes have their own module with the same shape.

import type * as http from 'node:http'
import type { StreamResult } from '../core/model.js'
import { describeError, sendRequest } from '../os/http-client.js'
import { counterFor, eventKindOf, type EventCounter } from './stream-events.js'
import { StreamProgress } from './stream-progress.js'

export interface StreamOptions {
  url: string
  method: string
  headers: [string, string][]
  body: string
  abortAfterEvents: number
  abortAfterMs: number
  /**
   * discovery's look at a route: `responded` resolves at the headers, true
   * when they say the body streams (SSE, a JSON-lines type, or text sent in
   * chunks), and the stream may be closed at once; any other answer is no
   * configuration error, only not a stream
   */
  sniff?: boolean
  /** close the connection abruptly (a reset), as a dying browser tab does; else a normal close */
  abrupt?: boolean
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
   * Resolves true when the response headers arrive (for a WebSocket, when it
   * is open); false when abort-after elapses without them or the connection
   * fails (the probes then judge the app). Rejects with StreamRouteError when
   * the route answers non-2xx or refuses the upgrade: a configuration
   * problem, not a hang.
   */
  responded: Promise<boolean>
  /** Resolves at the first event, or when the stream is abortable without one. */
  firstEvent: Promise<void>
  /** the events received so far */
  eventCount(): number
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

const KEPT_BODY_BYTES = 300
const ERROR_BODY_WAIT_MS = 500

export function openStream(options: StreamOptions, index: number): OpenStream {
  const progress = new StreamProgress(index, options.abortAfterEvents, options.abortAfterMs)
  const { result } = progress
  let counter: EventCounter | undefined
  /** a response that ends with no event in its body has answered all the same: one event */
  let answeredByEnd = 0
  const eventsSoFar = (): number => (counter?.events ?? 0) + answeredByEnd

  const headers: Record<string, string> = {
    accept: 'text/event-stream, application/x-ndjson;q=0.9, */*;q=0.8',
    'cache-control': 'no-cache',
    ...Object.fromEntries(options.headers.map(([name, value]) => [name.toLowerCase(), value]))
  }
  // a body written as JSON (the form stream-path's route lines take) is sent as JSON, unless a header says otherwise
  if (options.body !== '' && headers['content-type'] === undefined && isJson(options.body))
    headers['content-type'] = 'application/json'
  const onResponse = (response: http.IncomingMessage): void => {
    result.status = response.statusCode ?? 0
    result.contentType = String(response.headers['content-type'] ?? '')
    const kind = eventKindOf(result.contentType)
    const ok = result.status >= 200 && result.status < 300
    response.setEncoding('utf8')
    if (options.sniff) {
      // a body of known length is an answer, not a stream: only what may go on is kept
      const streams = kind === 'sse' || (kind === 'lines' && response.headers['content-length'] === undefined)
      progress.respond(ok && streams)
      progress.allowAbort()
      response.resume()
      return
    }
    if (!ok) {
      reportBadRoute(response, result, options, error => progress.refuse(error))
      return
    }
    result.kind = kind
    const events = counterFor(kind)
    counter = events
    progress.respond(true)
    response.on('data', (chunk: string) => {
      events.push(chunk)
      progress.counted(eventsSoFar())
    })
    response.on('end', () => {
      // a response that ends has answered: one event, whatever its body held
      if (events.events === 0) answeredByEnd = 1
      progress.counted(eventsSoFar())
      progress.finish('ended-by-server')
    })
    response.on('error', error => progress.finish('failed', describeError(error)))
  }
  const req = sendRequest({ url: options.url, method: options.method, headers, body: options.body }, onResponse)
  req.on('error', error => {
    if (progress.isClosed) return
    // a connection that fails is the app's state, not a configuration error: the probes judge it
    progress.finish('failed', describeError(error))
    progress.respond(false)
  })

  return {
    responded: progress.responded,
    firstEvent: progress.firstEvent,
    abortable: progress.abortable,
    eventCount: eventsSoFar,
    abort: () =>
      progress.close(() => {
        // destroy() closes the socket with a FIN, as a closed tab does; a reset is a dying one
        if (options.abrupt) req.socket?.resetAndDestroy()
        req.destroy()
      })
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
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
    reject(
      new StreamRouteError(
        `stream-path: ${what} answered HTTP ${result.status}${excerpt}; expected a 2xx response (a stream: SSE, NDJSON, text or any body). Check stream-path, stream-method, stream-headers and stream-body.`
      )
    )
  }
  const timer = setTimeout(done, ERROR_BODY_WAIT_MS)
  response.on('data', (chunk: string) => {
    if (body.length < KEPT_BODY_BYTES) body += chunk
    if (body.length >= KEPT_BODY_BYTES) done()
  })
  response.on('end', done)
  response.on('error', done)
}
