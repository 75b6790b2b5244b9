// waitAtMost: the first of a time and an event, with no timer left behind
// (a pending timer kept the finished step alive for a probe's schedule).

import { describe, expect, it } from 'vitest'
import { waitAtMost } from '../../src/core/waits.js'

const timers = (): number => process.getActiveResourcesInfo().filter(r => r === 'Timeout').length

describe('waitAtMost', () => {
  it("gives the event's value when it comes first, and leaves no timer pending", async () => {
    const before = timers()
    expect(await waitAtMost(60_000, Promise.resolve('answered'))).toBe('answered')
    expect(timers()).toBe(before)
  })

  it('gives undefined when the time runs out first', async () => {
    const never = new Promise<string>(() => undefined)
    const started = performance.now()
    expect(await waitAtMost(30, never)).toBeUndefined()
    expect(performance.now() - started).toBeGreaterThanOrEqual(25)
  })

  it("passes the event's failure on", async () => {
    await expect(waitAtMost(60_000, Promise.reject(new Error('gone')))).rejects.toThrow('gone')
  })
})
