// The stall judgement on recorded dumps: a slow probe is a stall only when
// two samples agree that the app (or a call the catalog knows) held the loop.

import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/analysis/classify.js'
import { judgeSlowProbe } from '../../src/analysis/stalls.js'
import type { SlowProbe } from '../../src/core/model.js'
import { fixturesDir, lineOf } from '../support/paths.js'
import { loadRecorded, recordedSourceLines } from '../support/recorded-dumps.js'
import type { StackSample } from '../../src/core/diagnosis.js'

const PATTERNS = '/home/runner/work/patterns/patterns'
const scope = { appRoot: PATTERNS, libraryRoots: [`${PATTERNS}/.venv`] }
const patternsApp = path.join(fixturesDir, 'apps/patterns')
const sleepLine = lineOf(path.join(patternsApp, 'app/services/metrics.py'), 'time.sleep(FLUSH_SECONDS)')
const flushCallLine = lineOf(path.join(patternsApp, 'app/main.py'), 'metrics.flush()')

const stalled = loadRecorded('stall-sync-sleep')
const noise = loadRecorded('slow-health-noise')

/** A sample whose loop thread keeps only the frames that are not the app's (as if caught in the framework's code). */
function withoutAppFrames(sample: StackSample): StackSample {
  return {
    ...sample,
    processes: sample.processes.map(p => ({
      ...p,
      threads: p.threads.map(t => ({ ...t, frames: t.frames.filter(f => !f.file.startsWith(`${PATTERNS}/app/`)) }))
    }))
  }
}

function slow(samples: StackSample[]): SlowProbe {
  return { probe: { phase: 'after-abort', cycle: 1, sentAtMs: 0, latencyMs: 900, outcome: 'ok', status: 200 }, samples }
}

describe('judgeSlowProbe on a recorded stall (a sync metrics flush at the disconnect)', () => {
  it('has three slow probes, each with several samples', () => {
    expect(stalled.slowProbes).toHaveLength(3)
    for (const s of stalled.slowProbes) expect(s.samples.length).toBeGreaterThanOrEqual(4)
  })

  it('judges each a stall, with every sample blocked in the helper', () => {
    for (const s of stalled.slowProbes) {
      const evidence = judgeSlowProbe(s, scope)
      expect(evidence).toBeDefined()
      expect(evidence?.marks.map(m => m.loopAt)).toEqual(
        s.samples.map(() => `flush (app/services/metrics.py:${sleepLine})`)
      )
      expect(evidence?.marks.every(m => m.blocked)).toBe(true)
      expect(evidence?.agreeing).toEqual(s.samples)
    }
  })

  it('diagnoses the agreeing samples as sync-sleep at the helper, called from the generator', () => {
    const evidence = judgeSlowProbe(stalled.slowProbes[0] as SlowProbe, scope)
    const d = diagnose({ samples: evidence?.agreeing ?? [], scope, readLines: recordedSourceLines })
    expect(d.pattern).toBe('sync-sleep')
    expect(d.culprit).toMatchObject({ path: 'app/services/metrics.py', line: sleepLine, function: 'flush' })
    expect(d.entry).toMatchObject({ path: 'app/main.py', line: flushCallLine })
  })
})

describe('judgeSlowProbe on slow probes that are not stalls', () => {
  it('a slow health route (await asyncio.sleep): the loop is idle in every sample, so no probe is a stall', () => {
    expect(noise.slowProbes.length).toBeGreaterThanOrEqual(3)
    for (const s of noise.slowProbes) {
      expect(s.samples.length).toBeGreaterThanOrEqual(2)
      expect(judgeSlowProbe(s, scope)).toBeUndefined()
    }
    // and what a stall judgement sees there: idle, not blocked
    const idle = noise.slowProbes.flatMap(s => s.samples)
    const marks = judgeSlowProbe(slow([...idle, ...stalled.samples.slice(0, 2)]), scope)?.marks ?? []
    expect(marks.slice(0, idle.length).every(m => !m.blocked && m.loopAt === 'idle')).toBe(true)
  })

  it('one blocked sample among idle ones is a moment caught in passing, not a stall', () => {
    const idle = noise.slowProbes[0]?.samples ?? []
    expect(judgeSlowProbe(slow([...idle, stalled.samples[0] as StackSample]), scope)).toBeUndefined()
    expect(judgeSlowProbe(slow([...idle, ...stalled.samples.slice(0, 2)]), scope)).toBeDefined()
  })

  it('two blocked samples at different places of the app do not agree', () => {
    const elsewhere = loadRecorded('sync-sleep').samples[0] as StackSample
    const verdict = judgeSlowProbe(slow([stalled.samples[0] as StackSample, elsewhere]), scope)
    expect(verdict).toBeUndefined()
  })

  it("the framework's own code on the loop, with no app frame and no known blocking call, is not the app's stall", () => {
    const framework = stalled.samples.slice(0, 4).map(withoutAppFrames)
    const evidence = judgeSlowProbe(slow(framework), scope)
    expect(evidence).toBeUndefined()
  })

  it('marks each sample as the report shows it: no loop, the framework caught in passing, the app blocked', () => {
    const [first, second] = stalled.samples as [StackSample, StackSample]
    const noLoop: StackSample = { ...first, processes: first.processes.map(p => ({ ...p, threads: [] })) }
    const framework = withoutAppFrames(first)
    const evidence = judgeSlowProbe(slow([noLoop, framework, first, second]), scope)
    expect(evidence?.marks.map(m => [m.blocked, m.loopAt])).toEqual([
      [false, 'no event loop thread in the stacks'],
      [false, expect.not.stringMatching(/^(idle|)$/)],
      [true, `flush (app/services/metrics.py:${sleepLine})`],
      [true, `flush (app/services/metrics.py:${sleepLine})`]
    ])
    expect(evidence?.marks.map(m => m.atMs)).toEqual([noLoop, framework, first, second].map(x => x.takenAtMs))
  })

  it('rests on the place most samples agree on, when two places each have agreeing samples', () => {
    const elsewhere = loadRecorded('sync-sleep').samples as StackSample[]
    const evidence = judgeSlowProbe(slow([...elsewhere.slice(0, 2), ...stalled.samples.slice(0, 3)]), scope)
    expect(evidence?.agreeing).toEqual(stalled.samples.slice(0, 3))
    const fewer = judgeSlowProbe(slow([...stalled.samples.slice(0, 2), ...elsewhere.slice(0, 3)]), scope)
    expect(fewer?.agreeing).toEqual(elsewhere.slice(0, 3))
  })

  it('a call the catalog knows (Thread.join) counts as blocked even when no app frame is on the loop', () => {
    const joins = loadRecorded('thread-join').samples.map(withoutAppFrames)
    const evidence = judgeSlowProbe(slow(joins), scope)
    expect(evidence?.marks.every(m => m.blocked && /threading\.py/.test(m.loopAt))).toBe(true)
  })
})
