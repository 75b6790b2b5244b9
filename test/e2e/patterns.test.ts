// The whole catalog live: each pattern's route of test/fixtures/apps/patterns
// run through the bundled action under real uvicorn (whose default loop is
// uvloop here, as with uvicorn[standard]) with real py-spy, and the healthy
// controls that must never be reported as hung.

import * as fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as path from 'node:path'
import { samplesFromEvidence, type StackEvidence } from '../../src/analysis/py-spy-dump.js'
import { prepareApp } from '../support/fixture-app.js'
import { PATTERN_CASES, patternsAppDir } from '../support/pattern-cases.js'
import { runAction } from '../support/run-action.js'
import type { ProbePhase } from '../../src/core/model.js'
import type { ResultDocument } from '../../src/report/result-document.js'

const BEGAN: Record<ProbePhase, string> = {
  'during-stream': 'while the stream was still open',
  'after-abort': 'when the client disconnected',
  baseline: 'before the route was opened',
  'after-sniff': 'when discovery opened and closed the route',
  'before-first-event': 'before the first event',
  idle: 'while idle, between routes'
}

// side by side (maxConcurrency in vitest.config.ts): each mostly waits out its timeout
describe.concurrent('every pattern of the catalog, live', () => {
  it.each(PATTERN_CASES)('$verdict: $pattern ($streamPath)', async c => {
    const app = await prepareApp('patterns')
    const sources = new Map(
      ['app/main.py', 'app/services/jobs.py', 'app/services/metrics.py', 'app/services/upstream.py'].map(f => [
        f,
        fs.readFileSync(path.join(patternsAppDir, f), 'utf8')
      ])
    )
    const run = await runAction({
      inputs: { ...app.inputs, 'stream-path': c.streamPath, comment: 'never', 'health-timeout': '2s', ...c.inputs },
      env: app.env
    })
    expect(run.code, run.stdout).toBe(1)
    expect(run.outputs).toMatchObject({
      verdict: c.verdict,
      pattern: c.pattern,
      culprit: `${c.culprit.path}:${c.culprit.line}`
    })
    expect(run.summary).toMatch(/Stacks captured with py-spy \d/)
    if (c.verdict === 'stalled') {
      // the helper sleeps 1.5 s at each of the 3 disconnects: no probe timed out, and the stall-ms says how long the loop was held
      expect(Number(run.outputs['stall-ms'])).toBeGreaterThanOrEqual(1400)
      expect(Number(run.outputs['stall-ms'])).toBeLessThan(2000)
      expect(run.summary).toMatch(/- \*\*Lasted:\*\* 1\.\d+s \(the longest stall\); 3 stalls in 3 of 3 cycles/)
      expect(run.annotations.find(a => a.level === 'error' && a.properties.file)?.properties.title).toBe(
        `Event loop stalled: ${c.pattern}`
      )
    }

    const report = fs.readFileSync(run.outputs['report-path'] as string, 'utf8')
    const began = /- \*\*Began:\*\* (.*)/.exec(report)?.[1] ?? ''
    expect(
      c.phases.some(phase => began.startsWith(BEGAN[phase])),
      `Began: ${began}`
    ).toBe(true)
    if (c.entry)
      expect(report).toMatch(new RegExp(`- \\*\\*Called from:\\*\\* \\[?\`${c.entry.path}:${c.entry.line}\``))
    expect(report.slice(report.indexOf('### Fix'))).toContain(c.fix)

    // the fix, tried in a scratch copy of the app (verify-fix: auto): healthy, or honestly not
    const result = JSON.parse(fs.readFileSync(run.outputs['result-path'] as string, 'utf8')) as ResultDocument
    if (c.verified === null) {
      expect(result.fix?.primary).toBeUndefined()
      expect(result.fix?.verification).toBeUndefined()
    } else {
      expect(result.fix?.verification, report).toMatchObject({
        verdict: c.verified,
        applied: result.fix?.primary?.edits
      })
      expect(report).toContain(
        c.verified === 'healthy'
          ? '✅ **Tried:**'
          : `⚠️ **Tried:** the change was applied to a scratch copy of the app and the route checked again: still ${c.verified}`
      )
      // honest when unsure: a change that left the loop blocked comes with the next best one
      if (c.verified !== 'healthy') expect(report).toContain(`**Next:** ${c.next ?? ''}`)
      // tried in the scratch copy, never in the user's files
      const change = result.fix?.primary?.edits[0]
      const copy = path.join(run.outputs['evidence-dir'] as string, '../scratch/verify-fix/app', change?.path ?? '')
      expect(fs.readFileSync(copy, 'utf8')).toContain(change?.after.join('\n'))
      expect(fs.readFileSync(path.join(patternsAppDir, change?.path ?? ''), 'utf8')).toBe(
        sources.get(change?.path ?? '')
      )
    }
    // several samples while the probe waited, all of the loop thread at the same place
    const samples = samplesFromEvidence(
      JSON.parse(fs.readFileSync(run.outputs['dump-path'] as string, 'utf8')) as StackEvidence
    )
    expect(samples.length).toBeGreaterThanOrEqual(2)
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe.concurrent('healthy controls under the same probing', () => {
  it.each(PATTERN_CASES.filter(c => c.fixed))('the fixed twin of $streamPath is healthy', async c => {
    const app = await prepareApp('patterns')
    const run = await runAction({
      inputs: { ...app.inputs, 'stream-path': c.fixed as string, comment: 'never', 'health-timeout': '2s' },
      env: app.env
    })
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs).toMatchObject({ verdict: 'healthy', pattern: '', culprit: '', 'stall-ms': '' })
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('a health route that awaits something slow is a slow route, not a stalled loop: sampled, seen idle, no verdict', async () => {
    const app = await prepareApp('patterns')
    const run = await runAction({
      // every probe of the 300 ms route is past this threshold, so each is sampled
      inputs: {
        ...app.inputs,
        'stream-path': '/ticks/stream',
        'health-path': '/slow-health',
        'stall-threshold': '200ms',
        comment: 'never'
      },
      env: app.env
    })
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs).toMatchObject({ verdict: 'healthy', pattern: '', 'stall-ms': '' })
    expect(Number(run.outputs['health-latency-ms'])).toBeGreaterThanOrEqual(300)
    expect(run.summary).toMatch(
      /\d+ probe\(s\) took 200ms \(stall-threshold\) or more, but the stacks sampled while they waited did not show the loop blocked/
    )
    // the samples were taken (and kept as evidence), not skipped
    const samples = samplesFromEvidence(
      JSON.parse(fs.readFileSync(run.outputs['dump-path'] as string, 'utf8')) as StackEvidence
    )
    expect(samples.length).toBeGreaterThanOrEqual(2)
    expect(app.leftoverProcesses()).toEqual([])
  })
})
