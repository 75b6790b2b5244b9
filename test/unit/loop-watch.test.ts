// The loop watch against a real HTTP server in the test process: back-to-back
// probes, one in flight, about 20 a second (closer in a watch's first moments),
// each on a fresh connection; the samples of slow probes; the settle window's rule.

import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { Taken } from '../../src/capture/capture.js'
import {
  CLOSE_PROBE_INTERVAL_MS,
  CLOSE_WATCH_MS,
  Heartbeat,
  PROBE_INTERVAL_MS,
  sampleSchedule,
  settleShortfallMs,
  settleWindowMs,
  watchedProbe,
  type LoopWatchOptions
} from '../../src/engine/loop-watch.js'

/** A health route whose answer to the n-th request (from 1) is decided by `answer`. */
async function healthServer(
  answer: (n: number) => { delayMs?: number; status?: number; never?: boolean } = () => ({})
) {
  let requests = 0
  let connections = 0
  let inFlight = 0
  let maxInFlight = 0
  const sentAt: number[] = []
  const server = http.createServer((req, res) => {
    const n = ++requests
    sentAt.push(performance.now())
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    const { delayMs = 0, status = 200, never = false } = answer(n)
    res.on('close', () => inFlight--)
    if (never) return
    setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end('{}'), delayMs)
  })
  server.on('connection', () => connections++)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`
  servers.push(server)
  return {
    url,
    stats: () => ({ requests, connections, maxInFlight, sentAt })
  }
}

const servers: http.Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  }
})

const started = performance.now()
function options(url: string, overrides: Partial<LoopWatchOptions> = {}): LoopWatchOptions {
  return {
    healthUrl: url,
    timeoutMs: 1000,
    stallThresholdMs: 150,
    sample: async () => undefined,
    clock: () => performance.now() - started,
    ...overrides
  }
}

const delay = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

/** A stand-in for a stack sample: the watch only keeps or drops them. */
const fakeTaken = (atMs: number): Taken => ({ sample: { takenAtMs: atMs, processes: [], failures: [] }, raw: [] })

describe('sampleSchedule', () => {
  it('samples from a third of the threshold every 100–200 ms up to twice the threshold, then at 30/60/90 % of the timeout', () => {
    expect(sampleSchedule(500, 5000)).toEqual([167, 333, 500, 667, 833, 1500, 3000, 4500])
    expect(sampleSchedule(100, 1000)).toEqual([33, 133, 300, 600, 900])
    // no hang sample where the stall samples already are
    expect(sampleSchedule(500, 1000)).toEqual([167, 333, 500, 667, 833])
    // the step stays within 100–200 ms
    expect(sampleSchedule(1500, 5000).slice(0, 3)).toEqual([500, 700, 900])
  })
})

describe('the settle window', () => {
  it('is 1.5 × the longest wait for an event, at least 300 ms and at most the timeout; the settle input wins', () => {
    expect(settleWindowMs(undefined, 76, 5000)).toBe(300)
    expect(settleWindowMs(undefined, undefined, 5000)).toBe(300)
    expect(settleWindowMs(undefined, 400, 5000)).toBe(600)
    expect(settleWindowMs(undefined, 5000, 2000)).toBe(2000)
    expect(settleWindowMs(1200, 5000, 2000)).toBe(1200)
    expect(settleWindowMs(100, 50, 2000)).toBe(100)
  })

  it('says what window a stream would need when the cap cut it short, and nothing when settle was given', () => {
    expect(settleShortfallMs(undefined, 2000, 2000)).toBe(3000)
    expect(settleShortfallMs(undefined, 1000, 2000)).toBeUndefined()
    expect(settleShortfallMs(undefined, undefined, 2000)).toBeUndefined()
    expect(settleShortfallMs(500, 2000, 2000)).toBeUndefined()
  })
})

describe('Heartbeat', () => {
  it('probes back to back, one at a time, every 10 ms at first, then at most about 20 a second, each on a new connection', async () => {
    const server = await healthServer()
    const beat = new Heartbeat(options(server.url), 'after-abort', 2)
    const startedAt = performance.now() - started
    await delay(620)
    await beat.stop()
    const { requests, connections, maxInFlight, sentAt } = server.stats()
    expect(requests).toBe(beat.probes.length)
    expect(connections).toBe(requests)
    expect(maxInFlight).toBe(1)
    const sent = beat.probes.map(p => p.probe.sentAtMs)
    const young = sent.filter(t => t < startedAt + CLOSE_WATCH_MS)
    const gaps = sent.slice(1).map((t, i) => ({ from: sent[i] as number, gap: t - (sent[i] as number) }))
    const closeGaps = gaps.filter(g => g.from < startedAt + CLOSE_WATCH_MS).map(g => g.gap)
    const beatGaps = gaps.filter(g => g.from >= startedAt + CLOSE_WATCH_MS).map(g => g.gap)
    // about 10 in the first 100 ms (fewer on a busy machine), then about one per 50 ms for the other 520 ms
    expect(young.length).toBeGreaterThanOrEqual(4)
    expect(young.length).toBeLessThanOrEqual(CLOSE_WATCH_MS / CLOSE_PROBE_INTERVAL_MS + 1)
    expect(requests - young.length).toBeGreaterThanOrEqual(6)
    expect(requests - young.length).toBeLessThanOrEqual(11)
    // libuv's timers run on a millisecond clock, so one may fire up to a millisecond early; the
    // watch waits until its own clock says the time has come
    expect(Math.min(...closeGaps)).toBeGreaterThanOrEqual(CLOSE_PROBE_INTERVAL_MS)
    expect(Math.min(...beatGaps)).toBeGreaterThanOrEqual(PROBE_INTERVAL_MS)
    expect(sentAt).toHaveLength(requests)
    expect(
      beat.probes.every(p => p.probe.phase === 'after-abort' && p.probe.cycle === 2 && p.probe.outcome === 'ok')
    ).toBe(true)
  })

  it('finds a block that begins just after the watch began with the next close probe, not a beat later', async () => {
    // the first probe is answered, then the server answers no more: as a loop that blocks a
    // moment after a disconnect, once it notices the client is gone
    const server = await healthServer(n => (n >= 2 ? { never: true } : {}))
    const beat = new Heartbeat(options(server.url, { timeoutMs: 300 }), 'after-abort', 1)
    const failed = await beat.failed
    await beat.stop()
    expect(failed.probe.outcome).toBe('timeout')
    expect(beat.probes.map(p => p.probe.outcome)).toEqual(['ok', 'timeout'])
    // the second probe left a close interval after the first, not a beat later: the timeout ran from there
    const gap = failed.probe.sentAtMs - (beat.probes[0]?.probe.sentAtMs ?? 0)
    expect(gap).toBeGreaterThanOrEqual(CLOSE_PROBE_INTERVAL_MS)
    expect(gap).toBeLessThan(PROBE_INTERVAL_MS)
  })

  it('stops by itself at the first probe that fails, and says which', async () => {
    const server = await healthServer(n => (n === 3 ? { status: 503 } : {}))
    const beat = new Heartbeat(options(server.url), 'during-stream', 1)
    const failed = await beat.failed
    expect(failed.probe).toMatchObject({ outcome: 'http-error', status: 503 })
    await delay(150)
    expect(server.stats().requests).toBe(3)
    expect(beat.probes).toHaveLength(3)
    expect(beat.failure).toBe(failed)
    expect(await beat.nextProbe()).toBe(failed)
  })

  it('nextProbe resolves with the next probe to answer, and stop waits for the one in flight', async () => {
    const server = await healthServer(n => (n === 2 ? { delayMs: 120 } : {}))
    const beat = new Heartbeat(options(server.url), 'during-stream', 1)
    const first = await beat.nextProbe()
    const second = beat.nextProbe()
    await delay(60)
    await beat.stop()
    expect((await second).probe.latencyMs).toBeGreaterThanOrEqual(115)
    expect(beat.probes.map(p => p.probe.sentAtMs)).toEqual([first.probe.sentAtMs, (await second).probe.sentAtMs])
  })
})

describe('watchedProbe', () => {
  it('keeps the samples of a slow probe, taken on the schedule while it waited', async () => {
    const server = await healthServer(() => ({ delayMs: 420 }))
    const taken: number[] = []
    const sample = async (): Promise<Taken> => {
      const at = performance.now() - started
      taken.push(at)
      return fakeTaken(at)
    }
    const watched = await watchedProbe(options(server.url, { sample }), 'after-abort', 1)
    expect(watched.probe.outcome).toBe('ok')
    expect(watched.probe.latencyMs).toBeGreaterThanOrEqual(415)
    // threshold 150: at 50, 150 and 250 ms after the probe was sent; the next (600 ms, 60 % of the timeout) comes after the answer
    expect(sampleSchedule(150, 1000)).toEqual([50, 150, 250, 600, 900])
    expect(watched.samples.map(t => t.sample.takenAtMs)).toEqual(taken)
    const offsets = taken.map(t => t - watched.probe.sentAtMs)
    expect(offsets).toHaveLength(3)
    offsets.forEach((offset, i) => expect(offset).toBeGreaterThanOrEqual(([50, 150, 250][i] as number) - 1.5))
  })

  it('drops the samples of a probe that answered faster than the threshold', async () => {
    const server = await healthServer(() => ({ delayMs: 90 }))
    let calls = 0
    const watched = await watchedProbe(
      options(server.url, { sample: async () => (calls++, fakeTaken(0)) }),
      'baseline',
      0
    )
    expect(calls).toBe(1)
    expect(watched.samples).toEqual([])
  })

  it('keeps every sample of a probe that got no answer, up to the timeout', async () => {
    const server = await healthServer(() => ({ never: true }))
    const watched = await watchedProbe(
      options(server.url, { timeoutMs: 600, sample: async () => fakeTaken(0) }),
      'after-abort',
      1
    )
    expect(watched.probe.outcome).toBe('timeout')
    // 50, 150, 250 (stall samples up to 300 ms), then 60 % and 90 % of 600 ms
    expect(sampleSchedule(150, 600)).toEqual([50, 150, 250, 360, 540])
    expect(watched.samples).toHaveLength(5)
  })
})

describe('Heartbeat.probeSentFrom', () => {
  it('waits for a probe sent at or after the moment, not for the one already in flight', async () => {
    const server = await healthServer(n => (n === 1 ? { delayMs: 150 } : {}))
    const beat = new Heartbeat(options(server.url), 'during-stream', 1)
    await delay(40)
    // the first probe is still waiting for its slow answer: it was sent before this moment
    const moment = performance.now() - started
    const proof = await beat.probeSentFrom(moment)
    // one already answered and sent late enough needs no wait
    expect(await beat.probeSentFrom(beat.probes[0]?.probe.sentAtMs ?? 0)).toBe(beat.probes[0])
    await beat.stop()
    expect(proof.probe.sentAtMs).toBeGreaterThanOrEqual(moment)
    expect(beat.probes[0]?.probe.sentAtMs).toBeLessThan(moment)
    expect(beat.probes.indexOf(proof)).toBe(1)
  })

  it('sends the probe asked for at the moment asked, not sooner and not at the next beat', async () => {
    const server = await healthServer()
    const beat = new Heartbeat(options(server.url), 'during-stream', 1)
    // past the watch's first moments, where probes go every 10 ms anyway
    await delay(CLOSE_WATCH_MS + 10)
    const first = await beat.nextProbe()
    const moment = first.probe.sentAtMs + 20
    const proof = await beat.probeSentFrom(moment)
    await beat.stop()
    expect(proof.probe.sentAtMs).toBeGreaterThanOrEqual(moment)
    // the very next probe: none went out at the beat in between, none before the moment
    expect(beat.probes.indexOf(proof)).toBe(beat.probes.indexOf(first) + 1)
  })

  it('sends the probe asked for at once, not at the next beat', async () => {
    const server = await healthServer()
    const beat = new Heartbeat(options(server.url), 'during-stream', 1)
    await delay(CLOSE_WATCH_MS + 10)
    const proofs = [await beat.nextProbe()]
    for (let i = 0; i < 4; i++) proofs.push(await beat.probeSentFrom(performance.now() - started))
    await beat.stop()
    // waiting for the beat, four probes would span 4 × PROBE_INTERVAL_MS or more
    const span = (proofs.at(-1)?.probe.sentAtMs ?? Infinity) - (proofs[0]?.probe.sentAtMs ?? 0)
    expect(new Set(proofs).size).toBe(5)
    expect(span).toBeLessThan(4 * PROBE_INTERVAL_MS)
  })

  it('resolves with the failure once a probe failed, and labels each probe as it is sent', async () => {
    const server = await healthServer(n => (n === 3 ? { status: 503 } : {}))
    let phase: 'before-first-event' | 'during-stream' = 'before-first-event'
    const beat = new Heartbeat(
      options(server.url, { onProbeAnswered: () => (phase = 'during-stream') }),
      () => phase,
      2
    )
    const failed = await beat.failed
    expect(await beat.probeSentFrom(Number.MAX_SAFE_INTEGER)).toBe(failed)
    expect(beat.probes.map(p => p.probe.phase)).toEqual(['before-first-event', 'during-stream', 'during-stream'])
    await beat.stop()
  })
})
