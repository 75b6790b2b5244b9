// The one place that makes HTTP requests to the app. Every request goes out on
// a fresh connection (no keep-alive agent): a probe must be a new request that
// the app's event loop has to accept and answer, and an aborted stream must be
// a real client disconnect that closes the socket.

import * as http from 'node:http'
import * as https from 'node:https'

export interface AppRequest {
  url: string
  method?: string
  headers?: Record<string, string>
  body?: string
}

/** Sends a request on its own connection; the caller owns the returned request (destroy() closes the socket). */
export function sendRequest(
  request: AppRequest,
  onResponse: (response: http.IncomingMessage) => void
): http.ClientRequest {
  const url = new URL(request.url)
  const transport = url.protocol === 'https:' ? https : http
  const headers: Record<string, string> = { ...request.headers }
  if (request.body !== undefined && request.body !== '') {
    headers['content-length'] ??= String(Buffer.byteLength(request.body))
  }
  const req = transport.request(
    url,
    {
      method: request.method ?? 'GET',
      headers,
      agent: false,
      // a loopback app in CI usually has no valid certificate
      ...(url.protocol === 'https:' ? { rejectUnauthorized: false } : {})
    },
    onResponse
  )
  if (request.body !== undefined && request.body !== '') req.write(request.body)
  req.end()
  return req
}

/** A short description of a socket error, e.g. `ECONNREFUSED`. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code
    const message = (error as { message?: unknown }).message
    if (typeof code === 'string') return code
    if (typeof message === 'string') return message
  }
  return String(error)
}

/** Errors that mean nothing answers on the port, as opposed to an answer that never came. */
export function isUnreachable(error: unknown): boolean {
  const code = describeError(error)
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENOTFOUND' ||
    code === 'EADDRNOTAVAIL'
  )
}
