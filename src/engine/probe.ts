// One health probe: a fresh GET that must be answered completely (status and
// body) within the timeout. A route that sends headers and then trickles its
// body forever is as hung as one that never answers.

import { describeError, isUnreachable, sendRequest } from '../os/http-client.js'
import type { ProbeOutcome } from '../core/model.js'

export interface ProbeAnswer {
  latencyMs: number
  outcome: ProbeOutcome
  status?: number
  detail?: string
}

/** Bodies are drained but only this much is kept, for the detail of an error answer. */
const KEPT_BODY_BYTES = 300

export function probeHealth(url: string, timeoutMs: number): Promise<ProbeAnswer> {
  return new Promise(resolve => {
    const started = performance.now()
    let settled = false
    const finish = (answer: Omit<ProbeAnswer, 'latencyMs'>): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.destroy()
      resolve({ latencyMs: performance.now() - started, ...answer })
    }
    const req = sendRequest({ url, headers: { accept: 'application/json, */*', connection: 'close' } }, response => {
      const status = response.statusCode ?? 0
      let kept = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        if (kept.length < KEPT_BODY_BYTES) kept += chunk.slice(0, KEPT_BODY_BYTES - kept.length)
      })
      response.on('end', () => {
        if (status >= 200 && status < 300) finish({ outcome: 'ok', status })
        else finish({ outcome: 'http-error', status, detail: kept.trim() })
      })
      response.on('error', error => finish({ outcome: 'unreachable', status, detail: describeError(error) }))
    })
    req.on('error', error =>
      finish({ outcome: isUnreachable(error) ? 'unreachable' : 'http-error', detail: describeError(error) })
    )
    const timer = setTimeout(
      () => finish({ outcome: 'timeout', detail: `no complete answer within ${Math.round(timeoutMs)} ms` }),
      timeoutMs
    )
  })
}
