// merge-results, pure: result files read back and checked (a file that is
// not ours, or of another format, is refused with what was expected), the
// shards merged into the worst verdict and every route, and the merged
// report that carries each broken route's diagnosis and fix.

import { describe, expect, it } from 'vitest'
import type { FixProposal } from '../../src/core/diagnosis.js'
import {
  mergedDocument,
  mergedRoutesOutput,
  mergeResults,
  parseResultFile,
  renderMergedReport,
  type JobResult
} from '../../src/report/merged-results.js'
import { RESULT_FORMAT, type ResultDocument, type RouteDocument } from '../../src/report/result-document.js'

const links = {
  pattern: (id: string) => `https://example.test/README.md#${id}`,
  source: (file: string, line: number) => `https://example.test/blob/abc/${file}#L${line}`,
  run: 'https://example.test/runs/7'
}

const FIX: FixProposal = {
  pattern: 'sync-sleep',
  advice: 'Await instead of sleeping.',
  primary: {
    summary: 'await `asyncio.sleep`',
    where: { path: 'app/main.py', line: 12, function: 'feed' },
    edits: [
      {
        file: '/elsewhere/app/main.py',
        path: 'app/main.py',
        firstLine: 12,
        lastLine: 12,
        before: ['    time.sleep(2)'],
        after: ['    await asyncio.sleep(2)']
      }
    ]
  },
  notes: []
}

function routeDoc(path: string, verdict: RouteDocument['verdict'], slowestProbeMs = 4): RouteDocument {
  const broken = verdict !== 'healthy'
  return {
    method: 'GET',
    path,
    found: 'sniffed',
    verdict,
    pattern: broken ? 'sync-sleep' : '',
    culprit: broken ? 'app/main.py:12' : '',
    slowestProbeMs,
    headline: `${path} was ${verdict}`,
    timings: {
      slowestProbeMs,
      stallThresholdMs: 500,
      settle: { ms: 300, given: false },
      ...(verdict === 'stalled' ? { longestStallMs: 1200 } : {})
    },
    ...(verdict === 'hung'
      ? {
          hang: {
            cycle: 1,
            phase: 'after-abort',
            probe: { phase: 'after-abort', cycle: 1, sentAtMs: 10, latencyMs: 2000, outcome: 'timeout' }
          }
        }
      : {}),
    stalls: [],
    baseline: [],
    cycles: [],
    ...(broken
      ? {
          diagnosis: {
            pattern: 'sync-sleep',
            culprit: { path: 'app/main.py', absolutePath: '/elsewhere/app/main.py', line: 12, function: 'feed' },
            blockingCall: '`time.sleep(2)`',
            explanation: 'time.sleep blocks the loop.'
          } as RouteDocument['diagnosis'],
          fix: {
            ...FIX,
            verification: { applied: [], verdict: 'healthy', slowestProbeMs: 6, probes: 9, durationMs: 900 }
          }
        }
      : {}),
    warnings: []
  } as RouteDocument
}

function shardDoc(index: number, count: number, routes: RouteDocument[], extra: Partial<ResultDocument> = {}): string {
  const worst = routes.find(r => r.verdict === 'hung') ?? routes.find(r => r.verdict === 'stalled')
  return JSON.stringify({
    format: RESULT_FORMAT,
    version: '9.9.9',
    verdict: worst?.verdict ?? 'healthy',
    headline: worst ? worst.headline : 'all healthy',
    healthPath: '/healthz',
    pattern: worst?.pattern ?? '',
    culprit: worst?.culprit ?? '',
    routes,
    notChecked: [],
    shard: { index, count, routes: routes.length, total: 12 },
    warnings: [],
    files: { report: 'report.md', result: 'result.json', appLog: 'app.log' },
    ...extra
  })
}

const job = (text: string, source: string): JobResult => ({ source, document: parseResultFile(text, source) })

describe('parseResultFile', () => {
  it('reads a result file of this format', () => {
    const doc = parseResultFile(shardDoc(1, 2, [routeDoc('/a', 'healthy')]), 'a/result.json')
    expect(doc.routes.map(r => r.path)).toEqual(['/a'])
  })

  it.each([
    ['not JSON', '{"format"', /^merge-results: s1\/result\.json is not JSON \(.*\); give the result\.json files/],
    [
      'a JSON file of something else',
      '{"name":"package"}',
      'merge-results: s1/result.json is not a result file of backend-hang-debug: it has no "format": "backend-hang-debug/result@1"; give the result.json files the runs wrote (their result-path output), or the folders holding them.'
    ],
    [
      'another version of the format',
      JSON.stringify({ format: 'backend-hang-debug/result@2', version: '5.0.0' }),
      /^merge-results: s1\/result\.json was written in the result format backend-hang-debug\/result@2 \(by backend-hang-debug 5\.0\.0\); this one \(.+\) reads backend-hang-debug\/result@1\. Merge the results of jobs that ran one version of the action\.$/
    ],
    [
      'a verdict that is not one',
      shardDoc(1, 2, [], { verdict: 'frozen' as never }),
      'merge-results: s1/result.json is not a whole result file: its verdict "frozen" is not one of the verdicts.'
    ],
    [
      'no routes',
      shardDoc(1, 2, [], { routes: 'all' as never }),
      'merge-results: s1/result.json is not a whole result file: it has no list of routes.'
    ],
    [
      'a route without a verdict',
      shardDoc(1, 2, [{ method: 'GET', path: '/a' } as never]),
      'merge-results: s1/result.json is not a whole result file: a route in it has no method, path or verdict.'
    ]
  ])('refuses %s, saying what it expected', (_, text, message) => {
    expect(() => parseResultFile(text, 's1/result.json')).toThrow(message)
  })
})

describe('mergeResults', () => {
  const twelve = Array.from({ length: 12 }, (_, i) => `/r${String(i + 1).padStart(2, '0')}`)
  const shards = (count: number, broken: Record<string, RouteDocument['verdict']>) =>
    Array.from({ length: count }, (_, k) =>
      job(
        shardDoc(
          k + 1,
          count,
          twelve.filter((_, i) => i % count === k).map(p => routeDoc(p, broken[p] ?? 'healthy'))
        ),
        `shard-${k + 1}/result.json`
      )
    )

  it('takes the worst verdict, every route of every shard once, and the first route with that verdict', () => {
    const merged = mergeResults(shards(4, { '/r06': 'stalled', '/r07': 'hung', '/r11': 'hung' }).reverse())
    expect(merged.verdict).toBe('hung')
    expect(merged.jobs.map(j => j.label)).toEqual(['1/4', '2/4', '3/4', '4/4'])
    expect(merged.routes.map(r => r.path).sort()).toEqual(twelve)
    expect(merged.routes.find(r => r.path === '/r07')?.job).toBe('3/4')
    expect(merged.decisive?.path).toBe('/r07')
    expect(merged.missingShards).toEqual([])
    expect(merged.headline).toBe('3/4: /r07 was hung 3 of the 12 routes checked are broken; each is below.')
    expect(merged.healthPath).toBe('/healthz')
    expect(mergedRoutesOutput(merged)).toHaveLength(12)
    expect(mergedDocument(merged)).toMatchObject({
      format: RESULT_FORMAT,
      merged: true,
      verdict: 'hung',
      culprit: 'app/main.py:12'
    })
  })

  it('is healthy only when every shard is, and says so', () => {
    const merged = mergeResults(shards(3, {}))
    expect(merged).toMatchObject({
      verdict: 'healthy',
      headline: 'Every route was healthy: 12 route(s) checked in 3 job(s).'
    })
    expect(merged.decisive).toBeUndefined()
  })

  it('names the shards that gave no result: their routes were not checked', () => {
    const [first, , third] = shards(4, {})
    const merged = mergeResults([first as JobResult, third as JobResult])
    expect(merged.missingShards).toEqual(['2/4', '4/4'])
    expect(merged.warnings.slice(0, 1)).toEqual([
      'No result was given for shard 2/4: its routes were not checked (did its job fail before it wrote one?).'
    ])
  })

  it('refuses a shard given twice, shards of different splits, and nothing at all', () => {
    const [a, b] = shards(2, {})
    expect(() =>
      mergeResults([a as JobResult, { ...(a as JobResult), source: 'again/result.json' }, b as JobResult])
    ).toThrow(
      "merge-results: shard 1/2 is given twice, in shard-1/result.json and again/result.json; give each shard's result once."
    )
    const [c] = shards(3, {})
    expect(() => mergeResults([a as JobResult, c as JobResult])).toThrow(
      'merge-results: the results are of different splits: shard-1/result.json is shard 1/2, shard-1/result.json is shard 1/3.'
    )
    expect(() => mergeResults([])).toThrow(/^merge-results: no result file was found/)
  })
})

describe('renderMergedReport', () => {
  it('lists every route with its shard, and each broken route with its diagnosis and tried fix', () => {
    const merged = mergeResults([
      job(shardDoc(1, 2, [routeDoc('/a', 'healthy'), routeDoc('/c', 'hung', 2000)]), 's1'),
      job(
        shardDoc(2, 2, [routeDoc('/b', 'stalled', 1300)], {
          routes: [
            routeDoc('/b', 'stalled', 1300),
            { method: 'GET', path: '/d', found: 'sniffed', verdict: 'not-checked', reason: 'max-routes (1) cut it' }
          ] as never
        }),
        's2'
      )
    ])
    const report = renderMergedReport(merged, links)
    expect(report.split('\n').slice(0, 14)).toEqual([
      '## 🛑 backend-hang-debug: hung: `sync-sleep`',
      '',
      '1/2: /c was hung 2 of the 3 routes checked are broken; each is below.',
      '',
      '### Routes',
      '',
      '4 route(s) from 2 job(s) (2 shard(s) of 2), merged.',
      '',
      '| route | job | verdict | slowest probe |',
      '|---|---|---|---:|',
      '| `GET /a` | 1/2 | ✅ healthy | 4 ms |',
      '| `GET /c` | 1/2 | 🛑 hung: `sync-sleep` | 2000 ms |',
      '| `GET /b` | 2/2 | 🟠 stalled: `sync-sleep` | 1300 ms |',
      '| `GET /d` | 2/2 | not checked: max-routes (1) cut it | — |'
    ])
    expect(report).toContain('### 🛑 `GET /c`: hung: `sync-sleep` (1/2)')
    expect(report).toContain('### 🟠 `GET /b`: stalled: `sync-sleep` (2/2)')
    expect(report).toContain(
      '- **Culprit:** [`app/main.py:12`](https://example.test/blob/abc/app/main.py#L12) in `feed`'
    )
    expect(report).toContain('- **Lasted:** 1.2s (the longest stall)')
    expect(report).toContain('**The change** in [`app/main.py:12`]')
    expect(report).toContain(
      '✅ **Tried:** the change was applied to a scratch copy of the app and the route checked again: `/healthz` then answered in 6 ms or less in every probe (9 probes).'
    )
    expect(report).toContain('[workflow run](https://example.test/runs/7)')
    expect(report).not.toContain('### ✅')
  })

  it('says when a shard gave no result, and shows a job that checked no route', () => {
    const merged = mergeResults([
      job(shardDoc(1, 3, [], { verdict: 'startup-failed', headline: 'The app did not answer in 60s.' }), 's1')
    ])
    const report = renderMergedReport(merged, links)
    expect(report).toContain('⚠️ **No result for shard 2/3:** its routes were not checked.')
    expect(report).toContain('⚠️ **No result for shard 3/3:** its routes were not checked.')
    expect(report).toContain('⛔ **1/3** (s1): The app did not answer in 60s.')
  })
})
