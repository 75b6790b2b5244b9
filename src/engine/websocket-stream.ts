// Opens a WebSocket route as a chat front-end or a dashboard does: the
// upgrade request with stream-headers, one JSON message sent once it is open
// when the route line gives one, every message received counted as an event,
// and then the client goes away: a normal close (a close frame), or an
// abrupt one (the TCP connection closed with no close frame, as when a
// browser tab dies). The client is the `ws` package, not a hand-written
// handshake.

import type WebSocket from 'ws'
import { describeError } from '../os/http-client.js'
import { StreamRouteError, type OpenStream, type StreamOptions } from './stream.js'
import { StreamProgress } from './stream-progress.js'

const KEPT_BODY_BYTES = 300
/** How long a normal close waits for the server's close frame before the socket is dropped. */
const CLOSE_TIMEOUT_MS = 1000

/** The ws:// or wss:// address of an http:// or https:// one. */
export function webSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.toString()
}

type WebSocketClient = typeof WebSocket

/**
 * The opener of WebSocket routes, with `ws` loaded on the first call. `ws`
 * and the zlib it pulls in took about 30 ms of every start-up, also in runs
 * with no WebSocket route. "eager": it stays in the bundle's own file (the
 * command line is one file) and only its evaluation waits for this call.
 */
export async function webSocketOpener(): Promise<(options: StreamOptions, index: number) => OpenStream> {
  const { default: client } = await import(/* webpackMode: "eager" */ 'ws')
  return (options, index) => openWebSocket(client, options, index)
}

function openWebSocket(WebSocket: WebSocketClient, options: StreamOptions, index: number): OpenStream {
  const progress = new StreamProgress(index, options.abortAfterEvents, options.abortAfterMs, 'websocket')
  const { result } = progress
  let messages = 0

  const what = `WS ${new URL(options.url).pathname}`
  // closeTimeout is ws's own option (its types do not list it yet): without it a close waits 30 s for a hung server
  const clientOptions: WebSocket.ClientOptions & { closeTimeout: number } = {
    headers: Object.fromEntries(options.headers),
    handshakeTimeout: options.abortAfterMs,
    closeTimeout: CLOSE_TIMEOUT_MS,
    perMessageDeflate: false,
    // a loopback app in CI usually has no valid certificate
    rejectUnauthorized: false
  }
  const socket = new WebSocket(webSocketUrl(options.url), clientOptions)
  socket.on('upgrade', response => {
    result.status = response.statusCode ?? 101
  })
  socket.on('open', () => {
    progress.respond(true)
    if (options.body !== '') socket.send(options.body)
  })
  socket.on('message', () => progress.counted(++messages))
  socket.on('unexpected-response', (_request, response) => {
    // the route answered HTTP instead of switching protocols: a configuration problem, not a hang
    result.status = response.statusCode ?? 0
    let body = ''
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => (body += chunk.slice(0, KEPT_BODY_BYTES)))
    const done = (): void => {
      const excerpt = body.trim() === '' ? '' : ` (body: ${body.trim().slice(0, KEPT_BODY_BYTES)})`
      progress.refuse(
        new StreamRouteError(
          `stream-path: ${what} answered HTTP ${result.status}${excerpt}; expected a WebSocket upgrade (101 Switching Protocols). Is it the path of a WebSocket route, served with WebSocket support (for uvicorn: the websockets package)?`
        )
      )
      progress.finish('failed', `HTTP ${result.status}`)
      socket.terminate()
    }
    response.on('end', done)
    response.on('error', done)
  })
  socket.on('close', (code: number) => {
    if (!progress.isClosed) progress.finish('ended-by-server', `closed by the server (code ${code})`)
  })
  socket.on('error', error => {
    if (progress.isClosed) return
    // a connection that fails is the app's state, not a configuration error: the probes judge it
    progress.finish('failed', describeError(error))
    progress.respond(false)
  })

  return {
    responded: progress.responded,
    firstEvent: progress.firstEvent,
    abortable: progress.abortable,
    eventCount: () => messages,
    abort: () =>
      progress.close(() => {
        if (options.abrupt) result.abrupt = true
        if (options.abrupt || socket.readyState !== WebSocket.OPEN) socket.terminate()
        else socket.close(1000, 'client going away')
      })
  }
}
