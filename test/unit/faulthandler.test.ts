// The faulthandler capture's parser on output recorded from a live run, and
// its hook in a real Python process (with an existing sitecustomize kept).

import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/analysis/classify.js'
import { parseFaulthandlerDump, shortFileOf } from '../../src/analysis/faulthandler-dump.js'
import { installFaulthandlerHook, STACKS_SIGNAL } from '../../src/capture/faulthandler-hook.js'
import { loadRecorded, recordedSourceLines } from '../support/recorded-dumps.js'

const ROOT = '/home/runner/work/patterns/patterns'
const STDLIB = '/usr/lib/python3.12'

const dump = [
  'Thread 0x00007f5b5c2776c0 (most recent call first):',
  `  File "${STDLIB}/threading.py", line 331 in wait`,
  `  File "${STDLIB}/queue.py", line 171 in get`,
  `  File "${ROOT}/.venv/lib/python3.12/site-packages/anyio/_backends/_asyncio.py", line 967 in run`,
  `  File "${STDLIB}/threading.py", line 1073 in _bootstrap_inner`,
  '',
  'Current thread 0x00007f5b5cdbcb80 (most recent call first):',
  `  File "${STDLIB}/threading.py", line 1167 in _wait_for_tstate_lock`,
  `  File "${STDLIB}/threading.py", line 1147 in join`,
  '  File "app/main.py", line 79 in events',
  `  File "${ROOT}/.venv/lib/python3.12/site-packages/starlette/responses.py", line 278 in wrap`,
  `  File "${STDLIB}/asyncio/events.py", line 88 in _run`,
  `  File "${STDLIB}/asyncio/base_events.py", line 1987 in _run_once`,
  `  File "${STDLIB}/asyncio/runners.py", line 118 in run`,
  `  File "${ROOT}/.venv/bin/uvicorn", line 8 in <module>`,
  ''
].join('\n')

describe('parseFaulthandlerDump', () => {
  // parsed in each test, so that the mutation check sees which tests run the parser
  const parsed = () => parseFaulthandlerDump(dump, { pid: 42, cwd: ROOT, mainThreadRunning: false })

  it('reads every thread innermost first, resolving relative paths against the working directory', () => {
    const threads = parsed()
    expect(threads).toHaveLength(2)
    expect(threads[1]?.frames[2]).toEqual({
      name: 'events',
      file: `${ROOT}/app/main.py`,
      shortFile: 'app/main.py',
      line: 79
    })
    expect(threads[1]?.frames.map(f => f.shortFile)).toContain('asyncio/base_events.py')
  })

  it('names the thread that runs <module> the main thread, with the running flag from the process table', () => {
    const threads = parsed()
    expect(threads[1]).toMatchObject({ name: 'MainThread', active: false, pid: 42, threadId: '0x00007f5b5cdbcb80' })
    expect(threads[0]?.name).toBeUndefined()
    expect(parseFaulthandlerDump(dump, { pid: 42, mainThreadRunning: true })[1]?.active).toBe(true)
  })

  it('gives the same diagnosis as py-spy for the same hang', () => {
    const threads = parsed()
    const sample = { takenAtMs: 0, processes: [{ pid: 42, command: 'uvicorn', threads }], failures: [] }
    const scope = { appRoot: ROOT, libraryRoots: [`${ROOT}/.venv`] }
    const fromFaulthandler = diagnose({ samples: [sample], scope, readLines: recordedSourceLines })
    const fromPySpy = diagnose({ samples: loadRecorded('thread-join').samples, scope, readLines: recordedSourceLines })
    expect(fromFaulthandler.pattern).toBe('thread-join')
    expect(fromFaulthandler.culprit).toMatchObject({ path: fromPySpy.culprit?.path, line: fromPySpy.culprit?.line })
  })

  it('shortens paths the way py-spy does', () => {
    expect(shortFileOf('/opt/py/lib/python3.13t/concurrent/futures/thread.py')).toBe('concurrent/futures/thread.py')
    expect(shortFileOf('/srv/app/.venv/lib/python3.11/site-packages/uvicorn/server.py')).toBe('uvicorn/server.py')
    expect(shortFileOf('/srv/app/app/main.py', '/srv/app')).toBe('app/main.py')
  })

  it('shortens Windows paths and odd ones, and leaves alone what it does not know', () => {
    expect(shortFileOf('C:\\py\\Lib\\site-packages\\anyio\\to_thread.py')).toBe('anyio/to_thread.py')
    expect(shortFileOf('/usr/lib/python3/dist-packages/requests/api.py')).toBe('requests/api.py')
    expect(shortFileOf('/usr/lib/python3/threading.py')).toBe('threading.py')
    expect(shortFileOf('/usr/lib/python3.12.1/threading.py')).toBe('/usr/lib/python3.12.1/threading.py')
    expect(shortFileOf('/usr/lib/pythonX/threading.py')).toBe('/usr/lib/pythonX/threading.py')
    expect(shortFileOf('/srv/application/main.py', '/srv/app')).toBe('/srv/application/main.py')
    expect(shortFileOf('/srv/app/main.py')).toBe('/srv/app/main.py')
  })

  it('reads only the lines of its own layout, and keeps <string> frames and unknown threads as they are', () => {
    const text = [
      'Fatal Python error: x',
      '  File "/a.py", line 1 in before_any_thread',
      'Thread 0xAB12 (most recent call first):',
      '  File "<string>", line 3 in <lambda>',
      ' File "/b.py", line 2 in one_space',
      '  File "/c.py", line 2 in trailing ',
      '  File "rel.py", line 4 in <module>',
      '  File "/d.py", line x in bad_line',
      'Thread 0xAB12 (most recent call first): extra',
      'Thread 0x1 (most recent call first):',
      '  File "/e.py", line 5 in main'
    ].join('\n')
    const threads = parseFaulthandlerDump(text, { pid: 7 })
    expect(threads).toEqual([
      {
        pid: 7,
        threadId: '0xAB12',
        name: 'MainThread',
        active: false,
        ownsGil: false,
        frames: [
          { name: '<lambda>', file: '<string>', shortFile: '<string>', line: 3 },
          { name: 'trailing ', file: '/c.py', shortFile: '/c.py', line: 2 },
          { name: '<module>', file: 'rel.py', shortFile: 'rel.py', line: 4 }
        ]
      },
      {
        pid: 7,
        threadId: '0x1',
        active: false,
        ownsGil: false,
        frames: [{ name: 'main', file: '/e.py', shortFile: '/e.py', line: 5 }]
      }
    ])
    expect(
      parseFaulthandlerDump('Thread 0x1 (most recent call first):\n  File "<frozen runpy>", line 1 in f', {
        pid: 7,
        cwd: '/srv'
      })[0]?.frames[0]?.file
    ).toBe('<frozen runpy>')
    expect(
      parseFaulthandlerDump('Thread 0x1 (most recent call first):', { pid: 7, mainThreadRunning: true })[0]
    ).toEqual({ pid: 7, threadId: '0x1', active: false, ownsGil: false, frames: [] })
  })
})

describe('the faulthandler hook in a real interpreter', () => {
  it('writes all threads on the signal and still runs the sitecustomize it hides', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hook-'))
    const theirs = path.join(dir, 'theirs')
    fs.mkdirSync(theirs)
    fs.writeFileSync(
      path.join(theirs, 'sitecustomize.py'),
      'import builtins\nbuiltins.THEIR_SITECUSTOMIZE_RAN = True\n'
    )
    const hook = installFaulthandlerHook(dir, { PYTHONPATH: theirs })
    const script = [
      'import builtins, os, time',
      'assert builtins.THEIR_SITECUSTOMIZE_RAN',
      `os.kill(os.getpid(), ${STACKS_SIGNAL})`,
      'time.sleep(0.2)',
      'print(os.getpid())'
    ].join('\n')
    // any Python 3 will do: the hook uses the standard library only
    const pid = execFileSync('python3', ['-c', script], {
      env: { ...process.env, ...hook.env },
      encoding: 'utf8'
    }).trim()
    const written = fs.readFileSync(path.join(hook.stacksDir, `stacks-${pid}.txt`), 'utf8')
    expect(written).toMatch(
      /^Current thread 0x[0-9a-f]+ \(most recent call first\):\n {2}File "<string>", line 3 in <module>/
    )
  })
})
