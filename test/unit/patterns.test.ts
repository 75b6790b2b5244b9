// The classifier on one recorded py-spy dump per pattern (from live runs of
// test/fixtures/apps/patterns), and on the shapes other Python versions,
// uvloop and several workers give the same hang.

import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/analysis/classify.js'
import { fixFor } from '../../src/analysis/catalog.js'
import type { Diagnosis, Frame, StackSample, ThreadStack } from '../../src/model.js'
import { PATTERN_CASES } from '../support/pattern-cases.js'
import { loadRecorded, recordedSourceLines } from '../support/recorded-dumps.js'

const ROOT = '/home/runner/work/patterns/patterns'
const scope = { appRoot: ROOT, libraryRoots: [`${ROOT}/.venv`] }

function samplesOf(name: string): StackSample[] {
  return loadRecorded(name).samples
}

function run(samples: StackSample[]): Diagnosis {
  return diagnose({ samples, scope, readLines: recordedSourceLines })
}

function loopThreadOf(sample: StackSample): ThreadStack {
  const thread = sample.processes.flatMap(p => p.threads).find(t => t.name === 'MainThread')
  if (!thread) throw new Error('no MainThread')
  return thread
}

/** Every sample with the loop thread's stack changed by `edit`. */
function editLoop(name: string, edit: (thread: ThreadStack) => void): StackSample[] {
  const samples = structuredClone(samplesOf(name))
  for (const sample of samples) edit(loopThreadOf(sample))
  return samples
}

const frame = (name: string, shortFile: string, line: number): Frame => ({
  name,
  file: `/usr/lib/python3.13/${shortFile}`,
  shortFile,
  line
})

describe('each recorded pattern is named, with the culprit line the live case expects', () => {
  it.each(PATTERN_CASES.filter(c => c.verdict === 'hung'))('$pattern', c => {
    const d = run(samplesOf(c.recording))
    expect(d.pattern).toBe(c.pattern)
    expect(d.culprit).toMatchObject(c.culprit)
    if (c.entry) expect(d.entry).toMatchObject(c.entry)
    expect(d.totalSamples).toBe(3)
    expect(d.timeline).toHaveLength(3)
    expect(fixFor(d).length).toBeGreaterThan(80)
  })
})

describe('how each pattern is decided', () => {
  it('thread-join: by the join frames of 3.9–3.12, and by Thread.join alone as 3.13 shows it', () => {
    expect(run(samplesOf('thread-join')).loopStack?.frames[0]?.name).toBe('_wait_for_tstate_lock')
    const py313 = editLoop('thread-join', t => {
      t.frames = t.frames.filter(f => f.name !== '_wait_for_tstate_lock')
    })
    const d = run(py313)
    expect(d.pattern).toBe('thread-join')
    expect(d.details.variable).toBe('exporter')
    expect(fixFor(d)).toContain('await asyncio.to_thread(exporter.join)')
  })

  it('sync-sleep: the app line is innermost (time.sleep is C), idle, and the statement calls sleep', () => {
    const d = run(samplesOf('sync-sleep'))
    expect(d.loopStack?.frames[0]).toMatchObject({ name: 'events', line: d.culprit?.line })
    expect(d.timeline.every(m => !m.active && m.samePlace)).toBe(true)
    expect(fixFor(d)).toContain('await asyncio.sleep(60)')
    // the same line seen running in every sample is not a sleep
    const busy = structuredClone(samplesOf('sync-sleep'))
    for (const s of busy) loopThreadOf(s).active = true
    expect(run(busy).pattern).toBe('cpu-bound')
  })

  it('lock-wait: a bare `with lock:` on the innermost line, and queue.get / Event.wait by their frames', () => {
    const d = run(samplesOf('lock-wait'))
    expect(d.details).toMatchObject({ kind: 'lock', variable: 'cache_lock' })
    expect(fixFor(d)).toContain('await asyncio.to_thread(cache_lock.acquire)')
    const queued = editLoop('thread-join', t => {
      const work = t.frames.findIndex(f => f.name === 'events')
      t.frames = [frame('wait', 'threading.py', 320), frame('get', 'queue.py', 171), ...t.frames.slice(work)]
    })
    expect(run(queued)).toMatchObject({ pattern: 'lock-wait', details: { kind: 'queue' } })
    const event = editLoop('thread-join', t => {
      const work = t.frames.findIndex(f => f.name === 'events')
      t.frames = [frame('wait', 'threading.py', 355), frame('wait', 'threading.py', 655), ...t.frames.slice(work)]
    })
    expect(run(event)).toMatchObject({ pattern: 'lock-wait', details: { kind: 'lock' } })
  })

  it('future-result: by Future.result, before the threading wait under it', () => {
    const d = run(samplesOf('future-result'))
    expect(d.loopStack?.frames[0]?.file.endsWith('threading.py')).toBe(true)
    expect(d.details.variable).toBe('pending')
    expect(fixFor(d)).toContain('await asyncio.wrap_future(pending)')
  })

  it('subprocess-wait: by any frame of subprocess.py, named by the function the app called', () => {
    const d = run(samplesOf('subprocess-wait'))
    expect(d.blockingCall).toContain('subprocess.run()')
    expect(fixFor(d)).toContain('await asyncio.create_subprocess_exec("sleep", "60")')
  })

  it('sync-io: by the socket and HTTP frames under a helper, naming the helper and the route that called it', () => {
    const d = run(samplesOf('sync-io'))
    expect(d.culprit?.function).toBe('fetch_status')
    expect(d.entry?.function).toBe('events')
    expect(fixFor(d)).toContain('await asyncio.to_thread(upstream.fetch_status, SILENT_URL)')
    // a raw socket read in the app's own line shows no frame above it
    const raw = editLoop('unknown', t => {
      t.frames = t.frames.slice(0)
    })
    const rawDiagnosis = diagnose({
      samples: raw,
      scope,
      readLines: file => recordedSourceLines(file)?.map(line => line.replace('signal.sigtimedwait([signal.SIGUSR2], 60)', 'data = conn.recv(65536)'))
    })
    expect(rawDiagnosis.pattern).toBe('sync-io')
  })

  it('cpu-bound: active in every sample; the same stack idle in one sample is a wait, not computation', () => {
    const d = run(samplesOf('cpu-bound'))
    expect(d.timeline.every(m => m.active)).toBe(true)
    expect(d.entry?.function).toBe('events')
    expect(fixFor(d)).toContain('run_in_executor(process_pool, checksum, 10**12)')
    const once = structuredClone(samplesOf('cpu-bound'))
    loopThreadOf(once[0] as StackSample).active = false
    expect(run(once).pattern).not.toBe('cpu-bound')
  })

  it('threadpool-exhausted: an idle loop while every anyio worker is parked in the app; one idle worker and it is not', () => {
    const d = run(samplesOf('threadpool-exhausted'))
    expect(d.loopStack?.frames[0]?.name).toBe('select')
    expect(d.details).toMatchObject({ busyWorkers: '2', parkedCount: '2' })
    const withIdle = structuredClone(samplesOf('threadpool-exhausted'))
    const last = withIdle.at(-1) as StackSample
    const threads = (last.processes[0] as StackSample['processes'][number]).threads
    const worker = threads.find(t => t.name === 'AnyIO worker thread') as ThreadStack
    const run_ = worker.frames.findIndex(f => f.name === 'run')
    threads.push({ ...worker, threadId: 'idle', frames: [frame('wait', 'threading.py', 327), frame('get', 'queue.py', 171), ...worker.frames.slice(run_)] })
    expect(run(withIdle).pattern).toBe('unknown')
  })

  it('unknown: an idle C call the statement does not explain is shown plainly', () => {
    const d = run(samplesOf('unknown'))
    expect(d.explanation).toContain('not in the catalog')
  })
})

describe('where the loop thread is', () => {
  it('under uvloop: no asyncio frames below the work, the loop is found by uvloop and uvicorn below', () => {
    const uvloopBase = loopThreadOf(loadRecorded('news-app-uvloop').samples[0] as StackSample)
    // uvloop dispatches in C: the task's frames sit right on asyncio's runner
    const below = uvloopBase.frames.slice(uvloopBase.frames.findIndex(f => f.shortFile === 'asyncio/runners.py'))
    const samples = editLoop('thread-join', t => {
      const dispatch = t.frames.findIndex(f => f.name === '_run' && f.shortFile === 'asyncio/events.py')
      t.frames = [...t.frames.slice(0, dispatch), ...below]
    })
    expect(samples[0] && loopThreadOf(samples[0]).frames.some(f => f.shortFile === 'asyncio/base_events.py')).toBe(false)
    expect(run(samples)).toMatchObject({ pattern: 'thread-join', culprit: PATTERN_CASES.find(c => c.pattern === 'thread-join')?.culprit })
  })

  it('rests on the newest sample that shows the loop (a faulthandler dump of over 100 threads may miss it)', () => {
    const samples = structuredClone(samplesOf('thread-join'))
    const truncated = structuredClone(samples.at(-1) as StackSample)
    for (const process of truncated.processes) process.threads = process.threads.filter(t => t.name !== 'MainThread')
    const d = run([...samples, { ...truncated, takenAtMs: truncated.takenAtMs + 100 }])
    expect(d.pattern).toBe('thread-join')
    expect(d.totalSamples).toBe(4)
  })

  it('with --workers: the blocked worker among idle ones', () => {
    const idle = loadRecorded('healthy-asyncio').samples[0] as StackSample
    const samples = samplesOf('sync-sleep').map(s => ({ ...s, processes: [...idle.processes, ...s.processes] }))
    const d = run(samples)
    expect(d.pattern).toBe('sync-sleep')
    expect(d.loopThread?.pid).toBe(samplesOf('sync-sleep')[0]?.processes[0]?.pid)
  })
})
