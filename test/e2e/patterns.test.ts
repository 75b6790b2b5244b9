// The whole catalog live: each pattern's route of test/fixtures/apps/patterns
// run through the bundled action under real uvicorn (whose default loop is
// uvloop here, as with uvicorn[standard]) with real py-spy, and the healthy
// controls that must never be reported as hung.

import * as fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { samplesFromEvidence, type StackEvidence } from '../../src/analysis/py-spy-dump.js'
import { prepareApp } from '../support/fixture-app.js'
import { PATTERN_CASES } from '../support/pattern-cases.js'
import { runAction } from '../support/run-action.js'

const BEGAN = { 'during-stream': 'while the stream was still open', 'after-abort': 'when the client disconnected', baseline: 'before any stream' }

// side by side (vitest runs up to 5 at once): each mostly waits out its 1 s timeout
describe.concurrent('every pattern of the catalog, live', () => {
  it.each(PATTERN_CASES)('$pattern', async c => {
    const app = await prepareApp('patterns')
    const run = await runAction({
      inputs: { ...app.inputs, 'stream-path': c.streamPath, comment: 'never', ...c.inputs },
      env: app.env
    })
    expect(run.code, run.stdout).toBe(1)
    expect(run.outputs).toMatchObject({ verdict: 'hung', pattern: c.pattern, culprit: `${c.culprit.path}:${c.culprit.line}` })

    const report = fs.readFileSync(run.outputs['report-path'] as string, 'utf8')
    expect(report).toContain(`- **Began:** ${BEGAN[c.phase]}`)
    if (c.entry) expect(report).toMatch(new RegExp(`- \\*\\*Called from:\\*\\* \\[?\`${c.entry.path}:${c.entry.line}\``))
    expect(report).toContain('### Fix')

    // several samples while the probe waited, all of the loop thread at the same place
    const samples = samplesFromEvidence(JSON.parse(fs.readFileSync(run.outputs['dump-path'] as string, 'utf8')) as StackEvidence)
    expect(samples.length).toBeGreaterThanOrEqual(2)
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe('healthy controls under the same probing', () => {
  it('a health route that is slow but answers within the timeout is healthy', async () => {
    const app = await prepareApp('patterns')
    const run = await runAction({
      inputs: { ...app.inputs, 'stream-path': '/ticks/stream', 'health-path': '/slow-health', comment: 'never' },
      env: app.env
    })
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs).toMatchObject({ verdict: 'healthy', pattern: '' })
    expect(Number(run.outputs['health-latency-ms'])).toBeGreaterThanOrEqual(300)
    expect(app.leftoverProcesses()).toEqual([])
  })
})
