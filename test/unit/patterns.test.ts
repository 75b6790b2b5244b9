// The classifier on one recorded py-spy dump per pattern (from live runs of
// test/fixtures/apps/patterns), and on the shapes other Python versions,
// uvloop and several workers give the same hang.

import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/analysis/classify.js'
import { proposeFix } from '../../src/fix/rewrite.js'
import { PATTERN_CASES } from '../support/pattern-cases.js'
import { loadRecorded, recordedSourceLines, recordingNames } from '../support/recorded-dumps.js'
import type { Diagnosis, Frame, StackSample, ThreadStack } from '../../src/core/diagnosis.js'

const ROOT = '/home/runner/work/patterns/patterns'
const scope = { appRoot: ROOT, libraryRoots: [`${ROOT}/.venv`] }

function samplesOf(name: string): StackSample[] {
  return loadRecorded(name).samples
}

function run(samples: StackSample[]): Diagnosis {
  return diagnose({ samples, scope, readLines: recordedSourceLines })
}

/** The fix's text as the report gives it: the change, or the advice when there is none. */
function fixFor(d: Diagnosis): string {
  const fix = proposeFix(d, scope, recordedSourceLines)
  return [
    fix.advice,
    ...(fix.primary?.edits.flatMap(e => e.after) ?? []),
    ...(fix.alternative?.edits.flatMap(e => e.after) ?? [])
  ].join('\n')
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
    // the route frame is named only when the culprit lies deeper, in a helper
    if (c.entry) expect(d.entry).toMatchObject(c.entry)
    else expect(d.entry).toBeUndefined()
    const samples = samplesOf(c.recording).length
    expect(samples).toBeGreaterThanOrEqual(3)
    expect(d.totalSamples).toBe(samples)
    expect(d.timeline).toHaveLength(samples)
    expect(fixFor(d)).toContain(c.fix)
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
    expect(fixFor(d)).toContain('await asyncio.to_thread(subprocess.run, ["sleep", "60"], check=False)')
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
      readLines: file =>
        recordedSourceLines(file)?.map(line =>
          line.replace('signal.sigtimedwait([signal.SIGUSR2], 60)', 'data = conn.recv(65536)')
        )
    })
    expect(rawDiagnosis.pattern).toBe('sync-io')
  })

  it.each([
    'socket.py',
    'ssl.py',
    'selectors.py',
    'http/client.py',
    'urllib/request.py',
    'smtplib.py',
    'ftplib.py',
    'imaplib.py',
    'poplib.py'
  ])('sync-io: by a frame of the standard library’s %s above the app’s line', file => {
    const samples = editLoop('unknown', t => {
      t.frames = [frame('read', file, 40), ...t.frames]
    })
    expect(run(samples).pattern).toBe('sync-io')
  })

  it('shows the source around the culprit only when its line is in the file read', () => {
    const whole = run(samplesOf('sync-sleep'))
    const culprit = whole.culprit as NonNullable<Diagnosis['culprit']>
    const cut = (keep: number) =>
      diagnose({
        samples: samplesOf('sync-sleep'),
        scope,
        readLines: file =>
          file === culprit.absolutePath ? recordedSourceLines(file)?.slice(0, keep) : recordedSourceLines(file)
      }).culprit?.excerpt
    // the culprit on the file's last line: the lines before it, and it
    expect(cut(culprit.line)?.lines.at(-1)?.trim()).toBe('time.sleep(60)')
    expect(cut(culprit.line)?.firstLine).toBe(culprit.line - 3)
    expect(cut(culprit.line - 1)).toBeUndefined()
    expect(whole.culprit?.excerpt?.lines).toHaveLength(7)
  })

  it('cpu-bound: active in every sample; the same stack idle in one sample is a wait, not computation', () => {
    const d = run(samplesOf('cpu-bound'))
    expect(d.timeline.every(m => m.active)).toBe(true)
    expect(d.entry?.function).toBe('events')
    expect(fixFor(d)).toContain('await asyncio.to_thread(checksum, 10**12)')
    const once = structuredClone(samplesOf('cpu-bound'))
    loopThreadOf(once[0] as StackSample).active = false
    // a wait in a C call the statement does not name: not in the catalog
    const waited = run(once)
    expect(waited.pattern).toBe('unknown')
    expect(waited.culprit).toMatchObject({ path: 'app/main.py', function: '<genexpr>' })
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
    threads.push({
      ...worker,
      threadId: 'idle',
      frames: [frame('wait', 'threading.py', 327), frame('get', 'queue.py', 171), ...worker.frames.slice(run_)]
    })
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
    expect(samples[0] && loopThreadOf(samples[0]).frames.some(f => f.shortFile === 'asyncio/base_events.py')).toBe(
      false
    )
    expect(run(samples)).toMatchObject({
      pattern: 'thread-join',
      culprit: PATTERN_CASES.find(c => c.pattern === 'thread-join')?.culprit
    })
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

describe('what decides between two readings of the same stacks', () => {
  const chatScope = { appRoot: '/home/runner/work/chat/chat', libraryRoots: ['/home/runner/work/chat/chat/.venv'] }

  it('an HTTP client waiting for a free connection of its pool is blocking I/O, though it waits on a queue', () => {
    // urllib3's pool waits in queue.get when every connection is taken: the queue is the client's, the fix is the client's
    const pooled = editLoop('sync-io', t => {
      t.frames = [
        frame('wait', 'threading.py', 327),
        frame('get', 'queue.py', 171),
        frame('_get_conn', 'urllib3/connectionpool.py', 290),
        ...t.frames
      ]
    })
    expect(run(pooled)).toMatchObject({ pattern: 'sync-io', culprit: { path: 'app/services/upstream.py' } })
  })

  it("a wait known by its frames stays that wait when py-spy saw the thread running (copying a child process's output)", () => {
    const busy = editLoop('subprocess-wait', t => {
      t.active = true
    })
    expect(busy.every(s => loopThreadOf(s).active)).toBe(true)
    expect(run(busy).pattern).toBe('subprocess-wait')
  })

  it("installed code under the app root is not the app's, in site-packages or dist-packages, even outside a virtualenv", () => {
    const vendored = editLoop('sync-io', t => {
      t.frames = t.frames.map(f =>
        f.shortFile === 'urllib/request.py'
          ? { ...f, file: `${ROOT}/vendor/lib/python3.11/site-packages/urllib/request.py` }
          : f.shortFile === 'http/client.py'
            ? { ...f, file: `${ROOT}/deb/usr/lib/python3/dist-packages/http/client.py` }
            : f
      )
    })
    const moved = loopThreadOf(vendored[0] as StackSample).frames.filter(f => /-packages\//.test(f.file))
    expect(moved.length).toBeGreaterThanOrEqual(2)
    const d = diagnose({
      samples: vendored,
      scope: { appRoot: ROOT, libraryRoots: [] },
      readLines: recordedSourceLines
    })
    expect(d.culprit).toMatchObject({ path: 'app/services/upstream.py', function: 'fetch_status' })
  })

  it("a forked worker's copy of its parent's stack is never taken for the loop, whichever process is listed first", () => {
    const recorded = loadRecorded('chat-process-pool').samples
    const parent = recorded[0]?.processes[0]?.pid
    // pids wrap around: the worker may well have the smaller one
    const childFirst = recorded.map(s => ({ ...s, processes: [...s.processes].reverse() }))
    const d = diagnose({ samples: childFirst, scope: chatScope, readLines: recordedSourceLines })
    expect(d.loopThread?.pid).toBe(parent)
    expect(d.pattern).toBe('executor-shutdown-wait')
    expect(d.culprit?.function).toBe('tokens')
  })

  it('the loop that serves HTTP is diagnosed, even from a thread, while the main thread runs a busy loop of its own', () => {
    const samples = structuredClone(samplesOf('thread-join'))
    for (const sample of samples) {
      const threads = (sample.processes[0] as StackSample['processes'][number]).threads
      const serving = loopThreadOf(sample)
      // uvicorn.Server.run in a thread; the main thread computes in a job loop of its own (asyncio.run, no web server)
      serving.name = 'uvicorn'
      const runner = serving.frames.findIndex(f => f.shortFile === 'asyncio/runners.py')
      threads.push({
        ...serving,
        threadId: 'main',
        name: 'MainThread',
        active: true,
        frames: [
          { name: 'rebuild_index', file: `${ROOT}/app/jobs.py`, shortFile: 'app/jobs.py', line: 12 },
          ...serving.frames.slice(
            serving.frames.findIndex(f => f.name === '_run' && f.shortFile === 'asyncio/events.py'),
            runner + 1
          ),
          { name: '<module>', file: `${ROOT}/app/jobs.py`, shortFile: 'app/jobs.py', line: 30 }
        ]
      })
    }
    const d = run(samples)
    expect(d.loopThread?.name).toBe('uvicorn')
    expect(d.pattern).toBe('thread-join')
  })

  it('a C call whose line joins strings is no Thread.join; a join with no argument or a timeout is', () => {
    const withLine = (text: string) => (file: string) =>
      recordedSourceLines(file)?.map(line => line.replace('time.sleep(60)', text))
    const samples = samplesOf('sync-sleep')
    const strings = diagnose({ samples, scope, readLines: withLine('label = ", ".join(parts)') })
    expect(strings.pattern).toBe('unknown')
    for (const join of ['worker.join()', 'worker.join(5)', 'worker.join(timeout=2.5)']) {
      expect(diagnose({ samples, scope, readLines: withLine(join) }).pattern, join).toBe('thread-join')
    }
  })

  it('threadpool-exhausted: the culprit is the line where most of the pool is parked, not where a few are', () => {
    const samples = structuredClone(samplesOf('threadpool-exhausted'))
    for (const sample of samples) {
      const threads = (sample.processes[0] as StackSample['processes'][number]).threads
      const busy = threads.filter(t => t.name === 'AnyIO worker thread')
      const parkedAt = (busy[0] as ThreadStack).frames.find(f => f.file.startsWith(`${ROOT}/app/`)) as Frame
      // a third worker at the same line, and one parked somewhere else
      threads.push({ ...(busy[0] as ThreadStack), threadId: 'third' })
      const elsewhere = (busy[0] as ThreadStack).frames.map(f =>
        f === parkedAt ? { ...f, line: f.line + 40, name: 'audit' } : f
      )
      threads.push({ ...(busy[0] as ThreadStack), threadId: 'fourth', frames: elsewhere })
    }
    const d = run(samples)
    const expected = PATTERN_CASES.find(c => c.pattern === 'threadpool-exhausted')?.culprit
    expect(d).toMatchObject({
      pattern: 'threadpool-exhausted',
      culprit: expected,
      details: { busyWorkers: '4', parkedCount: '3' }
    })
  })

  it('rests on the newest sample when the oldest shows the loop elsewhere', () => {
    const older = samplesOf('sync-sleep').map(s => ({ ...s, takenAtMs: s.takenAtMs - 10_000 }))
    const d = run([...older, ...samplesOf('thread-join')])
    expect(d).toMatchObject({
      pattern: 'thread-join',
      culprit: PATTERN_CASES.find(c => c.pattern === 'thread-join')?.culprit
    })
    expect(d.timeline.map(m => m.samePlace)).toEqual([false, false, false, true, true, true])
  })
})

describe('event loops with no frame of their own (uvloop)', () => {
  it("aiohttp's web.run_app on uvloop, recorded live: the loop is found by run_app, without aiohttp's source", () => {
    const recorded = loadRecorded('aiohttp-uvloop')
    const loop = loopThreadOf(recorded.samples[0] as StackSample)
    expect(loop.frames.some(f => /asyncio\/(runners|base_events|events)\.py$/.test(f.file))).toBe(false)
    const runApp = loop.frames.find(f => f.name === 'run_app') as Frame
    // the recording's library files are not on this machine: only the frame can tell
    expect(recordedSourceLines(runApp.file)).toBeUndefined()
    const d = diagnose({
      samples: recorded.samples,
      scope: { appRoot: recorded.appRoot, libraryRoots: [`${recorded.appRoot}/.venv`] },
      readLines: recordedSourceLines
    })
    expect(d).toMatchObject({
      pattern: 'sync-sleep',
      culprit: { path: 'newsfeed/audit.py', function: 'record_disconnect' }
    })
  })

  it("Python 3.10's uvloop.run (no asyncio runner below): found by uvloop's own frame", () => {
    const samples = editLoop('thread-join', t => {
      const dispatch = t.frames.findIndex(f => f.name === '_run' && f.shortFile === 'asyncio/events.py')
      t.frames = [
        ...t.frames.slice(0, dispatch),
        frame('run', 'uvloop/__init__.py', 69),
        { name: '<module>', file: `${ROOT}/serve.py`, shortFile: 'serve.py', line: 9 }
      ]
    })
    expect(run(samples)).toMatchObject({
      pattern: 'thread-join',
      culprit: PATTERN_CASES.find(c => c.pattern === 'thread-join')?.culprit
    })
  })

  it('a loop the app starts itself on uvloop: found by the line that starts it, when the source says so', () => {
    const samples = editLoop('thread-join', t => {
      const dispatch = t.frames.findIndex(f => f.name === '_run' && f.shortFile === 'asyncio/events.py')
      t.frames = [
        ...t.frames.slice(0, dispatch),
        { name: 'main', file: `${ROOT}/serve.py`, shortFile: 'serve.py', line: 2 }
      ]
    })
    const source = ['def main():', '    loop.run_until_complete(server.serve())']
    const readLines = (file: string) => (file === `${ROOT}/serve.py` ? source : recordedSourceLines(file))
    expect(diagnose({ samples, scope, readLines })).toMatchObject({ pattern: 'thread-join' })
    // without that line, nothing says a loop runs there
    expect(diagnose({ samples, scope, readLines: recordedSourceLines }).explanation).toMatch(
      /No thread of the app runs an asyncio event loop/
    )
  })
})

describe('an innermost C call, read from the statement (no frame of the call itself)', () => {
  const withLine = (text: string) => (file: string) =>
    recordedSourceLines(file)?.map(line => line.replace('time.sleep(60)', text))
  const readAs = (text: string): Diagnosis =>
    diagnose({ samples: samplesOf('sync-sleep'), scope, readLines: withLine(text) })

  it.each([
    ['time.sleep (2)', 'sync-sleep', '`time.sleep()`', { seconds: '2' }],
    ['sleep( 0.5 )', 'sync-sleep', '`time.sleep()`', { seconds: '0.5' }],
    ['clock.sleep(1)', 'unknown', undefined, {}],
    ['asleep(1)', 'unknown', undefined, {}],
    [
      'value = fut.result ()',
      'future-result',
      '`concurrent.futures.Future.result()`',
      { variable: 'fut', threadsafe: 'false' }
    ],
    [
      'asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=3)',
      'future-result',
      '`concurrent.futures.Future.result()`',
      { threadsafe: 'true' }
    ],
    ['worker.join ( timeout = 5 )', 'thread-join', '`threading.Thread.join()`', { variable: 'worker' }],
    ['os.waitpid(pid, 0)', 'subprocess-wait', '`os.waitpid()`', { call: 'os.waitpid()' }],
    ['os.wait4 (pid, 0)', 'subprocess-wait', '`os.wait4()`', {}],
    ['os.wait()', 'subprocess-wait', '`os.wait()`', {}],
    ['status = os.system(f"deploy {target}")', 'subprocess-wait', '`os.system()`', { call: 'os.system()' }],
    ['out = os.popen("git rev-parse HEAD").read()', 'subprocess-wait', '`os.popen()`', {}],
    ['pty.spawn(["bash", "-c", cmd])', 'subprocess-wait', '`pty.spawn()`', {}],
    ['events = poller.poll(5000)', 'sync-io', undefined, {}],
    ['self.sock.sendall(frame)', 'sync-io', undefined, {}],
    ['out, err = proc.communicate ()', 'subprocess-wait', '`a wait for a child process`', {}],
    ['subprocess.check_call (["true"])', 'subprocess-wait', '`a wait for a child process`', {}],
    ['item = jobs.get ()', 'lock-wait', '`item = jobs.get ()`', { kind: 'queue', variable: 'jobs' }],
    ['self.inbox.put (item)', 'lock-wait', '`self.inbox.put (item)`', { kind: 'queue', variable: 'self.inbox' }],
    ['ready.wait ( )', 'lock-wait', '`ready.wait ( )`', { kind: 'lock', variable: 'ready' }],
    ['with  app.state.lock :', 'lock-wait', '`with  app.state.lock :`', { kind: 'lock', variable: 'app.state.lock' }],
    [
      'data = sock.recv (1024)',
      'sync-io',
      'blocking I/O in `data = sock.recv (1024)`',
      { library: 'data = sock.recv (1024)' }
    ],
    ['r = requests.get(url)', 'sync-io', 'blocking I/O in `r = requests.get(url)`', {}],
    ['select.select([s], [], [])', 'sync-io', undefined, {}],
    ['line = f.readline()', 'sync-io', undefined, {}]
  ] as const)('%s: %s', (text, pattern, blockingCall, details) => {
    const d = readAs(text)
    expect(d.pattern).toBe(pattern)
    if (blockingCall) expect(d.blockingCall).toBe(blockingCall)
    expect(d.details).toMatchObject(details)
  })
})

/**
 * Every recording's diagnosis, whole, against test/unit/diagnoses/: the
 * pattern, its details and explanation, the culprit with its excerpt, the
 * entry, the loop thread and its stack, the other threads and the timeline.
 * The tests above say why each part is what it is; these catch any other
 * change. A deliberate change updates them with `-u` and shows in the diff.
 */
describe('each recording diagnosed, whole', () => {
  it.each(recordingNames())('%s', async name => {
    const recording = loadRecorded(name)
    const recordedScope = { appRoot: recording.appRoot, libraryRoots: [`${recording.appRoot}/.venv`] }
    const d = diagnose({ samples: recording.samples, scope: recordedScope, readLines: recordedSourceLines })
    await expect(`${JSON.stringify(d, null, 2)}\n`).toMatchFileSnapshot(`./diagnoses/${name}.json`)
  })
})

describe('the blocking primitive in a library the catalog has no name for, read from its source on disk', () => {
  const LIB = `${ROOT}/.venv/lib/python3.12/site-packages`
  /** The sync-sleep recording with the app's line calling into a library, whose innermost line is `statement`. */
  function throughLibrary(statement: string | undefined): Diagnosis {
    const samples = editLoop('sync-sleep', t => {
      t.frames = [
        { name: '_recv', file: `${LIB}/tinymq/_socket.py`, shortFile: 'tinymq/_socket.py', line: 2 },
        { name: 'receive', file: `${LIB}/tinymq/client.py`, shortFile: 'tinymq/client.py', line: 9 },
        ...t.frames
      ]
    })
    const library = ['def _recv(sock, size):', `    ${statement ?? ''}`]
    const readLines = (file: string) =>
      file === `${LIB}/tinymq/_socket.py` ? (statement === undefined ? undefined : library) : recordedSourceLines(file)
    return diagnose({ samples, scope, readLines })
  }

  it.each([
    ['return sock.recv(size)', 'sync-io'],
    ['ready, _, _ = select.select([sock], [], [], timeout)', 'sync-io'],
    ['os.waitpid(self.pid, 0)', 'subprocess-wait'],
    ['self._lock.acquire()', 'lock-wait'],
    ['time.sleep(backoff)', 'sync-sleep']
  ] as const)('%s: %s, with the app line that called the library as culprit', (statement, pattern) => {
    const d = throughLibrary(statement)
    expect(d.pattern).toBe(pattern)
    expect(d.culprit?.path).toBe(PATTERN_CASES.find(c => c.recording === 'sync-sleep')?.culprit.path)
  })

  it('keeps the wording of a library the catalog lists as a hint, never as the condition', () => {
    expect(throughLibrary('return sock.recv(size)').blockingCall).toBe('blocking I/O in `receive (tinymq/client.py:9)`')
  })

  it('is unknown, as before, when the library line cannot be read or calls nothing the catalog knows', () => {
    expect(throughLibrary(undefined).pattern).toBe('unknown')
    expect(throughLibrary('return compute(size)').pattern).toBe('unknown')
  })
})

describe('recordings of code the catalog has never seen (test/fixtures/apps/unseen-code)', () => {
  const UNSEEN = '/home/runner/work/unseen/unseen'
  const unseenScope = { appRoot: UNSEEN, libraryRoots: [`${UNSEEN}/.venv`] }
  const lineOfText = (file: string, text: string): number =>
    (recordedSourceLines(`${UNSEEN}/${file}`) ?? []).findIndex(line => line.includes(text)) + 1

  it.each([
    ['os-system', 'subprocess-wait', 'app/main.py', 'status = os.system("sleep 30")', '`os.system()`'],
    ['os-waitpid', 'subprocess-wait', 'app/main.py', '_, status = os.waitpid(pid, 0)', '`os.waitpid()`'],
    ['websocket-client', 'sync-io', 'app/main.py', 'feed = websocket.create_connection(', undefined],
    ['paho-mqtt', 'sync-io', 'app/main.py', 'client.loop(timeout=30)', undefined],
    ['vendored-recv', 'sync-io', 'app/vendor/tinyhttp.py', 'chunk = sock.recv(4096)', undefined],
    ['requests-iter-lines', 'sync-io', 'app/main.py', 'for line in upstream.iter_lines():', undefined]
  ] as const)('%s: %s at the line that made the call', (name, pattern, file, text, blockingCall) => {
    const d = diagnose({ samples: loadRecorded(name).samples, scope: unseenScope, readLines: recordedSourceLines })
    expect(d.pattern).toBe(pattern)
    expect(d.culprit).toMatchObject({ path: file, line: lineOfText(file, text) })
    if (blockingCall) expect(d.blockingCall).toBe(blockingCall)
  })

  it('a library line it cannot read (a recording without its sources) is no longer known: the rule rests on the primitive, not the package', () => {
    const recording = loadRecorded('websocket-client')
    const withoutLibraries = (file: string) => (file.includes('/.venv/') ? undefined : recordedSourceLines(file))
    expect(diagnose({ samples: recording.samples, scope: unseenScope, readLines: withoutLibraries }).pattern).toBe(
      'unknown'
    )
  })

  it.each([
    ['os-system', 'status = await asyncio.to_thread(os.system, "sleep 30")'],
    ['os-waitpid', '_, status = await asyncio.to_thread(os.waitpid, pid, 0)']
  ])('the fix of %s waits off the loop, at the line that called into C', (name, after) => {
    const d = diagnose({ samples: loadRecorded(name).samples, scope: unseenScope, readLines: recordedSourceLines })
    const fix = proposeFix(d, unseenScope, recordedSourceLines)
    expect(fix.primary?.edits[0]?.after.map(l => l.trim())).toContain(after)
  })

  it('the fix of a for over a blocking iterator takes each item off the loop', () => {
    const d = diagnose({
      samples: loadRecorded('requests-iter-lines').samples,
      scope: unseenScope,
      readLines: recordedSourceLines
    })
    expect(proposeFix(d, unseenScope, recordedSourceLines).primary?.edits[0]?.after).toEqual([
      '        line_iter = iter(upstream.iter_lines())',
      '        no_more = object()',
      '        while (line := await asyncio.to_thread(next, line_iter, no_more)) is not no_more:'
    ])
  })
})
