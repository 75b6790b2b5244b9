import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/analysis/classify.js'
import { judgeSlowProbe } from '../../src/analysis/stalls.js'
import { proposeFix } from '../../src/fix/rewrite.js'
import { failsTheRun, withStalls } from '../../src/engine/investigation.js'
import type { Diagnosis, FixProposal, ProbeResult, RunResult, Stall, TriageResult } from '../../src/model.js'
import { codeBlock, latencyChart, renderReport, type ReportLinks, type RouteReport } from '../../src/report/report.js'
import { loadRecorded, recordedSourceLines } from '../support/recorded-dumps.js'
import manifest from '../../package.json' with { type: 'json' }

const links: ReportLinks = {
  run: 'https://github.com/acme/shop/actions/runs/1',
  pattern: id => `https://example.test/README.md#${id}`,
  source: (p, line) => `https://github.com/acme/shop/blob/abc/${p}#L${line}`
}

function probe(phase: ProbeResult['phase'], cycle: number, latencyMs: number, outcome: ProbeResult['outcome'] = 'ok'): ProbeResult {
  return { phase, cycle, sentAtMs: 0, latencyMs, outcome, ...(outcome === 'http-error' ? { status: 500 } : {}) }
}

/** The report of a run of one route. */
function reportOf(route: RouteReport, healthPath = '/health'): string {
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
    appLogPath: r.appLogPath,
    appLogTail: r.appLogTail,
    warnings: []
  }
  return renderReport({ run, routes: failed ? [] : [route], healthPath, links })
}

function result(overrides: Partial<TriageResult>): TriageResult {
  return {
    route: { method: 'GET', path: '/api/news/stream', found: 'named' },
    streams: true,
    verdict: 'healthy',
    verdictAtMs: 2300,
    startupMs: 600,
    healthTimeoutMs: 1000,
    baseline: [probe('baseline', 0, 2.5), probe('baseline', 0, 1.2), probe('baseline', 0, 1.4)],
    cycles: [{ cycle: 1, streams: [], probes: [probe('during-stream', 1, 3), probe('after-abort', 1, 1000, 'timeout')] }],
    cyclesPlanned: 3,
    headline: '`/health` gave no answer within 1s right after the client disconnected.',
    appLogPath: '/tmp/app.log',
    appLogTail: ['INFO:     Started server process [1]'],
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
const hungResult = (): TriageResult => result({ verdict: 'hung', capture: { method: 'py-spy 0.4.2 (/x/py-spy, found on PATH)', samples: recorded.samples } })

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
    expect(report).toContain('[`app/api/routes/stream.py:19`](https://github.com/acme/shop/blob/abc/app/api/routes/stream.py#L19) in `event_generator`')
    expect(report).toContain('- **Waiting for:** 1 worker thread(s) still running `fetch_feed (app/services/feeds.py:33)`')
  })

  it('shows the source around the culprit with the line marked', () => {
    const { report } = hungCase()
    expect(report).toContain('> 19 |         with ThreadPoolExecutor(max_workers=len(SOURCES)) as pool:')
    expect(report).toContain('  18 |         loop = asyncio.get_running_loop()')
  })

  it("gives the fix as a change of the app's own block, where it stands, with its names", () => {
    const { report } = hungCase()
    const fix = report.slice(report.indexOf('### Fix'))
    expect(fix).toContain('**The change** in [`app/api/routes/stream.py:19`](https://github.com/acme/shop/blob/abc/app/api/routes/stream.py#L19) in `event_generator`')
    expect(fix).toContain('**Before**\n\n```python\nwith ThreadPoolExecutor(max_workers=len(SOURCES)) as pool:\n    pending = [loop.run_in_executor(pool, fetch_feed, source) for source in SOURCES]')
    expect(fix).toContain('**After**\n\n```python\npool = ThreadPoolExecutor(max_workers=len(SOURCES))\ntry:\n    pending = [loop.run_in_executor(pool, fetch_feed, source) for source in SOURCES]')
    expect(fix).toContain('finally:\n    # the client may be gone: do not wait for the pool (Python >= 3.9)\n    pool.shutdown(wait=False, cancel_futures=True)\n```')
    expect(fix).not.toMatch(/\bwork, item\b|\bjobs\b/)
  })

  it('says what trying the change showed, or why it was not tried', () => {
    const { diagnosis, fix } = hungCase()
    const tried = reportOf({
      result: hungResult(),
      diagnosis,
      fix,
      verification: { applied: fix.primary?.edits ?? [], verdict: 'healthy', slowestProbeMs: 6.4, probes: 27, durationMs: 2100 }})
    expect(tried).toContain('✅ **Tried:** the change was applied to a scratch copy of the app and the same cycles run again: `/health` then answered in 6 ms or less in every probe (27 probes).')
    const skipped = reportOf({ result: hungResult(), diagnosis, fix, verification: { applied: [], skipped: 'no time is left', durationMs: 0 }})
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
    expect(footer).toBe(`<sub>Route: \`GET /api/news/stream\` · health: \`/health\` · verdict after 2.3s · backend-hang-debug ${manifest.version} · [workflow run](https://github.com/acme/shop/actions/runs/1)</sub>`)
  })
})

describe('renderReport: what the samples and the phase say', () => {
  const patternsScope = { appRoot: '/home/runner/work/patterns/patterns', libraryRoots: ['/home/runner/work/patterns/patterns/.venv'] }
  function reportFor(name: string, phase: ProbeResult['phase'], sentAtMs: number): string {
    const samples = loadRecorded(name).samples
    const hangProbe = { ...probe(phase, 1, 1000, 'timeout'), sentAtMs }
    return reportOf({
      result: { ...hungResult(), hang: { phase, cycle: 1, probe: hangProbe }, capture: { method: 'py-spy', samples } },
      diagnosis: diagnose({ samples, scope: patternsScope, readLines: recordedSourceLines})
    })
  }

  it('says how long the loop stayed in one place, relative to the unanswered probe', () => {
    const samples = loadRecorded('sync-io').samples
    const sentAt = (samples[0]?.takenAtMs ?? 0) - 300
    const span = Math.round((samples.at(-1)?.takenAtMs ?? 0) - (samples[0]?.takenAtMs ?? 0))
    const report = reportFor('sync-io', 'after-abort', sentAt)
    expect(report).toMatch(new RegExp(`at the same place in 3 of 3 samples, taken 300ms–\\d+ms after the unanswered probe was sent \\(waiting in the same place for at least ${span}ms\\)`))
    expect(report).toContain('- **Began:** when the client disconnected')
  })

  it('names the helper and the route line that called it', () => {
    const report = reportFor('sync-io', 'after-abort', 0)
    expect(report).toMatch(/- \*\*Culprit:\*\* \[`app\/services\/upstream.py:7`\]\([^)]+#L7\) in `fetch_status`/)
    expect(report).toMatch(/- \*\*Called from:\*\* \[`app\/main.py:\d+`\]\([^)]+\) in `events`/)
  })

  it('says a hang between two events began while the stream was open', () => {
    expect(reportFor('sync-sleep', 'during-stream', 0)).toContain('- **Began:** while the stream was still open (a blocking call between two events), not at the disconnect')
  })

  it('says the loop was running, not waiting, for cpu-bound work', () => {
    expect(reportFor('cpu-bound', 'after-abort', 0)).toContain('running Python (not waiting) in 3 of 3 samples')
  })

  it("lists where the pool's threads are parked when the pool is exhausted", () => {
    expect(reportFor('threadpool-exhausted', 'during-stream', 0)).toMatch(/- \*\*Pool threads:\*\* 2 busy in `events \(app\/main.py:\d+\) ×2`/)
  })
})

describe('renderReport for other verdicts', () => {
  it('shows the app output first when the app never started', () => {
    const report = reportOf({
      result: result({
        verdict: 'startup-failed',
        headline: 'The app exited (exit code 1) before `/health` answered.',
        baseline: [],
        cycles: [],
        appLogTail: ['Traceback (most recent call last):', "ModuleNotFoundError: No module named 'x'"]})
    })
    expect(report).toContain('## ⛔ backend-hang-debug: startup-failed')
    expect(report).toContain("### App output (last 2 lines)\n\n```\nTraceback (most recent call last):\nModuleNotFoundError: No module named 'x'\n```")
    expect(report).not.toContain('### Probe timings')
  })

  it('says plainly that no stacks were captured, with the reason', () => {
    const report = reportOf({
      result: { ...hungResult(), capture: { method: 'none', samples: [], unavailable: 'stack capture is turned off (py-spy: off)' } },
      diagnosis: diagnose({ samples: [], scope: { appRoot: '/a', libraryRoots: [] }, readLines: () => undefined})
    })
    expect(report).toContain('**No stacks were captured:** stack capture is turned off (py-spy: off).')
    expect(report).toContain('### Probe timings')
    expect(report).not.toContain('### Fix')
  })

  it('shows a healthy run with its timings', () => {
    const healthy = result({ cycles: [{ cycle: 1, streams: [], probes: [probe('during-stream', 1, 3), probe('after-abort', 1, 4)] }], headline: 'all good' })
    const report = reportOf({ result: healthy})
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
        probes: [probe('during-stream', cycle, 2), probe('during-stream', cycle, 7 * cycle), probe('after-abort', cycle, 3), probe('after-abort', cycle, 40 + cycle), probe('after-abort', cycle, 5)]
      }))
    })
    expect(latencyChart(watched)).toContain('x-axis ["B1", "B2", "B3", "S1", "A1", "S2", "A2"]')
    expect(latencyChart(watched)).toContain('bar [3, 1, 1, 7, 41, 14, 42]')
  })
})

describe('a stalled run (recorded: a sync metrics flush at each disconnect)', () => {
  /** The recorded stalls judged, diagnosed and reported; computed in each test, as hungCase(). */
  function stallCase() {
    const recorded = loadRecorded('stall-sync-sleep')
    const scope = { appRoot: recorded.appRoot, libraryRoots: [`${recorded.appRoot}/.venv`] }
    const judged = recorded.slowProbes.map(slow => {
      const evidence = judgeSlowProbe(slow, scope)
      if (!evidence) throw new Error('the recorded stall should be judged a stall')
      const diagnosis = diagnose({ samples: evidence.agreeing, scope, readLines: recordedSourceLines })
      const stall: Stall = {
        cycle: slow.probe.cycle,
        phase: slow.probe.phase,
        startMs: slow.probe.sentAtMs,
        durationMs: slow.probe.latencyMs,
        samples: evidence.marks,
        pattern: diagnosis.pattern,
        culprit: `${diagnosis.culprit?.path}:${diagnosis.culprit?.line}`
      }
      return { stall, diagnosis }
    })
    const stalls = judged.map(j => j.stall)
    const observed = result({
      cycles: [1, 2, 3].map(cycle => ({ cycle, streams: [], probes: [probe('during-stream', cycle, 3), probe('after-abort', cycle, 1504)] })),
      slowProbes: recorded.slowProbes,
      stallThresholdMs: 500
    })
    const settings = { healthPath: '/health' }
    const stalled = withStalls(observed, stalls, settings)
    const longest = judged.reduce((a, b) => (b.stall.durationMs > a.stall.durationMs ? b : a))
    const report = reportOf({
      result: stalled,
      diagnosis: longest.diagnosis,
      fix: proposeFix(longest.diagnosis, scope, recordedSourceLines)})
    return { stalls, observed, settings, stalled, report }
  }

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
    expect(report).toMatch(/- \*\*Event loop:\*\* thread "MainThread" of pid \d+, at the same place in \d of \d samples, taken 16\dms–[\d.]+m?s after the slow probe was sent/)
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
    for (const row of rows) expect(row).toMatch(/\| 1\.5\d?s \| `sync-sleep` \| `app\/services\/metrics\.py:\d+` \| (\d+) of \1 \|$/)
  })

  it('says of slow probes that were no stall that they got no verdict', () => {
    const noise = loadRecorded('slow-health-noise')
    const healthy = result({ slowProbes: noise.slowProbes, stallThresholdMs: 100, headline: 'all good' })
    const text = reportOf({ result: healthy}, '/slow-health')
    expect(text).toContain(`${noise.slowProbes.length} probe(s) took 100ms (stall-threshold) or more, but the stacks sampled while they waited did not show the loop blocked`)
    expect(text).not.toContain('### Stalls')
  })
})

describe('codeBlock', () => {
  it('uses a fence longer than any backtick run in the content', () => {
    expect(codeBlock('a ``` b')).toBe('````\na ``` b\n````')
    expect(codeBlock('plain', 'python')).toBe('```python\nplain\n```')
  })
})
