// Watches the event loop through the health route: probes sent back to back,
// one in flight at a time and at most about 20 a second (100 a second in a
// watch's first 100 ms), each on a fresh connection; and, while a probe is
// slow to answer, samples of every thread's stack, so that the analysis can
// tell a loop blocked by the app from a machine that was merely busy. The
// engine (triage.ts) decides when to watch.

import type { Taken } from '../capture/capture.js'
import type { ProbePhase, ProbeResult } from '../core/model.js'
import { probeHealth } from './probe.js'
import { waitAtMost } from '../core/waits.js'

/** Back-to-back probes start at least this far apart: about 20 a second. */
export const PROBE_INTERVAL_MS = 50
/**
 * A watch begins where something changed (a request sent, a client gone):
 * a block that change sets off starts within a few ms, so the first
 * CLOSE_WATCH_MS are probed every CLOSE_PROBE_INTERVAL_MS. A probe that
 * left before the block began answers; the next one is what finds it, and
 * the timeout runs from when that one left.
 */
export const CLOSE_WATCH_MS = 100
export const CLOSE_PROBE_INTERVAL_MS = 10
/** Stall samples are taken this far apart (the 100–200 ms), at most. */
const STALL_SAMPLE_STEP_MS = { min: 100, max: 200 }
/** Hang samples, beyond the stall samples: at these shares of the timeout, the last ending about when the timeout does. */
const HANG_SAMPLE_AT = [0.3, 0.6, 0.9]
/** How long an answered slow probe waits for the sample still being taken. */
const SAMPLE_GRACE_MS = 1000

export interface WatchedProbe {
  probe: ProbeResult
  /** the samples taken while it waited; kept only for a slow or unanswered probe */
  samples: Taken[]
}

export interface LoopWatchOptions {
  healthUrl: string
  timeoutMs: number
  stallThresholdMs: number
  /** one stack sample now, or undefined when no capture can answer without waiting (py-spy still installing) */
  sample: () => Promise<Taken | undefined>
  /** ms since the run started */
  clock: () => number
  onProbeSent?: (phase: ProbePhase, cycle: number) => void
  onProbeAnswered?: (probe: ProbeResult) => void
}

/**
 * When to sample a probe that has not answered yet, in ms after it was sent.
 * From a third of stall-threshold, every 100–200 ms until twice the
 * threshold, enough for two samples to agree on a stall; then at 30, 60 and
 * 90 % of the timeout, so a hang has samples spread over its whole wait
 * without dozens of dumps.
 */
export function sampleSchedule(stallThresholdMs: number, timeoutMs: number): number[] {
  const first = stallThresholdMs / 3
  const step = Math.min(STALL_SAMPLE_STEP_MS.max, Math.max(STALL_SAMPLE_STEP_MS.min, first))
  const times: number[] = []
  const stallSamplesEnd = Math.min(2 * stallThresholdMs, timeoutMs)
  for (let k = 0; Math.round(first + k * step) < stallSamplesEnd; k++) times.push(Math.round(first + k * step))
  for (const share of HANG_SAMPLE_AT) {
    const at = Math.round(timeoutMs * share)
    if (at > (times.at(-1) ?? 0) + step) times.push(at)
  }
  return times
}

/** The settle window's floor: time for a server to notice a disconnect at its next write. */
export const MIN_SETTLE_MS = 300
const SETTLE_GAPS = 1.5

/**
 * How long to keep watching after a disconnect: the settle input when given;
 * else long enough for the app to reach its next send (1.5 × the longest wait
 * seen for an event), at least MIN_SETTLE_MS and at most the timeout.
 */
export function settleWindowMs(given: number | undefined, longestGapMs: number | undefined, timeoutMs: number): number {
  if (given !== undefined) return given
  return Math.round(Math.min(timeoutMs, Math.max(MIN_SETTLE_MS, SETTLE_GAPS * (longestGapMs ?? 0))))
}

/**
 * The settle window a stream's gaps call for, when the cap kept the window
 * shorter: a hang that begins at the app's next send may come after it.
 */
export function settleShortfallMs(
  given: number | undefined,
  longestGapMs: number | undefined,
  timeoutMs: number
): number | undefined {
  if (given !== undefined || longestGapMs === undefined) return undefined
  const wanted = Math.ceil(SETTLE_GAPS * longestGapMs)
  return wanted > timeoutMs ? wanted : undefined
}

/**
 * Sends one probe and samples the stacks on the schedule while it waits. A
 * fast answer drops the samples; a slow one keeps them (with the sample in
 * flight, given a short grace); an unanswered one keeps every sample.
 */
export async function watchedProbe(options: LoopWatchOptions, phase: ProbePhase, cycle: number): Promise<WatchedProbe> {
  const sentAtMs = options.clock()
  options.onProbeSent?.(phase, cycle)
  let answered = false
  const answering = probeHealth(options.healthUrl, options.timeoutMs).finally(() => (answered = true))
  const samples: Taken[] = []
  const sampling = (async () => {
    for (const at of sampleSchedule(options.stallThresholdMs, options.timeoutMs)) {
      const wait = Math.ceil(sentAtMs + at - options.clock())
      if (wait > 0) await waitAtMost(wait, answering)
      if (answered) return
      const taken = await options.sample()
      if (taken) samples.push(taken)
    }
  })()
  const answer = await answering
  const probe: ProbeResult = { phase, cycle, sentAtMs, ...answer }
  options.onProbeAnswered?.(probe)
  if (answer.outcome === 'timeout') {
    await sampling
  } else if (answer.latencyMs >= options.stallThresholdMs) {
    await waitAtMost(SAMPLE_GRACE_MS, sampling)
  } else {
    return { probe, samples: [] }
  }
  return { probe, samples: [...samples] }
}

/**
 * Keeps the health route probed, back to back, until stopped or until a
 * probe fails (no answer in time, an error, nothing listening): then it stops
 * by itself and `failed` resolves with that probe.
 */
export class Heartbeat {
  readonly probes: WatchedProbe[] = []
  /** resolves with the first probe that did not answer 2xx in time */
  readonly failed: Promise<WatchedProbe>
  private resolveFailed!: (probe: WatchedProbe) => void
  private stopping = false
  private wake: (() => void) | undefined
  /** who waits for a probe sent from `sentFromMs`; -Infinity: the next one, whenever it goes */
  private waiters: { sentFromMs: number; resolve: (probe: WatchedProbe) => void }[] = []
  private readonly running: Promise<void>
  private readonly startedAtMs: number

  constructor(
    private readonly options: LoopWatchOptions,
    /** the phase each probe is labelled with, read as it is sent: a label may change while the watch goes on */
    private readonly phase: ProbePhase | (() => ProbePhase),
    private readonly cycle: number
  ) {
    this.failed = new Promise(resolve => (this.resolveFailed = resolve))
    this.startedAtMs = options.clock()
    this.running = this.loop()
  }

  /** The failed probe, if one failed. */
  get failure(): WatchedProbe | undefined {
    return this.probes.find(p => p.probe.outcome !== 'ok')
  }

  /** Resolves when the next probe has its answer (or the probe that failed, once one has). */
  nextProbe(): Promise<WatchedProbe> {
    const failure = this.failure
    if (failure) return Promise.resolve(failure)
    return new Promise(resolve => this.waiters.push({ sentFromMs: -Infinity, resolve }))
  }

  /**
   * Resolves when a probe sent at sentFromMs or later (the watch's clock) has
   * its answer: proof that the loop answered after that moment. The probe
   * that failed, once one has; the last one, if the watch is stopped first.
   * That probe goes out at sentFromMs (or as soon as the one in flight has
   * its answer), not at the next beat: whoever asks waits on it (the
   * disconnect does, in every cycle).
   */
  probeSentFrom(sentFromMs: number): Promise<WatchedProbe> {
    const failure = this.failure
    if (failure) return Promise.resolve(failure)
    const answered = this.probes.find(p => p.probe.sentAtMs >= sentFromMs)
    if (answered) return Promise.resolve(answered)
    const proof = new Promise<WatchedProbe>(resolve => this.waiters.push({ sentFromMs, resolve }))
    // the watch sleeps until the next beat: it works out again when the next probe is due
    this.wake?.()
    return proof
  }

  /** Sends no more probes; resolves once the one in flight has its answer. */
  async stop(): Promise<void> {
    this.stopping = true
    this.wake?.()
    await this.running
  }

  private async loop(): Promise<void> {
    try {
      await this.probeUntilStopped()
    } finally {
      // whoever still waits for a probe gets the last one
      const last = this.probes.at(-1)
      if (last) for (const waiter of this.waiters.splice(0)) waiter.resolve(last)
    }
  }

  private async probeUntilStopped(): Promise<void> {
    while (!this.stopping) {
      const watched = await watchedProbe(
        this.options,
        typeof this.phase === 'function' ? this.phase() : this.phase,
        this.cycle
      )
      this.probes.push(watched)
      const failed = watched.probe.outcome !== 'ok'
      const ready = this.waiters.filter(w => failed || watched.probe.sentAtMs >= w.sentFromMs)
      this.waiters = this.waiters.filter(w => !ready.includes(w))
      for (const waiter of ready) waiter.resolve(watched)
      if (failed) {
        this.resolveFailed(watched)
        return
      }
      // whoever was waiting for this probe may stop the watch before the next one goes out
      await this.sleep(1)
      // then the next one waits for its time, read again after each wake (a probe asked for may
      // move it) and against the clock: a timer may fire a little early, and a probe asked for
      // from a moment must not leave before it
      let due = this.nextProbeAtMs(watched.probe.sentAtMs)
      while (!this.stopping && this.options.clock() < due) {
        await this.sleep(Math.ceil(due - this.options.clock()))
        due = this.nextProbeAtMs(watched.probe.sentAtMs)
      }
    }
  }

  /**
   * When the next probe is due: at the next beat (closer together while the
   * watch is young), or sooner for one who asked for a probe sent from an
   * earlier moment (nextProbe's waiters, from -Infinity, take the probe the
   * beat sends).
   */
  private nextProbeAtMs(lastSentAtMs: number): number {
    const young = lastSentAtMs < this.startedAtMs + CLOSE_WATCH_MS
    const beat = lastSentAtMs + (young ? CLOSE_PROBE_INTERVAL_MS : PROBE_INTERVAL_MS)
    const asked = this.waiters.map(w => w.sentFromMs).filter(Number.isFinite)
    return Math.min(beat, ...asked)
  }

  /** Waits `ms`, or less when woken (by stop, or by a probe asked for). */
  private async sleep(ms: number): Promise<void> {
    await waitAtMost(ms, new Promise<void>(resolve => (this.wake = resolve)))
    this.wake = undefined
  }
}
