// The verdict rules that are not about stalls: where a probe's wait lay,
// the run's verdict as the worst of its routes, and the result document
// built from a judged run.

import { describe, expect, it } from 'vitest'
import {
  describeWhen,
  failsTheRun,
  judgedRun,
  longestStallOfRun,
  phaseOfWait,
  slowestLatencyMs,
  withStalls
} from '../../src/analysis/verdict.js'
import type { ProbeResult, RouteResult, RunResult } from '../../src/core/model.js'
import { resultDocument, routesOutput } from '../../src/report/result-document.js'

const probe = (sentAtMs: number, latencyMs: number, outcome: ProbeResult['outcome'] = 'ok'): ProbeResult => ({
  phase: 'before-first-event',
  cycle: 1,
  sentAtMs,
  latencyMs,
  outcome
})

describe('phaseOfWait', () => {
  it('keeps a probe before the first event when the event came at the end of its wait (the block ended, then the event went out)', () => {
    expect(phaseOfWait(probe(100, 1500), 1590)).toBe('before-first-event')
  })

  it('moves a probe to the stream when the event came at the start of its wait (the block began after it)', () => {
    expect(phaseOfWait(probe(100, 1500), 104)).toBe('during-stream')
    expect(phaseOfWait(probe(100, 2000, 'timeout'), 130)).toBe('during-stream')
  })

  it('weighs the wait on either side of the event: a tie stays before it, and a timed-out wait runs on', () => {
    expect(phaseOfWait(probe(100, 1500), 850)).toBe('before-first-event')
    expect(phaseOfWait(probe(100, 1500), 849)).toBe('during-stream')
    expect(phaseOfWait(probe(100, 1500), 100)).toBe('during-stream')
    expect(phaseOfWait(probe(100, 2000, 'timeout'), 1200)).toBe('during-stream')
  })

  it('leaves alone a probe whose wait did not span the event, and every other phase', () => {
    expect(phaseOfWait(probe(100, 5), 400)).toBe('before-first-event')
    expect(phaseOfWait(probe(100, 2000, 'timeout'), undefined)).toBe('before-first-event')
    expect(phaseOfWait(probe(100, 20), 90)).toBe('before-first-event')
    expect(phaseOfWait({ ...probe(100, 1500), phase: 'after-abort' }, 104)).toBe('after-abort')
  })
})

function route(path: string, verdict: RouteResult['verdict'], latencyMs = 3): RouteResult {
  return {
    route: { method: 'GET', path, found: 'named' },
    streams: true,
    verdict,
    verdictAtMs: 900,
    healthTimeoutMs: 2000,
    baseline: [{ ...probe(10, latencyMs), phase: 'baseline' }],
    cycles: [],
    cyclesPlanned: 3,
    headline: `${path} ${verdict}`,
    warnings: [],
    slowProbes: [],
    stalls: [],
    stallThresholdMs: 500,
    settle: { ms: 300, given: false }
  }
}

const run = (routes: RouteResult[], verdict: RunResult['verdict'] = 'healthy'): RunResult => ({
  verdict,
  headline: 'engine',
  routes,
  notChecked: [
    {
      route: { method: 'GET', path: '/later', found: 'declared' },
      reason: 'max-routes (2) cut it; raise max-routes to check it'
    }
  ],
  verdictAtMs: 900,
  healthTimeoutMs: 2000,
  appLogPath: '/tmp/app.log',
  appLogTail: [],
  warnings: ['run warning']
})

describe('judgedRun', () => {
  it('takes the worst route, and names it as decisive', () => {
    const routes = [route('/a', 'stalled'), route('/b', 'hung'), route('/c', 'healthy')]
    const judged = judgedRun(run(routes), routes, '/health')
    expect(judged).toMatchObject({ verdict: 'hung', headline: '/b hung', decisive: 1 })
  })

  it('says every route answered when all are healthy, and keeps a failed start whatever the routes', () => {
    const routes = [route('/a', 'healthy'), route('/b', 'healthy')]
    const judged = judgedRun(run(routes), routes, '/health')
    expect(judged.verdict).toBe('healthy')
    expect(judged.decisive).toBeUndefined()
    expect(judged.headline).toBe(
      '`/health` answered all 2 probes within 2s over the cycles of 2 routes: `GET /a`, `GET /b`.'
    )
    expect(judgedRun(run([], 'startup-failed'), [], '/health')).toMatchObject({
      verdict: 'startup-failed',
      headline: 'engine'
    })
  })
})

describe('resultDocument', () => {
  it('repeats the decisive route at the top, lists every route and what was not checked', () => {
    const routes = [route('/a', 'healthy'), route('/b', 'unhealthy', 40)]
    const judged = judgedRun(run(routes), routes, '/health')
    const findings = routes.map(result => ({ result }))
    const files = { report: 'r.md', result: 'r.json', appLog: 'app.log' }
    const doc = resultDocument({ run: judged, routes: findings, decisive: findings[1], healthPath: '/health', files })
    expect(doc).toMatchObject({
      format: 'backend-hang-debug/result@1',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      healthPath: '/health',
      verdict: 'unhealthy',
      headline: '/b unhealthy',
      pattern: '',
      culprit: '',
      cyclesPlanned: 3,
      files
    })
    expect(doc.timings).toMatchObject({
      slowestProbeMs: 40,
      verdictAtMs: 900,
      healthTimeoutMs: 2000,
      stallThresholdMs: 500
    })
    expect(doc.routes.map(r => `${r.method} ${r.path} ${r.verdict}`)).toEqual([
      'GET /a healthy',
      'GET /b unhealthy',
      'GET /later not-checked'
    ])
    expect(doc.notChecked).toEqual([
      { method: 'GET', path: '/later', reason: 'max-routes (2) cut it; raise max-routes to check it' }
    ])
    expect(doc.warnings).toEqual(['run warning'])
    const notChecked = {
      method: 'GET',
      path: '/later',
      found: 'declared',
      verdict: 'not-checked',
      reason: 'max-routes (2) cut it; raise max-routes to check it'
    }
    expect(routesOutput({ run: judged, routes: findings })).toEqual([
      { method: 'GET', path: '/a', found: 'named', verdict: 'healthy', pattern: '', culprit: '', slowestProbeMs: 3 },
      { method: 'GET', path: '/b', found: 'named', verdict: 'unhealthy', pattern: '', culprit: '', slowestProbeMs: 40 },
      notChecked
    ])
    expect(doc.routes.at(-1)).toEqual(notChecked)
  })
})

describe('the words and figures of a verdict', () => {
  const stall = (cycle: number, durationMs: number) => ({
    cycle,
    phase: 'after-abort' as const,
    startMs: 10,
    durationMs,
    samples: [],
    pattern: 'sync-sleep' as const,
    culprit: 'app/main.py:3'
  })

  it('says when in the run a probe went out, for every phase', () => {
    const when = (phase: Parameters<typeof describeWhen>[0]) => describeWhen(phase, 2, 3, 'GET /feed')
    expect(when('baseline')).toBe('before `GET /feed` was opened (baseline)')
    expect(when('during-stream')).toBe('while `GET /feed` was streaming (cycle 2 of 3)')
    expect(when('after-abort')).toBe('right after the client disconnected from `GET /feed` (cycle 2 of 3)')
    expect(when('after-sniff')).toBe('right after discovery opened and closed `GET /feed` to see whether it streams')
    expect(when('before-first-event')).toBe('after `GET /feed` was requested and before its first event (cycle 2 of 3)')
    expect(when('idle')).toBe('while the app was idle, between routes, with no request of ours running (min-watch)')
  })

  it('fails the run as fail-on-hang and fail-on-stall say; a failed start always', () => {
    const off = { failOnHang: false, failOnStall: false }
    const on = { failOnHang: true, failOnStall: true }
    expect(failsTheRun({ verdict: 'startup-failed' }, off)).toBe(true)
    expect(failsTheRun({ verdict: 'healthy' }, on)).toBe(false)
    expect(failsTheRun({ verdict: 'stalled' }, { failOnHang: true, failOnStall: false })).toBe(false)
    expect(failsTheRun({ verdict: 'stalled' }, { failOnHang: false, failOnStall: true })).toBe(true)
    for (const verdict of ['hung', 'unhealthy', 'crashed'] as const) {
      expect(failsTheRun({ verdict }, { failOnHang: true, failOnStall: false })).toBe(true)
      expect(failsTheRun({ verdict }, { failOnHang: false, failOnStall: true })).toBe(false)
    }
  })

  it("gives the longest stall of the run, and the slowest probe: the timeout's length for a hang", () => {
    const a = { ...route('/a', 'stalled'), stalls: [stall(1, 700.4)] }
    const b = { ...route('/b', 'stalled'), stalls: [stall(1, 1200.6), stall(2, 900)] }
    expect(longestStallOfRun(run([a, b]))).toBe(1201)
    expect(longestStallOfRun(run([route('/c', 'healthy')]))).toBeUndefined()
    expect(slowestLatencyMs(route('/h', 'hung', 30))).toBe(2000)
    expect(slowestLatencyMs(route('/s', 'healthy', 30.6))).toBe(31)
  })

  it('counts stalls and cycles in the headline of a stalled route', () => {
    const cycles = [1, 2, 3].map(cycle => ({ cycle, streams: [], probes: [] }))
    const base = { ...route('/feed', 'healthy'), cycles }
    const once = withStalls(base, [stall(2, 800)], { healthPath: '/health' })
    expect(once.verdict).toBe('stalled')
    expect(once.headline).toBe(
      'The event loop was blocked for 800ms right after the client disconnected from `GET /feed` (cycle 2 of 3): `/health` answered, but only after 800ms (stall-threshold 500ms). It stalled once, in 1 of 3 cycles.'
    )
    const twice = withStalls({ ...base, cycles: cycles.slice(0, 1) }, [stall(1, 600), stall(1, 900)], {
      healthPath: '/health'
    })
    expect(twice.headline.endsWith('It stalled 2 times, in 1 of 1 cycle.')).toBe(true)
    const idle = withStalls({ ...base, route: { method: 'IDLE', path: '', found: 'idle' } }, [stall(0, 700)], {
      healthPath: '/health'
    })
    expect(idle.headline.endsWith('It stalled once while idle.')).toBe(true)
    // a route that is not healthy keeps its verdict and headline, with its stalls
    const hung = withStalls(route('/h', 'hung'), [stall(1, 700)], { healthPath: '/health' })
    expect(hung).toMatchObject({ verdict: 'hung', headline: '/h hung', stalls: [expect.anything()] })
  })
})
