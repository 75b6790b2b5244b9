import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/analysis/classify.js'
import { isAppCode, loopShape } from '../../src/analysis/stack-shapes.js'
import { loadRecorded, recordedSourceLines } from '../support/recorded-dumps.js'
import type { StackSample, ThreadStack } from '../../src/core/diagnosis.js'

const SHOP = '/home/runner/work/shop/shop'
const shopScope = { appRoot: SHOP, libraryRoots: [`${SHOP}/.venv`] }

function loopThreadOf(sample: StackSample): ThreadStack {
  const thread = sample.processes.flatMap(p => p.threads).find(t => t.name === 'MainThread')
  if (!thread) throw new Error('no MainThread')
  return thread
}

function diagnoseRecorded(name: string, scope = shopScope, samples?: StackSample[]) {
  const recorded = loadRecorded(name)
  return diagnose({ samples: samples ?? recorded.samples, scope, readLines: recordedSourceLines })
}

describe('diagnose on recorded py-spy dumps', () => {
  it('names the with-block executor shutdown in the news app (stdlib asyncio)', () => {
    const d = diagnoseRecorded('news-app-asyncio')
    expect(d.pattern).toBe('executor-shutdown-wait')
    expect(d.culprit).toMatchObject({ path: 'app/api/routes/stream.py', line: 19, function: 'event_generator' })
    expect(d.culprit?.excerpt?.lines.join('\n')).toContain('with ThreadPoolExecutor(max_workers=len(SOURCES)) as pool:')
    expect(d.details).toMatchObject({
      executor: 'ThreadPoolExecutor',
      implicit: 'true',
      variable: 'pool',
      arguments: 'max_workers=len(SOURCES)'
    })
    expect(d.details.waitingFor).toBe('fetch_feed (app/services/feeds.py:33)')
    expect(d.loopThread).toMatchObject({ pid: 3917, name: 'MainThread' })
    expect(d.blockingCall).toContain('ThreadPoolExecutor.shutdown(wait=True)')
    expect(d.otherThreads.map(t => t.name)).toEqual(['ThreadPoolExecutor-0_3'])
  })

  it('finds the loop under uvloop, where no asyncio/base_events.py frame exists', () => {
    const d = diagnoseRecorded('news-app-uvloop')
    expect(d.pattern).toBe('executor-shutdown-wait')
    expect(d.culprit).toMatchObject({ path: 'app/api/routes/stream.py', line: 19 })
    expect(d.loopStack?.frames.some(f => f.file.endsWith('asyncio/base_events.py'))).toBe(false)
  })

  it('finds the loop in the server process under --reload, not in the reloader', () => {
    const recorded = loadRecorded('news-app-reload')
    expect(recorded.samples[0]?.processes).toHaveLength(2)
    const d = diagnoseRecorded('news-app-reload')
    expect(d.loopThread?.pid).toBe(4181)
    expect(d.pattern).toBe('executor-shutdown-wait')
    expect(d.culprit).toMatchObject({ path: 'app/api/routes/stream.py', line: 19 })
  })

  it('names an explicit ProcessPoolExecutor.shutdown() and ignores the loop stack copied into the forked worker', () => {
    const chat = '/home/runner/work/chat/chat'
    const d = diagnoseRecorded('chat-process-pool', { appRoot: chat, libraryRoots: [] })
    expect(d.loopThread?.pid).toBe(4255)
    expect(d.pattern).toBe('executor-shutdown-wait')
    expect(d.culprit).toMatchObject({ path: 'app/main.py', line: 52, function: 'tokens' })
    expect(d.details).toMatchObject({ executor: 'ProcessPoolExecutor', implicit: 'false', variable: 'pool' })
    expect(d.details.waitingFor).toBe('generate_answer (app/main.py:25)')
    expect(d.blockingCall).toContain('called directly')
  })

  it.each(['healthy-asyncio', 'healthy-uvloop'])('sees an idle loop as idle (%s), never as a blocking call', name => {
    const d = diagnoseRecorded(name)
    expect(d.pattern).toBe('unknown')
    expect(d.culprit).toBeUndefined()
    expect(d.explanation).toMatch(/idle/)
  })

  it('never blames the virtualenv inside the app root, even for frames of the app root', () => {
    const recorded = loadRecorded('news-app-asyncio')
    const loop = recorded.samples[0]?.processes[0]?.threads.find(t => t.name === 'MainThread')
    const venvFrames = loop?.frames.filter(f => f.file.startsWith(`${SHOP}/.venv/`)) ?? []
    expect(venvFrames.length).toBeGreaterThan(3)
    for (const frame of venvFrames) expect(isAppCode(frame, shopScope)).toBe(false)
    // without knowing the venv, site-packages alone still keeps installed packages out
    const withoutVenv = { appRoot: SHOP, libraryRoots: [] }
    expect(venvFrames.filter(f => isAppCode(f, withoutVenv)).map(f => f.shortFile)).toEqual(['uvicorn'])
  })

  it('counts the samples that show the loop at the same place', () => {
    const recorded = loadRecorded('news-app-asyncio')
    const sample = recorded.samples[0] as StackSample
    const moved: StackSample = structuredClone(sample)
    const loop = moved.processes[0]?.threads.find(t => t.name === 'MainThread')
    if (loop?.frames[0]) loop.frames[0].line += 1
    const both = diagnoseRecorded('news-app-asyncio', shopScope, [sample, { ...sample, takenAtMs: 500 }])
    expect(both.timeline.map(mark => mark.samePlace)).toEqual([true, true])
    expect(both.totalSamples).toBe(2)
    // the newest sample is the evidence: the older one, a line further on, is not at the same place
    const apart = diagnoseRecorded('news-app-asyncio', shopScope, [moved, { ...sample, takenAtMs: 500 }])
    expect(apart.timeline.map(mark => mark.samePlace)).toEqual([false, true])
    expect(apart.loopStack?.frames[0]).toEqual(loopThreadOf(sample).frames[0])
  })

  it('says so when no stacks were captured, and when no thread runs a loop', () => {
    expect(diagnose({ samples: [], scope: shopScope, readLines: () => undefined })).toMatchObject({
      pattern: 'unknown',
      totalSamples: 0
    })
    const reloader = loadRecorded('news-app-reload').samples[0] as StackSample
    const onlyReloader = { ...reloader, processes: reloader.processes.filter(p => p.pid === 4170) }
    const d = diagnose({ samples: [onlyReloader], scope: shopScope, readLines: () => undefined })
    expect(d.pattern).toBe('unknown')
    expect(d.explanation).toMatch(/No thread of the app runs an asyncio event loop/)
    expect(d.otherThreads).toHaveLength(1)
  })

  it('reports an unknown block by its innermost frame and still finds the culprit', () => {
    const sample = structuredClone(loadRecorded('news-app-asyncio').samples[0] as StackSample)
    const loop = sample.processes[0]?.threads.find(t => t.name === 'MainThread')
    // the loop thread blocked in a call that is not in the catalog: drop the executor frames
    if (loop)
      loop.frames = [
        {
          name: 'next_token',
          file: '/usr/lib/python3/dist-packages/vault/lease.py',
          shortFile: 'vault/lease.py',
          line: 88
        },
        ...loop.frames.slice(4)
      ]
    const d = diagnose({ samples: [sample], scope: shopScope, readLines: recordedSourceLines })
    expect(d.pattern).toBe('unknown')
    expect(d.blockingCall).toBe('`next_token (vault/lease.py:88)`')
    expect(d.culprit).toMatchObject({ path: 'app/api/routes/stream.py', line: 19 })
  })
})

describe('loopShape', () => {
  it('is undefined for threads without a loop, e.g. a pool worker', () => {
    const worker = loadRecorded('news-app-asyncio').samples[0]?.processes[0]?.threads.find(t => t.name !== 'MainThread')
    expect(worker?.name).toBe('ThreadPoolExecutor-0_3')
    expect(loopShape(worker as ThreadStack)).toBeUndefined()
  })
})
