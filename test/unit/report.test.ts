import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/analysis/classify.js'
import type { ProbeResult, TriageResult } from '../../src/model.js'
import { codeBlock, latencyChart, renderReport, type ReportLinks } from '../../src/report.js'
import { loadRecorded, recordedSourceLines } from '../support/recorded-dumps.js'

const links: ReportLinks = {
  run: 'https://github.com/acme/shop/actions/runs/1',
  pattern: id => `https://example.test/README.md#${id}`,
  source: (p, line) => `https://github.com/acme/shop/blob/abc/${p}#L${line}`
}

function probe(phase: ProbeResult['phase'], cycle: number, latencyMs: number, outcome: ProbeResult['outcome'] = 'ok'): ProbeResult {
  return { phase, cycle, sentAtMs: 0, latencyMs, outcome, ...(outcome === 'http-error' ? { status: 500 } : {}) }
}

function result(overrides: Partial<TriageResult>): TriageResult {
  return {
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
    ...overrides
  }
}

const recorded = loadRecorded('news-app-asyncio')
const hungDiagnosis = diagnose({
  samples: recorded.samples,
  scope: { appRoot: recorded.appRoot, libraryRoots: [`${recorded.appRoot}/.venv`] },
  readLines: recordedSourceLines
})
const hung = result({ verdict: 'hung', capture: { method: 'py-spy 0.4.2 (/x/py-spy, found on PATH)', samples: recorded.samples } })

describe('renderReport for a hang', () => {
  const report = renderReport({ result: hung, diagnosis: hungDiagnosis, healthPath: '/health', stream: 'GET /api/news/stream', links })

  it('leads with the verdict, the linked pattern and the linked culprit', () => {
    expect(report.startsWith('## 🛑 backend-hang-debug: hung: `executor-shutdown-wait`\n')).toBe(true)
    expect(report).toContain('[`executor-shutdown-wait`](https://example.test/README.md#executor-shutdown-wait)')
    expect(report).toContain('[`app/api/routes/stream.py:19`](https://github.com/acme/shop/blob/abc/app/api/routes/stream.py#L19) in `event_generator`')
    expect(report).toContain('- **Waiting for:** 1 worker thread(s) still running `fetch_feed (app/services/feeds.py:33)`')
  })

  it('shows the source around the culprit with the line marked', () => {
    expect(report).toContain('> 19 |         with ThreadPoolExecutor(max_workers=len(SOURCES)) as pool:')
    expect(report).toContain('  18 |         loop = asyncio.get_running_loop()')
  })

  it('gives the fix with the executor as the app names it', () => {
    const fix = report.slice(report.indexOf('### Fix'))
    expect(fix).toContain('pool = ThreadPoolExecutor(max_workers=len(SOURCES))')
    expect(fix).toContain('pool.shutdown(wait=False, cancel_futures=True)  # Python >= 3.9')
    expect(fix).toContain('future.cancel()')
    expect(fix).toContain('asyncio.to_thread')
  })

  it('shows a timed-out probe as more than the timeout, not as the timeout', () => {
    expect(report).toContain('| right after the abort | 1 | > 1s (timeout) | > 1s (timeout) |')
    expect(report).toContain('| baseline (no stream) | 3 | 1.2 ms | 2.5 ms |')
  })

  it('collapses the other threads and keeps the loop stack open', () => {
    expect(report).toContain('<details open>\n<summary>Event loop thread stack</summary>')
    expect(report).toContain('<details>\n<summary>Other threads (1)</summary>')
    expect(report).toContain('    event_generator (app/api/routes/stream.py:19)')
  })

  it('links the run', () => {
    expect(report).toContain('[workflow run](https://github.com/acme/shop/actions/runs/1)')
  })
})

describe('renderReport: what the samples and the phase say', () => {
  const patternsScope = { appRoot: '/home/runner/work/patterns/patterns', libraryRoots: ['/home/runner/work/patterns/patterns/.venv'] }
  function reportFor(name: string, phase: ProbeResult['phase'], sentAtMs: number): string {
    const samples = loadRecorded(name).samples
    const hangProbe = { ...probe(phase, 1, 1000, 'timeout'), sentAtMs }
    return renderReport({
      result: { ...hung, hang: { phase, cycle: 1, probe: hangProbe }, capture: { method: 'py-spy', samples } },
      diagnosis: diagnose({ samples, scope: patternsScope, readLines: recordedSourceLines }),
      healthPath: '/health',
      stream: 'GET /s',
      links
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
    const report = renderReport({
      result: result({
        verdict: 'startup-failed',
        headline: 'The app exited (exit code 1) before `/health` answered.',
        baseline: [],
        cycles: [],
        appLogTail: ['Traceback (most recent call last):', "ModuleNotFoundError: No module named 'x'"]
      }),
      healthPath: '/health',
      stream: 'GET /s',
      links
    })
    expect(report).toContain('## ⛔ backend-hang-debug: startup-failed')
    expect(report).toContain("### App output (last 2 lines)\n\n```\nTraceback (most recent call last):\nModuleNotFoundError: No module named 'x'\n```")
    expect(report).not.toContain('### Probe timings')
  })

  it('says plainly that no stacks were captured, with the reason', () => {
    const report = renderReport({
      result: { ...hung, capture: { method: 'none', samples: [], unavailable: 'stack capture is turned off (py-spy: off)' } },
      diagnosis: diagnose({ samples: [], scope: { appRoot: '/a', libraryRoots: [] }, readLines: () => undefined }),
      healthPath: '/health',
      stream: 'GET /s',
      links
    })
    expect(report).toContain('**No stacks were captured:** stack capture is turned off (py-spy: off).')
    expect(report).toContain('### Probe timings')
    expect(report).not.toContain('### Fix')
  })

  it('shows a healthy run with its timings', () => {
    const healthy = result({ cycles: [{ cycle: 1, streams: [], probes: [probe('during-stream', 1, 3), probe('after-abort', 1, 4)] }], headline: 'all good' })
    const report = renderReport({ result: healthy, healthPath: '/health', stream: 'GET /s', links })
    expect(report).toContain('## ✅ backend-hang-debug: healthy')
    expect(report).toContain('| right after the abort | 1 | 4.0 ms | 4.0 ms |')
    expect(report).not.toContain('### Fix')
  })
})

describe('latencyChart', () => {
  it('plots every probe, capped at the timeout, with the timeout as a line', () => {
    expect(latencyChart(hung)).toContain('x-axis ["B1", "B2", "B3", "S1", "A1"]')
    expect(latencyChart(hung)).toContain('bar [3, 1, 1, 3, 1000]')
    expect(latencyChart(hung)).toContain('line [1000, 1000, 1000, 1000, 1000]')
    expect(latencyChart(hung)).toContain('y-axis "ms" 0 --> 1100')
  })
})

describe('codeBlock', () => {
  it('uses a fence longer than any backtick run in the content', () => {
    expect(codeBlock('a ``` b')).toBe('````\na ``` b\n````')
    expect(codeBlock('plain', 'python')).toBe('```python\nplain\n```')
  })
})
