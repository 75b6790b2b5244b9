// The bound a run may take, as the README states it, and what decides the
// watchdog's bound and whether this machine can run the engine at all.

import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TIME_BOUND_VARIABLE, watchdogBoundMs } from '../../src/engine/cancellation.js'
import { getSettings } from '../../src/inputs/inputs.js'
import { unsupportedPlatform } from '../../src/os/process-table.js'
import { actionDefaults } from '../../scripts/action-env.mjs'
import { repoRoot } from '../support/paths.js'
import { timeBoundMs } from '../../src/engine/time-bound.js'

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'bound-'))

function settings(overrides: Record<string, string>) {
  const inputs: Record<string, string> = { ...actionDefaults(), 'stream-path': '/s', ...overrides }
  return getSettings(name => inputs[name] ?? '', { workspace, localAddresses: [] })
}

/**
 * docs/timing.md, "The bound":
 *   1 s + startup-timeout
 *       + R × (3 × health-timeout + cycles × (abort-after + settle + 2 × health-timeout + 1 s))
 *       + discovery + idle + restarts + 60 s
 * where settle is the input when given and health-timeout otherwise, R the
 * number of routes stream-path names (max-routes when it names none),
 * discovery, when stream-path names none,
 *   health-timeout + max-routes × (2 s + settle + health-timeout + 1 s)
 * idle, unless min-watch is 0, min-watch + health-timeout, and restarts,
 * unless restart is never, (R - 1) × (3 s + startup-timeout).
 */
function readmeBoundS(s: {
  startup: number
  health: number
  cycles: number
  abortAfter: number
  settle?: number
  routes?: number
  maxRoutes?: number
  minWatch?: number
  restart?: boolean
}): number {
  const settle = s.settle ?? s.health
  const routes = s.routes ?? s.maxRoutes ?? 20
  const discovery = s.routes === undefined ? s.health + (s.maxRoutes ?? 20) * (2 + settle + s.health + 1) : 0
  const minWatch = s.minWatch ?? 6
  const idle = minWatch > 0 ? minWatch + s.health : 0
  const restarts = s.restart === false ? 0 : (routes - 1) * (3 + s.startup)
  return (
    1 +
    s.startup +
    routes * (3 * s.health + s.cycles * (s.abortAfter + settle + 2 * s.health + 1)) +
    discovery +
    idle +
    restarts +
    60
  )
}

describe('timeBoundMs', () => {
  it('is the documented formula: 201 s for one named route with the other defaults, 2974 s when discovery may find 20', () => {
    const doc = fs.readFileSync(path.join(repoRoot, 'docs/timing.md'), 'utf8')
    expect(timeBoundMs(settings({}))).toBe(
      readmeBoundS({ startup: 60, health: 5, cycles: 3, abortAfter: 2, routes: 1 }) * 1000
    )
    expect(timeBoundMs(settings({}))).toBe(201_000)
    expect(doc).toContain('1 + 60 + 1 × (15 + 3 × (2 + 5 + 10 + 1)) + (6 + 5) + 60 = 201 s')
    expect(timeBoundMs(settings({ 'stream-path': 'auto' }))).toBe(
      readmeBoundS({ startup: 60, health: 5, cycles: 3, abortAfter: 2, routes: undefined, maxRoutes: 20 }) * 1000
    )
    expect(timeBoundMs(settings({ 'stream-path': 'auto' }))).toBe(2_974_000)
    expect(doc).toContain('1 + 60 + 20 × 69 + (5 + 20 × (2 + 5 + 5 + 1)) + (6 + 5) + 19 × (3 + 60) + 60 = 2974 s')
  })

  it.each([
    [
      { 'startup-timeout': '20s', 'health-timeout': '1s', cycles: '1', 'abort-after': '500ms' },
      { startup: 20, health: 1, cycles: 1, abortAfter: 0.5 }
    ],
    [
      { 'startup-timeout': '2m', 'health-timeout': '10s', cycles: '7', 'abort-after': '3s', settle: '4s' },
      { startup: 120, health: 10, cycles: 7, abortAfter: 3, settle: 4 }
    ],
    [
      { 'health-timeout': '2s', cycles: '50', settle: '250ms' },
      { startup: 60, health: 2, cycles: 50, abortAfter: 2, settle: 0.25 }
    ],
    [
      { 'stream-path': '/a\n/b\nPOST /c', cycles: '2' },
      { startup: 60, health: 5, cycles: 2, abortAfter: 2, routes: 3 }
    ],
    [
      { 'stream-path': 'auto', 'max-routes': '4', 'health-timeout': '2s' },
      { startup: 60, health: 2, cycles: 3, abortAfter: 2, routes: undefined, maxRoutes: 4 }
    ],
    [{ 'min-watch': '0' }, { startup: 60, health: 5, cycles: 3, abortAfter: 2, minWatch: 0 }],
    [
      { 'stream-path': '/a\n/b', restart: 'never' },
      { startup: 60, health: 5, cycles: 3, abortAfter: 2, routes: 2, restart: false }
    ],
    [
      { 'min-watch': '30s', 'health-timeout': '2s' },
      { startup: 60, health: 2, cycles: 3, abortAfter: 2, minWatch: 30 }
    ]
  ])('follows the formula for %j', (inputs, figures) => {
    expect(timeBoundMs(settings(inputs))).toBe(Math.round(readmeBoundS({ routes: 1, ...figures }) * 1000))
  })
})

describe('watchdogBoundMs', () => {
  it('is the bound the settings allow, unless the tests force a smaller one', () => {
    expect(watchdogBoundMs(190_000, {})).toBe(190_000)
    expect(watchdogBoundMs(190_000, { [TIME_BOUND_VARIABLE]: '3000' })).toBe(3000)
    expect(watchdogBoundMs(190_000, { [TIME_BOUND_VARIABLE]: 'soon' })).toBe(190_000)
    expect(watchdogBoundMs(190_000, { [TIME_BOUND_VARIABLE]: '0' })).toBe(190_000)
  })
})

describe('unsupportedPlatform', () => {
  it('says what is needed on a runner other than Linux, or without /proc', () => {
    expect(unsupportedPlatform('linux', true)).toBeUndefined()
    expect(unsupportedPlatform('darwin', false)).toBe(
      'backend-hang-debug runs on Linux (it reads /proc), e.g. an ubuntu-latest runner; this is darwin.'
    )
    expect(unsupportedPlatform('win32', false)).toMatch(/this is win32\.$/)
    expect(unsupportedPlatform('linux', false)).toBe(
      'backend-hang-debug runs on Linux (it reads /proc), e.g. an ubuntu-latest runner; this is linux without /proc.'
    )
  })
})
