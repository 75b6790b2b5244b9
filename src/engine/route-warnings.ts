// What a route's check says went unexpectedly with its streams, and when its
// watch after the disconnect may have been too short: warnings, in words.

import { formatDuration } from '../core/durations.js'
import type { CycleResult } from '../core/model.js'
import type { Settings } from '../core/settings.js'
import { settleShortfallMs } from './loop-watch.js'
import { EVENT_NAME } from './stream-events.js'

/**
 * When the stream's events came further apart than the settle window's cap,
 * a late-noticed disconnect may go unseen: says so, and how long to watch.
 */
export function settleWarning(
  settings: Pick<Settings, 'settleMs' | 'healthTimeoutMs'>,
  longestGapMs: number | undefined
): string | undefined {
  const wanted = settleShortfallMs(settings.settleMs, longestGapMs, settings.healthTimeoutMs)
  if (wanted === undefined) return undefined
  return (
    `The stream's events came up to ${formatDuration(longestGapMs ?? 0)} apart, and the watch after each disconnect lasted ${formatDuration(settings.healthTimeoutMs)} (health-timeout): ` +
    `a hang that begins at the app's next send, as with servers that notice a disconnect only when they write (aiohttp, ASGI 2.4 under Starlette), could not be seen. ` +
    `Set settle to ${formatDuration(wanted)} or more to watch that long.`
  )
}

/** What went unexpectedly with each stream of a cycle: no headers, an end before the disconnect, a failure, no event. */
export function streamWarnings(record: CycleResult, abortAfterMs: number): string[] {
  const abortAfter = formatDuration(abortAfterMs)
  return record.streams.flatMap(stream => {
    const label = `Cycle ${record.cycle}, stream ${stream.index}`
    if (stream.status === undefined)
      return [`${label}: no response headers within abort-after (${abortAfter}); it was aborted before it answered.`]
    if (stream.end === 'ended-by-server')
      return [
        `${label}: the server ended the stream after ${stream.events} event(s) before the client disconnected, so the disconnect path was not exercised. Lower abort-after-events or abort-after, if the route streams.`
      ]
    if (stream.end === 'failed') return [`${label}: the stream failed (${stream.detail ?? 'unknown error'}).`]
    if (stream.events === 0) {
      const event = stream.kind === 'websocket' ? 'message' : EVENT_NAME[stream.kind ?? 'sse']
      return [`${label}: no ${event} arrived within abort-after (${abortAfter}).`]
    }
    return []
  })
}
