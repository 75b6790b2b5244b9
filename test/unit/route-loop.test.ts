// The conductor's route loop, driven with fake checks: max-routes cuts the
// list, and a route that leaves the app broken ends the checking on it.

import { describe, expect, it } from 'vitest'
import type { Route, Verdict } from '../../src/core/model.js'
import { shareOf } from '../../src/analysis/route-candidates.js'
import { checkInTurn } from '../../src/engine/triage.js'

function fakeCheck(path: string, outcome: Verdict): { route: Route; verdict: Verdict; outcome: Verdict } {
  return { route: { method: 'GET', path, found: 'named' }, verdict: 'healthy', outcome }
}

async function runLoop(outcomes: Verdict[], maxRoutes: number): Promise<{ checked: string[]; notChecked: string[] }> {
  const checks = outcomes.map((outcome, i) => fakeCheck(`/r${i + 1}`, outcome))
  const checked: string[] = []
  const notChecked = await checkInTurn(checks, maxRoutes, async c => {
    checked.push(c.route.path)
    c.verdict = c.outcome
  })
  return { checked, notChecked: notChecked.map(n => `${n.route.path}: ${n.reason}`) }
}

describe('checkInTurn, the route loop', () => {
  it('checks every route in order when each leaves the app answering', async () => {
    expect(await runLoop(['healthy', 'stalled', 'healthy'], 20)).toEqual({
      checked: ['/r1', '/r2', '/r3'],
      notChecked: []
    })
  })

  it('cuts the routes past max-routes, saying how to check them', async () => {
    expect(await runLoop(['healthy', 'healthy', 'healthy'], 2)).toEqual({
      checked: ['/r1', '/r2'],
      notChecked: ['/r3: max-routes (2) cut it; raise max-routes to check it']
    })
  })

  it.each(['hung', 'crashed', 'unhealthy'] as const)(
    'stops after a route that leaves the app %s, naming it',
    async verdict => {
      expect(await runLoop(['healthy', verdict, 'healthy', 'healthy'], 3)).toEqual({
        checked: ['/r1', '/r2'],
        notChecked: [
          `/r3: the app was left ${verdict} by \`GET /r2\``,
          '/r4: max-routes (3) cut it; raise max-routes to check it'
        ]
      })
    }
  )

  it('goes on after a stall: the loop came back, so the next baseline can be healthy', async () => {
    expect((await runLoop(['stalled', 'hung'], 5)).checked).toEqual(['/r1', '/r2'])
  })
})

describe('checkInTurn with restart: every broken route in one run', () => {
  async function withRestart(
    outcomes: Verdict[],
    restartAnswers: (string | undefined)[]
  ): Promise<{ checked: string[]; notChecked: string[]; restartedAfter: string[] }> {
    const checks = outcomes.map((outcome, i) => fakeCheck(`/r${i + 1}`, outcome))
    const checked: string[] = []
    const restartedAfter: string[] = []
    const notChecked = await checkInTurn(
      checks,
      20,
      async c => {
        checked.push(c.route.path)
        c.verdict = c.outcome
      },
      async brokenBy => {
        restartedAfter.push(`${brokenBy.route.path} ${brokenBy.verdict}`)
        return restartAnswers.shift()
      }
    )
    return { checked, notChecked: notChecked.map(n => `${n.route.path}: ${n.reason}`), restartedAfter }
  }

  it('starts the app again after each route that broke it, and checks the rest', async () => {
    expect(await withRestart(['healthy', 'hung', 'crashed', 'healthy'], [undefined, undefined])).toEqual({
      checked: ['/r1', '/r2', '/r3', '/r4'],
      notChecked: [],
      restartedAfter: ['/r2 hung', '/r3 crashed']
    })
  })

  it('does not start it again after the last route, nor after a stall', async () => {
    expect((await withRestart(['stalled', 'healthy', 'hung'], [])).restartedAfter).toEqual([])
  })

  it('reports the rest as not checked, with the reason, when the start again fails', async () => {
    const reason = 'the app was left hung by `GET /r1`, and could not be started again: Port 8000 is already in use'
    expect(await withRestart(['hung', 'healthy', 'healthy'], [reason])).toEqual({
      checked: ['/r1'],
      notChecked: [`/r2: ${reason}`, `/r3: ${reason}`],
      restartedAfter: ['/r1 hung']
    })
  })
})

describe('shareOf: the routes of one shard', () => {
  const routes = ['/b', '/a', '/feed', '/chat', '/z', '/logs', '/a', '/m', '/x', '/y', '/q', '/r'].map((path, i) => ({
    method: i === 6 ? 'POST' : 'GET',
    path
  }))

  it.each([1, 2, 3, 4, 5, 7, 12, 13])(
    'puts every route in exactly one of %i shards, the shares within one of each other',
    count => {
      const shares = Array.from({ length: count }, (_, i) => shareOf(routes, { index: i + 1, count }))
      const all = shares.flat()
      expect(all).toHaveLength(routes.length)
      expect(new Set(all).size).toBe(routes.length)
      const sizes = shares.map(s => s.length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  )

  it('deals the routes out in path order, then method: the first share holds the 1st, 5th and 9th', () => {
    const labels = (share: { path: string; method: string }[]) => share.map(r => `${r.method} ${r.path}`)
    expect(labels(shareOf(routes, { index: 1, count: 4 }))).toEqual(['GET /a', 'GET /feed', 'GET /r'])
    expect(labels(shareOf(routes, { index: 2, count: 4 }))).toEqual(['GET /logs', 'POST /a', 'GET /x'])
    expect(labels(shareOf(routes, { index: 4, count: 4 }))).toEqual(['GET /chat', 'GET /z', 'GET /q'])
    expect(shareOf(routes, { index: 1, count: 1 })).toBe(routes)
  })

  it('is stable: the same share whatever the order the routes came in, kept in that order', () => {
    const share = shareOf(routes, { index: 2, count: 4 })
    const reversed = shareOf([...routes].reverse(), { index: 2, count: 4 })
    expect(new Set(reversed)).toEqual(new Set(share))
    expect(share.map(r => routes.indexOf(r))).toEqual([...share.map(r => routes.indexOf(r))].sort((a, b) => a - b))
    expect(shareOf(routes, undefined)).toBe(routes)
  })
})
