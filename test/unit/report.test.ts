import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/analysis/classify.js'
import { proposeFix } from '../../src/fix/rewrite.js'
import {
  longestStall,
  type ProbeResult,
  type RouteFinding,
  type RouteResult,
  type RunResult
} from '../../src/core/model.js'
import { loopEvidence, renderReport } from '../../src/report/report.js'
import { loadRecorded, recordedSourceLines } from '../support/recorded-dumps.js'
import { failsTheRun, judgeStalls, withStalls } from '../../src/analysis/verdict.js'
import { codeBlock, excerptRows, plainText, type ReportLinks } from '../../src/report/markdown.js'
import { fitToLimit } from '../../src/report/fit-to-limit.js'
import { fixSection, verificationLine } from '../../src/report/fix-section.js'
import { formatLatency, latencyChart, slowestProbe } from '../../src/report/timings.js'
import type { Diagnosis, FixProposal, FixTrial } from '../../src/core/diagnosis.js'
import manifest from '../../package.json' with { type: 'json' }

const links: ReportLinks = {
  run: 'https://github.com/acme/shop/actions/runs/1',
  pattern: id => `https://example.test/README.md#${id}`,
  source: (p, line) => `https://github.com/acme/shop/blob/abc/${p}#L${line}`
}

function probe(
  phase: ProbeResult['phase'],
  cycle: number,
  latencyMs: number,
  outcome: ProbeResult['outcome'] = 'ok'
): ProbeResult {
  return { phase, cycle, sentAtMs: 0, latencyMs, outcome, ...(outcome === 'http-error' ? { status: 500 } : {}) }
}

/** The report of a run of one route, with what the app printed. */
function reportOf(
  route: RouteFinding,
  healthPath = '/health',
  appLogTail = ['INFO:     Started server process [1]']
): string {
  const r = route.result
  const failed = r.verdict === 'startup-failed'
  const run: RunResult = {
    verdict: r.verdict,
    headline: r.headline,
    ...(r.verdict !== 'healthy' && !failed ? { decisive: 0 } : {}),
    routes: failed ? [] : [r],
    notChecked: [],
    ...(r.startupMs !== undefined ? { startupMs: r.startupMs } : {}),
    verdictAtMs: r.verdictAtMs,
    healthTimeoutMs: r.healthTimeoutMs,
    appLogPath: '/tmp/app.log',
    appLogTail,
    warnings: []
  }
  return renderReport({ run, routes: failed ? [] : [route], healthPath, links })
}

function result(overrides: Partial<RouteResult>): RouteResult {
  return {
    route: { method: 'GET', path: '/api/news/stream', found: 'named' },
    streams: true,
    verdict: 'healthy',
    verdictAtMs: 2300,
    startupMs: 600,
    healthTimeoutMs: 1000,
    baseline: [probe('baseline', 0, 2.5), probe('baseline', 0, 1.2), probe('baseline', 0, 1.4)],
    cycles: [
      { cycle: 1, streams: [], probes: [probe('during-stream', 1, 3), probe('after-abort', 1, 1000, 'timeout')] }
    ],
    cyclesPlanned: 3,
    headline: '`/health` gave no answer within 1s right after the client disconnected.',
    warnings: [],
    slowProbes: [],
    stalls: [],
    stallThresholdMs: 500,
    settle: { ms: 300, given: false },
    ...overrides
  }
}

const recorded = loadRecorded('news-app-asyncio')
const shopScope = { appRoot: recorded.appRoot, libraryRoots: [`${recorded.appRoot}/.venv`] }
/** The example app's hung run, with its recorded samples (built in each test that uses it, as hungCase()). */
const hungResult = (): RouteResult =>
  result({ verdict: 'hung', capture: { method: 'py-spy 0.4.2 (/x/py-spy, found on PATH)', samples: recorded.samples } })

/**
 * The recorded example app's hang, diagnosed, fixed and reported. Each test
 * computes it (it takes a millisecond), so that the mutation check sees which
 * tests run which code instead of counting it all as run at load time.
 */
function hungCase(): { diagnosis: Diagnosis; fix: FixProposal; report: string } {
  const diagnosis = diagnose({ samples: recorded.samples, scope: shopScope, readLines: recordedSourceLines })
  const fix = proposeFix(diagnosis, shopScope, recordedSourceLines)
  return { diagnosis, fix, report: reportOf({ result: hungResult(), diagnosis, fix }) }
}

describe('renderReport for a hang', () => {
  it('leads with the verdict, the linked pattern and the linked culprit', () => {
    const { report } = hungCase()
    expect(report.startsWith('## 🛑 backend-hang-debug: hung: `executor-shutdown-wait`\n')).toBe(true)
    expect(report).toContain('[`executor-shutdown-wait`](https://example.test/README.md#executor-shutdown-wait)')
    expect(report).toContain(
      '[`app/api/routes/stream.py:19`](https://github.com/acme/shop/blob/abc/app/api/routes/stream.py#L19) in `event_generator`'
    )
    expect(report).toContain(
      '- **Waiting for:** 1 worker thread(s) still running `fetch_feed (app/services/feeds.py:33)`'
    )
  })

  it('shows the source around the culprit with the line marked', () => {
    const { report } = hungCase()
    expect(report).toContain('> 19 |         with ThreadPoolExecutor(max_workers=len(SOURCES)) as pool:')
    expect(report).toContain('  18 |         loop = asyncio.get_running_loop()')
  })

  it("gives the fix as a change of the app's own block, where it stands, with its names", () => {
    const { report } = hungCase()
    const fix = report.slice(report.indexOf('### Fix'))
    expect(fix).toContain(
      '**The change** in [`app/api/routes/stream.py:19`](https://github.com/acme/shop/blob/abc/app/api/routes/stream.py#L19) in `event_generator`'
    )
    expect(fix).toContain(
      '**Before**\n\n```python\nwith ThreadPoolExecutor(max_workers=len(SOURCES)) as pool:\n    pending = [loop.run_in_executor(pool, fetch_feed, source) for source in SOURCES]'
    )
    expect(fix).toContain(
      '**After**\n\n```python\npool = ThreadPoolExecutor(max_workers=len(SOURCES))\ntry:\n    pending = [loop.run_in_executor(pool, fetch_feed, source) for source in SOURCES]'
    )
    expect(fix).toContain(
      'finally:\n    # the client may be gone: do not wait for the pool (Python >= 3.9)\n    pool.shutdown(wait=False, cancel_futures=True)\n```'
    )
    expect(fix).not.toMatch(/\bwork, item\b|\bjobs\b/)
  })

  it('says what trying the change showed, or why it was not tried', () => {
    const { diagnosis, fix } = hungCase()
    const tried = reportOf({
      result: hungResult(),
      diagnosis,
      fix,
      verification: {
        applied: fix.primary?.edits ?? [],
        verdict: 'healthy',
        slowestProbeMs: 6.4,
        probes: 27,
        durationMs: 2100
      }
    })
    expect(tried).toContain(
      '✅ **Tried:** the change was applied to a scratch copy of the app and the route checked again: `/health` then answered in 6 ms or less in every probe (27 probes).'
    )
    const skipped = reportOf({
      result: hungResult(),
      diagnosis,
      fix,
      verification: { applied: [], skipped: 'no time is left', durationMs: 0 }
    })
    expect(skipped).toContain('The change was not tried: no time is left.')
  })

  it('shows a timed-out probe as more than the timeout, not as the timeout', () => {
    const { report } = hungCase()
    expect(report).toContain('| after the disconnect | 1 | > 1s (timeout) | > 1s (timeout) |')
    expect(report).toContain('| baseline (no stream) | 3 | 1.2 ms | 2.5 ms |')
  })

  it('collapses the other threads and keeps the loop stack open', () => {
    const { report } = hungCase()
    expect(report).toContain('<details open>\n<summary>Event loop thread stack</summary>')
    expect(report).toContain('<details>\n<summary>Other threads (1)</summary>')
    expect(report).toContain('    event_generator (app/api/routes/stream.py:19)')
  })

  it('ends with a footer that names the version which made it and links the run', () => {
    const { report } = hungCase()
    const footer = report.trimEnd().split('\n').at(-1)
    expect(footer).toBe(
      `<sub>Route: \`GET /api/news/stream\` · health: \`/health\` · verdict after 2.3s · backend-hang-debug ${manifest.version} · [workflow run](https://github.com/acme/shop/actions/runs/1)</sub>`
    )
  })
})

describe('renderReport: what the samples and the phase say', () => {
  const patternsScope = {
    appRoot: '/home/runner/work/patterns/patterns',
    libraryRoots: ['/home/runner/work/patterns/patterns/.venv']
  }
  function reportFor(name: string, phase: ProbeResult['phase'], sentAtMs: number): string {
    const samples = loadRecorded(name).samples
    const hangProbe = { ...probe(phase, 1, 1000, 'timeout'), sentAtMs }
    return reportOf({
      result: { ...hungResult(), hang: { phase, cycle: 1, probe: hangProbe }, capture: { method: 'py-spy', samples } },
      diagnosis: diagnose({ samples, scope: patternsScope, readLines: recordedSourceLines })
    })
  }

  it('says how long the loop stayed in one place, relative to the unanswered probe', () => {
    const samples = loadRecorded('sync-io').samples
    const sentAt = (samples[0]?.takenAtMs ?? 0) - 300
    const span = Math.round((samples.at(-1)?.takenAtMs ?? 0) - (samples[0]?.takenAtMs ?? 0))
    const report = reportFor('sync-io', 'after-abort', sentAt)
    expect(report).toMatch(
      new RegExp(
        `at the same place in 3 of 3 samples, taken 300ms–\\d+ms after the unanswered probe was sent \\(waiting in the same place for at least ${span}ms\\)`
      )
    )
    expect(report).toContain('- **Began:** when the client disconnected')
  })

  it('names the helper and the route line that called it', () => {
    const report = reportFor('sync-io', 'after-abort', 0)
    expect(report).toMatch(/- \*\*Culprit:\*\* \[`app\/services\/upstream.py:7`\]\([^)]+#L7\) in `fetch_status`/)
    expect(report).toMatch(/- \*\*Called from:\*\* \[`app\/main.py:\d+`\]\([^)]+\) in `events`/)
  })

  it('says a hang between two events began while the stream was open', () => {
    expect(reportFor('sync-sleep', 'during-stream', 0)).toContain(
      '- **Began:** while the stream was still open (a blocking call between two events), not at the disconnect'
    )
  })

  it('says the loop was running, not waiting, for cpu-bound work', () => {
    expect(reportFor('cpu-bound', 'after-abort', 0)).toContain('running Python (not waiting) in 3 of 3 samples')
  })

  it("lists where the pool's threads are parked when the pool is exhausted", () => {
    expect(reportFor('threadpool-exhausted', 'during-stream', 0)).toMatch(
      /- \*\*Pool threads:\*\* 2 busy in `events \(app\/main.py:\d+\) ×2`/
    )
  })
})

describe('renderReport for other verdicts', () => {
  it('shows the app output first when the app never started', () => {
    const report = reportOf(
      {
        result: result({
          verdict: 'startup-failed',
          headline: 'The app exited (exit code 1) before `/health` answered.',
          baseline: [],
          cycles: []
        })
      },
      '/health',
      ['Traceback (most recent call last):', "ModuleNotFoundError: No module named 'x'"]
    )
    expect(report).toContain('## ⛔ backend-hang-debug: startup-failed')
    expect(report).toContain(
      "### App output (last 2 lines)\n\n```\nTraceback (most recent call last):\nModuleNotFoundError: No module named 'x'\n```"
    )
    expect(report).not.toContain('### Probe timings')
  })

  it('says plainly that no stacks were captured, with the reason', () => {
    const report = reportOf({
      result: {
        ...hungResult(),
        capture: { method: 'none', samples: [], unavailable: 'stack capture is turned off (py-spy: off)' }
      },
      diagnosis: diagnose({ samples: [], scope: { appRoot: '/a', libraryRoots: [] }, readLines: () => undefined })
    })
    expect(report).toContain('**No stacks were captured:** stack capture is turned off (py-spy: off).')
    expect(report).toContain('### Probe timings')
    expect(report).not.toContain('### Fix')
  })

  it('shows a healthy run with its timings', () => {
    const healthy = result({
      cycles: [{ cycle: 1, streams: [], probes: [probe('during-stream', 1, 3), probe('after-abort', 1, 4)] }],
      headline: 'all good'
    })
    const report = reportOf({ result: healthy })
    expect(report).toContain('## ✅ backend-hang-debug: healthy')
    expect(report).toContain('| after the disconnect | 1 | 4.0 ms | 4.0 ms |')
    expect(report).not.toContain('### Fix')
  })
})

describe('latencyChart', () => {
  it('plots each baseline probe and the slowest probe of each phase of each cycle, capped at the timeout, with the timeout as a line', () => {
    expect(latencyChart(hungResult())).toContain('x-axis ["B1", "B2", "B3", "S1", "A1"]')
    expect(latencyChart(hungResult())).toContain('bar [3, 1, 1, 3, 1000]')
    expect(latencyChart(hungResult())).toContain('line [1000, 1000, 1000, 1000, 1000]')
    expect(latencyChart(hungResult())).toContain('y-axis "ms" 0 --> 1100')
    const watched = result({
      cycles: [1, 2].map(cycle => ({
        cycle,
        streams: [],
        probes: [
          probe('during-stream', cycle, 2),
          probe('during-stream', cycle, 7 * cycle),
          probe('after-abort', cycle, 3),
          probe('after-abort', cycle, 40 + cycle),
          probe('after-abort', cycle, 5)
        ]
      }))
    })
    expect(latencyChart(watched)).toContain('x-axis ["B1", "B2", "B3", "S1", "A1", "S2", "A2"]')
    expect(latencyChart(watched)).toContain('bar [3, 1, 1, 7, 41, 14, 42]')
  })
})

/**
 * The recorded stalls (a sync metrics flush at each disconnect), judged as the
 * investigation judges them, the run they make and its report; computed in
 * each test, as hungCase().
 */
function stallCase(overrides: Partial<RouteResult> = {}, verification?: FixTrial) {
  const recorded = loadRecorded('stall-sync-sleep')
  const scope = { appRoot: recorded.appRoot, libraryRoots: [`${recorded.appRoot}/.venv`] }
  const judged = judgeStalls(recorded, scope, recordedSourceLines)
  // every slow probe of the recording is a stall
  expect(judged).toHaveLength(recorded.slowProbes.length)
  const stalls = judged.map(j => j.stall)
  const observed = result({
    cycles: [1, 2, 3].map(cycle => ({
      cycle,
      streams: [],
      probes: [probe('during-stream', cycle, 3), probe('after-abort', cycle, 1504)]
    })),
    slowProbes: recorded.slowProbes,
    stallThresholdMs: 500,
    ...overrides
  })
  const settings = { healthPath: '/health' }
  const stalled = withStalls(observed, stalls, settings)
  // the report diagnoses the longest stall, as the investigation does
  const longest = judged.find(j => j.stall === longestStall(stalls)) as (typeof judged)[number]
  const report = reportOf({
    result: stalled,
    diagnosis: longest.diagnosis,
    fix: proposeFix(longest.diagnosis, scope, recordedSourceLines),
    ...(verification ? { verification } : {})
  })
  return { stalls, observed, settings, stalled, report }
}

describe('a stalled run (recorded: a sync metrics flush at each disconnect)', () => {
  it('turns a run whose probes all answered into stalled, with a headline that says how long and how often', () => {
    const { stalled } = stallCase()
    expect(stalled.verdict).toBe('stalled')
    expect(stalled.headline).toMatch(
      /^The event loop was blocked for 1\.5\d?s right after the client disconnected from `GET \/api\/news\/stream` \(cycle \d of 3\): `\/health` answered, but only after 1\.5\d?s \(stall-threshold 500ms\)\. It stalled 3 times, in 3 of 3 cycles\.$/
    )
  })

  it('leaves a worse verdict alone, with its stalls listed', () => {
    const { stalls, observed, settings } = stallCase()
    const stillHung = withStalls({ ...hungResult() }, stalls, settings)
    expect(stillHung.verdict).toBe('hung')
    expect(stillHung.headline).toBe(hungResult().headline)
    expect(stillHung.stalls).toHaveLength(3)
    expect(reportOf({ result: stillHung, diagnosis: hungCase().diagnosis })).toContain(
      '### Stalls (3)\n\nBesides the hung verdict, the loop stalled for 500ms (stall-threshold) or more:'
    )
    expect(withStalls(observed, [], settings).verdict).toBe('healthy')
  })

  it('fails the run on a stall unless fail-on-stall is false, whatever fail-on-hang says', () => {
    const { observed, stalled } = stallCase()
    expect(failsTheRun(stalled, { failOnHang: false, failOnStall: true })).toBe(true)
    expect(failsTheRun(stalled, { failOnHang: true, failOnStall: false })).toBe(false)
    expect(failsTheRun(hungResult(), { failOnHang: true, failOnStall: false })).toBe(true)
    expect(failsTheRun(observed, { failOnHang: true, failOnStall: true })).toBe(false)
  })

  it('has the sections of a hang, in orange, with how long the stall lasted', () => {
    const { report } = stallCase()
    expect(report.startsWith('## 🟠 backend-hang-debug: stalled: `sync-sleep`\n')).toBe(true)
    expect(report).toMatch(/- \*\*Culprit:\*\* \[`app\/services\/metrics\.py:\d+`\]\([^)]+\) in `flush`/)
    expect(report).toMatch(/- \*\*Called from:\*\* \[`app\/main\.py:\d+`\]\([^)]+\) in `events`/)
    expect(report).toContain('- **Began:** when the client disconnected')
    expect(report).toMatch(/- \*\*Lasted:\*\* 1\.5\d?s \(the longest stall\); 3 stalls in 3 of 3 cycles/)
    expect(report).toMatch(
      /- \*\*Event loop:\*\* thread "MainThread" of pid \d+, at the same place in \d of \d samples, taken 16\dms–[\d.]+m?s after the slow probe was sent/
    )
    expect(report).toContain('### Fix')
    // at the coroutine that calls the helper, and the helper made async as the other way
    expect(report).toContain('**After**\n\n```python\nawait asyncio.to_thread(metrics.flush)\n```')
    expect(report).toContain('await asyncio.sleep(FLUSH_SECONDS)')
  })

  it('lists every stall with when it began, how long it lasted and where', () => {
    const { report } = stallCase()
    expect(report).toContain('| cycle | when | probe sent at | lasted | pattern | culprit | samples blocked |')
    const rows = report.split('\n').filter(line => /^\| [123] \| after the disconnect \|/.test(line))
    expect(rows).toHaveLength(3)
    for (const row of rows)
      expect(row).toMatch(/\| 1\.5\d?s \| `sync-sleep` \| `app\/services\/metrics\.py:\d+` \| (\d+) of \1 \|$/)
  })

  it('says of slow probes that were no stall that they got no verdict', () => {
    const noise = loadRecorded('slow-health-noise')
    const healthy = result({ slowProbes: noise.slowProbes, stallThresholdMs: 100, headline: 'all good' })
    const text = reportOf({ result: healthy }, '/slow-health')
    expect(text).toContain(
      `${noise.slowProbes.length} probe(s) took 100ms (stall-threshold) or more, but the stacks sampled while they waited did not show the loop blocked`
    )
    expect(text).not.toContain('### Stalls')
  })
})

describe('codeBlock', () => {
  it('uses a fence longer than any backtick run in the content', () => {
    expect(codeBlock('a ``` b')).toBe('````\na ``` b\n````')
    expect(codeBlock('plain', 'python')).toBe('```python\nplain\n```')
  })
})

/**
 * Whole reports, line for line, against the files in test/unit/reports/: what a
 * reviewer reads, every word of it. The assertions above say what each part
 * must say; these catch any other change to the text, the order or the
 * numbers. A deliberate change of the report updates them with
 * `npx vitest run test/unit/report.test.ts -u` and shows in the diff.
 */
describe('whole reports, line for line', () => {
  /** The version in the footer changes with every release; the files do not. */
  const unversioned = (report: string): string => report.replaceAll(` ${manifest.version} `, ' <version> ')
  const hangs: [string, ProbeResult['phase'], RouteFinding['result']['route']][] = [
    ['news-app-asyncio', 'after-abort', { method: 'GET', path: '/api/news/stream', found: 'named' }],
    ['news-app-uvloop', 'after-abort', { method: 'GET', path: '/api/news/stream', found: 'declared' }],
    ['chat-process-pool', 'after-abort', { method: 'POST', path: '/chat', body: '{"q": 1}', found: 'named' }],
    ['cpu-bound', 'after-abort', { method: 'GET', path: '/cpu-bound/stream', found: 'sniffed' }],
    ['future-result', 'after-abort', { method: 'GET', path: '/future-result/stream', found: 'named' }],
    ['lock-held-forever', 'during-stream', { method: 'GET', path: '/stats/stream', found: 'named' }],
    ['lock-wait', 'after-abort', { method: 'GET', path: '/lock-wait/stream', found: 'named' }],
    ['subprocess-two-helpers', 'after-abort', { method: 'GET', path: '/report/stream', found: 'named' }],
    ['subprocess-wait', 'after-abort', { method: 'GET', path: '/subprocess-wait/stream', found: 'named' }],
    ['sync-io', 'after-abort', { method: 'GET', path: '/sync-io/stream', found: 'named' }],
    ['sync-sleep', 'during-stream', { method: 'GET', path: '/sync-sleep/stream', found: 'named' }],
    ['thread-join', 'after-abort', { method: 'GET', path: '/thread-join/stream', found: 'named' }],
    ['threadpool-exhausted', 'during-stream', { method: 'GET', path: '/threadpool-exhausted/stream', found: 'named' }],
    ['unknown', 'after-abort', { method: 'GET', path: '/unknown/stream', found: 'named' }]
  ]

  for (const [name, phase, route] of hangs) {
    it(`the hang recorded as ${name}`, async () => {
      const recording = loadRecorded(name)
      const scope = { appRoot: recording.appRoot, libraryRoots: [`${recording.appRoot}/.venv`] }
      const samples = recording.samples
      const sentAtMs = (samples[0]?.takenAtMs ?? 300) - 250
      const hangProbe = { ...probe(phase, 2, 1000, 'timeout'), sentAtMs }
      const diagnosis = diagnose({ samples, scope, readLines: recordedSourceLines })
      const fix = proposeFix(diagnosis, scope, recordedSourceLines)
      const report = reportOf({
        result: result({
          route,
          hang: { phase, cycle: 2, probe: hangProbe },
          verdict: 'hung',
          cycles: [
            { cycle: 1, streams: [], probes: [probe('during-stream', 1, 3.25), probe('after-abort', 1, 12.5)] },
            {
              cycle: 2,
              streams: [],
              probes: [
                phase === 'during-stream' ? hangProbe : probe('during-stream', 2, 2),
                ...(phase === 'after-abort' ? [hangProbe] : [])
              ]
            }
          ],
          capture: { method: 'py-spy 0.4.2 (/usr/local/bin/py-spy, found on PATH)', samples },
          warnings: ['an example warning']
        }),
        diagnosis,
        fix,
        verification: fix.primary
          ? { applied: fix.primary.edits, verdict: 'healthy', slowestProbeMs: 4.4, probes: 24, durationMs: 2100 }
          : { applied: [], skipped: 'there is no mechanical change to try', durationMs: 0 }
      })
      await expect(unversioned(report)).toMatchFileSnapshot(`./reports/${name}.md`)
    })
  }

  it('a stalled run', async () => {
    const { report } = stallCase(
      { settle: { ms: 1000, given: false, longestGapMs: 2000 } },
      {
        applied: [],
        verdict: 'stalled',
        pattern: 'sync-sleep',
        culprit: 'app/x.py:3',
        slowestProbeMs: 700,
        probes: 12,
        durationMs: 2500
      }
    )
    await expect(unversioned(report)).toMatchFileSnapshot('./reports/stalled.md')
  })

  it('a run of several routes: one hung, one healthy, one not checked, found by discovery', async () => {
    const { diagnosis, fix } = hungCase()
    const healthy = result({
      route: { method: 'GET', path: '/api/ticks', found: 'sniffed' },
      verdict: 'healthy',
      headline: 'all good',
      cycles: [{ cycle: 1, streams: [], probes: [probe('during-stream', 1, 3), probe('after-abort', 1, 4)] }],
      warnings: ['the stream sent no event within 2s']
    })
    const notStreaming = result({
      route: { method: 'GET', path: '/api/plain', found: 'named' },
      streams: false,
      verdict: 'healthy',
      headline: 'no stream',
      cycles: []
    })
    const hung = { ...hungResult(), route: { method: 'GET', path: '/api/news/stream', found: 'declared' as const } }
    const run: RunResult = {
      verdict: 'hung',
      headline: hung.headline,
      decisive: 1,
      routes: [healthy, hung, notStreaming],
      notChecked: [
        {
          route: { method: 'GET', path: '/api/later', found: 'declared' },
          reason: 'the app was left hung by an earlier route'
        }
      ],
      discovery: {
        openapiPath: '/openapi.json',
        routes: [],
        declared: 2,
        sniffed: 5,
        sniffedStreams: 1,
        leftAside: ['`POST /api/upload`: another method', '`GET /api/items/{id}`: needs path parameters']
      },
      startupMs: 640,
      verdictAtMs: 7300,
      healthTimeoutMs: 1000,
      appLogPath: '/tmp/app.log',
      appLogTail: [],
      warnings: ['a warning of the run']
    }
    const report = renderReport({
      run,
      routes: [{ result: healthy }, { result: hung, diagnosis, fix }, { result: notStreaming }],
      healthPath: '/healthz',
      links
    })
    await expect(unversioned(report)).toMatchFileSnapshot('./reports/several-routes.md')
  })

  it('an app that never started, one that crashed, and a hang with no stacks', async () => {
    const startupFailed = reportOf(
      {
        result: result({
          verdict: 'startup-failed',
          headline: 'The app exited (exit code 1) before `/health` answered.',
          baseline: [],
          cycles: []
        })
      },
      '/health',
      []
    )
    const crashed = reportOf(
      { result: result({ verdict: 'crashed', headline: 'The app exited (signal SIGKILL) during cycle 1.' }) },
      '/health',
      ['Killed']
    )
    const noStacks = reportOf({
      result: { ...hungResult(), capture: { method: 'none', samples: [], unavailable: 'py-spy could not attach' } },
      diagnosis: diagnose({ samples: [], scope: { appRoot: '/a', libraryRoots: [] }, readLines: () => undefined })
    })
    const unhealthy = reportOf({
      result: result({
        verdict: 'unhealthy',
        headline: '`/health` answered 500.',
        cycles: [{ cycle: 1, streams: [], probes: [probe('after-abort', 1, 3, 'http-error')] }]
      })
    })
    await expect(
      [startupFailed, crashed, noStacks, unhealthy].map(unversioned).join('\n\n<!-- next report -->\n\n')
    ).toMatchFileSnapshot('./reports/other-verdicts.md')
  })

  it('a healthy run with slow probes that were no stall', async () => {
    const noise = loadRecorded('slow-health-noise')
    const report = reportOf(
      {
        result: result({
          slowProbes: noise.slowProbes,
          stallThresholdMs: 100,
          headline: 'all good',
          verdict: 'healthy'
        })
      },
      '/slow-health'
    )
    await expect(unversioned(report)).toMatchFileSnapshot('./reports/healthy-with-noise.md')
  })
})

describe('fitToLimit, cut by cut', () => {
  /** The example app's whole report, with a long list of other threads and the app output, as a comment would get it. */
  function longReport(): string {
    const { diagnosis, fix } = hungCase()
    const crowded = {
      ...diagnosis,
      otherThreads: Array.from({ length: 60 }, (_, i) => ({
        ...(diagnosis.otherThreads[0] as NonNullable<Diagnosis['loopStack']>),
        threadId: String(i),
        name: `worker-${i}`
      }))
    }
    const report = renderReport({
      run: {
        verdict: 'hung',
        headline: hungResult().headline,
        decisive: 0,
        routes: [hungResult()],
        notChecked: [],
        startupMs: 600,
        verdictAtMs: 2300,
        healthTimeoutMs: 1000,
        appLogPath: '/tmp/app.log',
        appLogTail: ['INFO:     Started server process [1]', 'INFO:     Waiting for application startup.'],
        warnings: []
      },
      routes: [{ result: hungResult(), diagnosis: crowded, fix }],
      healthPath: '/health',
      links
    })
    return report.replaceAll(` ${manifest.version} `, ' <version> ')
  }

  it('drops the collapsed sections and the chart from the end, then cuts at a line, closing an open code block', async () => {
    const report = longReport()
    const limits = [report.length, report.length - 1, 6000, 4500, 3000, 2200, 1200, 500, 100]
    const cuts = limits.map(limit => {
      const cut = fitToLimit(report, limit, 'the job summary')
      expect(cut.length, `limit ${limit}`).toBeLessThanOrEqual(limit)
      return `<!-- limit ${limit}: ${cut.length} characters -->\n${cut}`
    })
    expect(fitToLimit(report, report.length, 'x')).toBe(report)
    await expect(cuts.join('\n\n')).toMatchFileSnapshot('./reports/cuts.md')
  })

  it('never takes a <details> or a chart inside a code block for a section', () => {
    const text = [
      '# r',
      '',
      '```',
      '<details>',
      '<summary>not one</summary>',
      '</details>',
      '```',
      '',
      'tail '.repeat(40)
    ].join('\n')
    const cut = fitToLimit(text, 150, 'there')
    expect(cut).not.toContain('cut, see the full report')
    expect(cut.split('\n').filter(l => l.startsWith('```')).length % 2).toBe(0)
    expect(cut.endsWith("> ✂️ This report was cut to fit GitHub's size limit. The full report: there.\n")).toBe(true)
  })
})

describe('the pieces of a report, word for word', () => {
  it('latencies, slowest probes, what trying the change showed, fixes without a change, places without a link', async () => {
    const pieces: string[] = []
    const p = (latencyMs: number, outcome: ProbeResult['outcome'] = 'ok', detail?: string): ProbeResult => ({
      ...probe('after-abort', 1, latencyMs, outcome),
      ...(detail ? { detail } : {})
    })
    pieces.push(
      ...[
        p(9.96),
        p(10),
        p(10.4),
        p(999.5),
        p(1000, 'timeout'),
        p(3, 'unreachable'),
        p(3, 'unreachable', 'connection refused'),
        p(4, 'http-error')
      ].map(probe => formatLatency(probe, 1000))
    )
    pieces.push(
      String(slowestProbe([p(5), p(900), p(2, 'http-error'), p(3, 'timeout')])?.latencyMs),
      String(slowestProbe([p(5), p(7)])?.latencyMs),
      String(slowestProbe([]))
    )
    pieces.push(plainText('`a` and ``b``'))
    pieces.push(
      verificationLine({ applied: [], skipped: 'verify-fix is never', durationMs: 0 }, '/health'),
      verificationLine({ applied: [], verdict: 'healthy', slowestProbeMs: 3.6, durationMs: 1 }, '/healthz'),
      verificationLine(
        {
          applied: [],
          verdict: 'hung',
          pattern: 'lock-wait',
          culprit: 'app/a.py:3',
          headline: '`/health` gave no answer within 1s.',
          probes: 4,
          durationMs: 1
        },
        '/health'
      ),
      verificationLine({ applied: [], verdict: 'stalled', durationMs: 1 }, '/health')
    )
    const { diagnosis, fix } = hungCase()
    const noLinks: ReportLinks = { pattern: id => `#${id}` }
    pieces.push(fixSection(fix, undefined, noLinks))
    pieces.push(
      fixSection(
        {
          pattern: 'sync-sleep',
          advice: 'Sleep with the loop.',
          notes: ['A note.'],
          unknownShape: 'the rewriter does not know this shape'
        },
        undefined,
        links
      )
    )
    pieces.push(
      fixSection(
        {
          pattern: 'sync-sleep',
          advice: 'Sleep with the loop.',
          notes: [],
          primary: {
            summary: 'Sleep with the loop.',
            where: { path: 'app/a.py', line: 3, function: 'events' },
            edits: [
              {
                file: '/srv/app/a.py',
                path: 'app/a.py',
                firstLine: 3,
                lastLine: 3,
                before: ['        time.sleep(1)'],
                after: ['        await asyncio.sleep(1)']
              },
              {
                file: '/srv/app/a.py',
                path: 'app/a.py',
                firstLine: 1,
                lastLine: 0,
                before: [],
                after: ['import asyncio']
              }
            ]
          }
        },
        { applied: [], verdict: 'healthy', slowestProbeMs: 2, probes: 9, durationMs: 1 },
        links
      )
    )
    pieces.push(excerptRows({ path: 'a.py', absolutePath: '/a.py', line: 2, function: 'f' }).length.toString())
    pieces.push(loopEvidence({ ...diagnosis, timeline: [] }, hungResult()))
    pieces.push(
      loopEvidence(
        {
          ...diagnosis,
          loopThread: { ...(diagnosis.loopThread as NonNullable<Diagnosis['loopThread']>), name: undefined }
        },
        hungResult()
      )
    )
    await expect(pieces.join('\n\n---\n\n')).toMatchFileSnapshot('./reports/pieces.md')
  })
})
