// The verdict rules that are not about stalls: where a probe's wait lay,
// the run's verdict as the worst of its routes, and the result document
// built from a judged run.

import { describe, expect, it } from 'vitest'
import { judgedRun, phaseOfWait } from '../../src/analysis/verdict.js'
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
