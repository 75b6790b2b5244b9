// Waiting for whichever comes first, a time or an event, without leaving the
// timer behind: a timer still pending keeps the process alive after its work
// is done (the step's exit waited out a probe's sampling schedule).

import { setTimeout as delay } from 'node:timers/promises'

/** Waits `ms`, or until `event` settles if that is sooner; the timer goes with the wait. */
export async function waitAtMost<T>(ms: number, event: Promise<T>): Promise<T | undefined> {
  const timer = new AbortController()
  try {
    return await Promise.race([delay(ms, undefined, { signal: timer.signal }), event])
  } finally {
    timer.abort()
  }
}
