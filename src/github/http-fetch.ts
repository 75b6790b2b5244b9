// fetch for Octokit over node:http and node:https, through the toolkit's
// agent: the runner's proxy (https_proxy, http_proxy, no_proxy, tunnelled
// with CONNECT) as the rest of the toolkit honours it, and kept-alive
// connections without one. Not undici's fetch: its HTTP parser is
// WebAssembly, and the process's exit waits for V8 to finish compiling it
// (measured: about 0.09 s under Node 24, 0.3 s under Node 20, on every run
// that posts). Node's own parser is native.

import { HttpClient } from '@actions/http-client'
import * as http from 'node:http'
import * as https from 'node:https'

/** One client for the agents: one per kind (direct, or through the proxy), reused across requests. */
const toolkit = new HttpClient('backend-hang-debug', [], { keepAlive: true })

const MAX_REDIRECTS = 3
const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** A request's body as Octokit gives it: JSON text, or bytes. */
function bodyOf(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  throw new TypeError(`a request body of this kind is not supported: ${Object.prototype.toString.call(body)}`)
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers()
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string)
  return headers
}

interface Sent {
  status: number
  statusText: string
  headers: Headers
  body: Buffer
}

function send(url: URL, method: string, headers: Headers, body: string | Uint8Array | undefined, signal?: AbortSignal) {
  const transport = url.protocol === 'https:' ? https : http
  return new Promise<Sent>((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method,
        headers: Object.fromEntries(headers),
        agent: toolkit.getAgent(url.href),
        ...(signal ? { signal } : {})
      },
      response => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: responseHeaders(response.rawHeaders),
            body: Buffer.concat(chunks)
          })
        )
      }
    )
    request.on('error', reject)
    request.end(body)
  })
}

/**
 * The fetch Octokit calls. Redirects are followed as fetch follows them, but
 * only on the API's own origin: the token is never sent elsewhere.
 */
export async function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  let url = new URL(input instanceof Request ? input.url : input)
  let method = (init.method ?? 'GET').toUpperCase()
  const headers = new Headers(init.headers)
  let body = bodyOf(init.body)
  for (let hops = 0; ; hops++) {
    const sent = await send(url, method, headers, body, init.signal ?? undefined)
    const location = sent.headers.get('location')
    if (REDIRECTS.has(sent.status) && location && hops < MAX_REDIRECTS) {
      const next = new URL(location, url)
      if (next.origin !== url.origin) {
        throw new Error(`${method} ${url.pathname} was redirected to another origin (${next.origin}); not followed`)
      }
      // as fetch does: a 303, or a 301/302 of a POST, becomes a GET without a body
      if (sent.status === 303 || ((sent.status === 301 || sent.status === 302) && method === 'POST')) {
        method = 'GET'
        body = undefined
        headers.delete('content-type')
        headers.delete('content-length')
      }
      url = next
      continue
    }
    const empty = sent.status === 204 || sent.status === 304 || method === 'HEAD'
    return new Response(empty ? null : sent.body, {
      status: sent.status,
      statusText: sent.statusText,
      headers: sent.headers
    })
  }
}
