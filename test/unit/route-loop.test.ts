// The conductor's route loop, driven with fake checks: max-routes cuts the
// list, and a route that leaves the app broken ends the checking on it.

import { describe, expect, it } from 'vitest'
import type { Route, Verdict } from '../../src/core/model.js'
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
