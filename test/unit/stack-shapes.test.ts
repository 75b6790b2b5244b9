// How a stack's parts are recognised: files by their trailing path, the loop's
// machinery, a forked child's inherited frames, the ranking of loop threads
// and what counts as the app's own code.

import { describe, expect, it } from 'vitest'
import {
  appRelative,
  frameLabel,
  inFile,
  isAppCode,
  loopShape,
  ownFrames,
  rankLoopThreads,
  sameFrame
} from '../../src/analysis/stack-shapes.js'
import type { Frame, ThreadStack } from '../../src/core/diagnosis.js'

const f = (name: string, file: string, line = 1, shortFile = file.split('/').slice(-2).join('/')): Frame => ({
  name,
  file,
  shortFile,
  line
})
const thread = (frames: Frame[], name?: string): ThreadStack => ({
  pid: 1,
  threadId: name ?? 't',
  active: false,
  ownsGil: false,
  frames,
  ...(name ? { name } : {})
})

const LIB = '/usr/lib/python3.12'
const DISPATCH = f('_run', `${LIB}/asyncio/events.py`, 88, 'asyncio/events.py')
const SELECT = f('select', `${LIB}/selectors.py`, 468, 'selectors.py')
const RUN_ONCE = f('_run_once', `${LIB}/asyncio/base_events.py`, 1987, 'asyncio/base_events.py')
const RUNNER = f('run', `${LIB}/asyncio/runners.py`, 118, 'asyncio/runners.py')
const UVICORN = f('run', '/srv/.venv/lib/python3.12/site-packages/uvicorn/server.py', 65, 'uvicorn/server.py')
const WORK = f('events', '/srv/app/main.py', 20, 'app/main.py')

describe('inFile', () => {
  it('matches a file by its whole trailing path, with Windows separators too, or by its short name', () => {
    expect(inFile(f('x', '/usr/lib/python3.12/asyncio/events.py'), 'asyncio/events.py')).toBe(true)
    expect(inFile(f('x', 'C:\\Python312\\Lib\\asyncio\\events.py'), 'asyncio/events.py')).toBe(true)
    expect(inFile(f('x', 'asyncio/events.py'), 'asyncio/events.py')).toBe(true)
    expect(inFile(f('x', '/usr/lib/python3.12/myasyncio/events.py'), 'asyncio/events.py')).toBe(false)
    expect(inFile(f('x', '/usr/lib/python3.12/asyncio/events.py/x'), 'asyncio/events.py')).toBe(false)
    expect(inFile({ name: 'x', file: '<frozen>', shortFile: 'threading.py', line: 1 }, 'threading.py')).toBe(true)
  })
})

describe('loopShape', () => {
  it('splits the work above the dispatch frame from the loop below it, and calls a selector wait idle', () => {
    expect(loopShape(thread([WORK, DISPATCH, RUN_ONCE, RUNNER]))).toMatchObject({
      work: [WORK],
      idle: false,
      serves: false
    })
    expect(loopShape(thread([SELECT, RUN_ONCE, RUNNER, UVICORN]))).toMatchObject({
      work: [SELECT],
      idle: true,
      serves: true
    })
    expect(loopShape(thread([RUN_ONCE, RUNNER]))).toMatchObject({ work: [], idle: true })
    expect(
      loopShape(thread([WORK, f('_run', '/srv/app/events.py'), f('run_forever', '/srv/app/base_events.py')]))
    ).toBeUndefined()
  })

  it("knows each frame of the loop's machinery, and no look-alike", () => {
    for (const machinery of [
      f('run_forever', `${LIB}/asyncio/base_events.py`),
      f('run_until_complete', `${LIB}/asyncio/base_events.py`),
      f('run', `${LIB}/asyncio/runners.py`),
      f('run_app', '/srv/.venv/lib/python3.12/site-packages/aiohttp/web.py'),
      f('run', '/srv/.venv/lib/python3.12/site-packages/uvloop/__init__.py'),
      { name: 'run', file: '<frozen>', shortFile: 'uvloop/__init__.py', line: 1 }
    ]) {
      expect(loopShape(thread([WORK, machinery]))?.work, machinery.file).toEqual([WORK])
    }
    for (const other of [
      f('_run', `${LIB}/asyncio/tasks.py`),
      f('call_soon', `${LIB}/asyncio/base_events.py`),
      f('run_app', '/srv/.venv/lib/python3.12/site-packages/aiohttp/web_runner.py'),
      f('other', '/srv/.venv/lib/python3.12/site-packages/aiohttp/web.py'),
      f('run', '/srv/app/uvloop_helpers.py', 1, 'app/uvloop_helpers.py')
    ]) {
      expect(loopShape(thread([WORK, other])), `${other.name} ${other.file}`).toBeUndefined()
    }
  })

  it('finds a compiled loop by the line that starts it, when the source says so', () => {
    const starter = f('main', '/srv/app/run.py', 3)
    const read = (line: string) => (file: string) => (file === '/srv/app/run.py' ? ['', '', line] : undefined)
    expect(loopShape(thread([WORK, starter]), read('    loop.run_until_complete(main())'))?.work).toEqual([WORK])
    expect(loopShape(thread([WORK, starter]), read('uvloop.run (main())'))?.work).toEqual([WORK])
    expect(loopShape(thread([WORK, starter]), read('asyncio.runner(main())'))).toBeUndefined()
    expect(loopShape(thread([WORK, starter]))).toBeUndefined()
    expect(loopShape(thread([WORK, { ...starter, line: 9 }]), read('loop.run_forever()'))).toBeUndefined()
  })

  it('serves HTTP when a server frame lies below it, by the short name or the full path', () => {
    for (const server of [
      'uvicorn/main.py',
      'hypercorn/asyncio/run.py',
      'granian/server.py',
      'gunicorn/arbiter.py',
      'daphne/server.py',
      'aiohttp/web_runner.py',
      'aiohttp/web_protocol.py',
      'aiohttp/web_server.py'
    ]) {
      expect(
        loopShape(
          thread([
            DISPATCH,
            RUNNER,
            { name: 'serve', file: `/x/site-packages/${server}`, shortFile: 'elsewhere.py', line: 1 }
          ])
        )?.serves,
        server
      ).toBe(true)
    }
    for (const other of ['myuvicorn/main.py', 'aiohttp/client.py', 'aiohttp/web_request.pyc']) {
      expect(
        loopShape(
          thread([DISPATCH, RUNNER, { name: 'x', file: `/x/site-packages/${other}`, shortFile: other, line: 1 }])
        )?.serves,
        other
      ).toBe(false)
    }
  })
})

describe('ownFrames', () => {
  it("cuts a forked child's copy of its parent's stack at multiprocessing's _launch", () => {
    const launch = f('_launch', `${LIB}/multiprocessing/popen_fork.py`, 71, 'multiprocessing/popen_fork.py')
    expect(ownFrames(thread([WORK, launch, DISPATCH, RUNNER]))).toEqual([WORK])
    expect(ownFrames(thread([launch, DISPATCH]))).toEqual([])
    expect(ownFrames(thread([WORK, f('_launch', `${LIB}/multiprocessing/popen_spawn.py`), DISPATCH]))).toHaveLength(3)
    expect(ownFrames(thread([WORK, f('launch', `${LIB}/multiprocessing/popen_fork.py`), DISPATCH]))).toHaveLength(3)
  })
})

describe('rankLoopThreads', () => {
  it('puts busy before idle, serving before not, and the main thread first among equals', () => {
    const shape = (name: string, idle: boolean, serves: boolean) => ({
      thread: thread([], name),
      work: [],
      idle,
      serves
    })
    const ranked = rankLoopThreads([
      shape('a', true, false),
      shape('MainThread', true, false),
      shape('b', true, true),
      shape('c', false, false),
      shape('d', false, true)
    ])
    expect(ranked.map(s => s.thread.name)).toEqual(['d', 'c', 'b', 'MainThread', 'a'])
    // a busy non-main thread outranks an idle main thread that serves: 4 > 2 + 1
    expect(
      rankLoopThreads([shape('MainThread', true, true), shape('w', false, false)]).map(s => s.thread.name)
    ).toEqual(['w', 'MainThread'])
  })
})

describe("the app's own code", () => {
  const scope = { appRoot: '/srv/app', libraryRoots: ['/srv/app/.venv'] }
  it('is under the app root, not the root itself, not installed, not in a library root', () => {
    expect(isAppCode(f('x', '/srv/app/main.py'), scope)).toBe(true)
    expect(isAppCode(f('x', '/srv/app'), scope)).toBe(false)
    expect(isAppCode(f('x', '/srv/application/main.py'), scope)).toBe(false)
    expect(isAppCode(f('x', '/srv/app/.venv/lib/x.py'), scope)).toBe(false)
    expect(isAppCode(f('x', '/srv/app/vendor/dist-packages/x.py'), scope)).toBe(false)
    expect(isAppCode(f('x', 'app/main.py'), scope)).toBe(false)
    expect(appRelative('/srv/app/api/routes.py', scope)).toBe('api/routes.py')
  })

  it('compares frames by file, line and name, and labels them as py-spy does', () => {
    expect(sameFrame(WORK, { ...WORK })).toBe(true)
    expect(sameFrame(WORK, { ...WORK, line: 21 })).toBe(false)
    expect(sameFrame(WORK, { ...WORK, name: 'other' })).toBe(false)
    expect(sameFrame(WORK, { ...WORK, file: '/srv/app/other.py' })).toBe(false)
    expect(sameFrame(undefined, WORK)).toBe(false)
    expect(sameFrame(WORK, undefined)).toBe(false)
    expect(sameFrame(undefined, undefined)).toBe(false)
    expect(frameLabel(WORK)).toBe('events (app/main.py:20)')
  })
})
