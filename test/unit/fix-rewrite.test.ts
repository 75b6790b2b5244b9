// The fix rewriter on real source text: each statement shape of
// test/fixtures/fix-shapes, blocked as py-spy would show it, and the change
// the rewriter makes, applied to a copy and compiled by Python.

import { execFileSync } from 'node:child_process'
import * as crypto from 'node:crypto'
import * as os from 'node:os'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/analysis/classify.js'
import { proposeFix } from '../../src/fix/rewrite.js'
import {
  blockUnder,
  enclosingDef,
  findCall,
  importLine,
  importsModule,
  isBlank,
  logicalLines,
  statementAt
} from '../../src/fix/python-source.js'
import { awaited, awaitFuture, joinArgs, outermostCall, topLevelComma, unknownStatement } from '../../src/fix/edits.js'
import { sourceReader } from '../../src/engine/source-files.js'
import { fixturesDir, lineOf } from '../support/paths.js'
import { loadRecorded, recordedSourceLines } from '../support/recorded-dumps.js'
import type { Diagnosis, FixProposal, Frame, PatternId, SourceEdit } from '../../src/core/diagnosis.js'

const ROOT = path.join(fixturesDir, 'fix-shapes')
const scope = { appRoot: ROOT, libraryRoots: [] }
const SHAPES = path.join(ROOT, 'app/shapes.py')
const TOOLS = path.join(ROOT, 'app/tools.py')
const read = sourceReader()

/** A frame of the app's code at the line holding `text`. */
function app(name: string, file: string, text: string): Frame {
  return { name, file, shortFile: path.relative(ROOT, file), line: lineOf(file, text) }
}

/** A frame of the standard library. */
const lib = (name: string, shortFile: string): Frame => ({
  name,
  file: `/usr/lib/python3.11/${shortFile}`,
  shortFile,
  line: 100
})

/** Below the coroutine: asyncio dispatching a task step, as py-spy shows it. */
const LOOP: Frame[] = [
  lib('_run', 'asyncio/events.py'),
  lib('_run_once', 'asyncio/base_events.py'),
  lib('run_forever', 'asyncio/base_events.py'),
  lib('run', 'asyncio/runners.py')
]

/** The loop thread blocked with these frames (innermost first) on top of the loop. */
function blocked(pattern: PatternId, frames: Frame[]): Diagnosis {
  const culprit = frames.find(f => f.file.startsWith(ROOT)) as Frame
  return {
    pattern,
    explanation: '',
    otherThreads: [],
    timeline: [],
    totalSamples: 1,
    details: {},
    loopStack: { pid: 1, threadId: '1', active: false, ownsGil: false, frames: [...frames, ...LOOP] },
    culprit: {
      path: path.relative(ROOT, culprit.file),
      absolutePath: culprit.file,
      line: culprit.line,
      function: culprit.name
    }
  }
}

/** The files of the fixture with the proposal's edits applied (bottom up, so line numbers hold), in memory. */
function applied(edits: SourceEdit[]): Record<string, string[]> {
  const files: Record<string, string[]> = {}
  for (const edit of [...edits].sort((a, b) => b.firstLine - a.firstLine)) {
    const lines = (files[edit.path] ??= fs.readFileSync(path.join(ROOT, edit.path), 'utf8').split('\n'))
    expect(lines.slice(edit.firstLine - 1, edit.lastLine)).toEqual(edit.before)
    lines.splice(edit.firstLine - 1, edit.lastLine - edit.firstLine + 1, ...edit.after)
  }
  // a SyntaxError (an `await` outside `async def`, a broken call) fails here; one Python for all the files
  const sources = Object.fromEntries(Object.entries(files).map(([file, lines]) => [file, lines.join('\n')]))
  compiles(sources)
  return files
}

/**
 * Python compiles these sources, or this throws its SyntaxError. Sources seen
 * to compile are remembered by their hash in the temporary directory: the
 * mutation check runs these tests thousands of times, mostly on the same text.
 */
function compiles(sources: Record<string, string>): void {
  const text = JSON.stringify(sources)
  const seen = path.join(COMPILED_DIR, crypto.createHash('sha256').update(text).digest('hex'))
  if (fs.existsSync(seen)) return
  execFileSync('python3', ['-c', COMPILE_ALL], { input: text, stdio: ['pipe', 'ignore', 'pipe'] })
  fs.mkdirSync(COMPILED_DIR, { recursive: true })
  fs.writeFileSync(seen, '')
}

const COMPILED_DIR = path.join(os.tmpdir(), 'backend-hang-debug-compiled')

const COMPILE_ALL = "import json, sys\nfor name, source in json.load(sys.stdin).items(): compile(source, name, 'exec')"

/** The proposal with the checkout's own path left out, so that its snapshot holds on any machine. */
function portable(proposal: FixProposal): unknown {
  return JSON.parse(JSON.stringify(proposal).replaceAll(ROOT, '<fix-shapes>'))
}

/**
 * The proposal's main change, applied and compiled. The whole proposal (its
 * advice, summaries, notes and alternative, word for word) is also held
 * against the test's snapshot in __snapshots__/fix-rewrite.test.ts.snap.
 */
function primaryOf(proposal: FixProposal): { after: string; edits: SourceEdit[]; files: Record<string, string[]> } {
  expect(portable(proposal)).toMatchSnapshot()
  const primary = proposal.primary
  if (!primary) throw new Error(`no primary change: ${proposal.unknownShape}`)
  return {
    after: (primary.edits[0] as SourceEdit).after.join('\n'),
    edits: primary.edits,
    files: applied(primary.edits)
  }
}

describe('a blocking call in a plain helper: the fix goes to the coroutine that calls it', () => {
  it('one helper deep (the call as maintainers fixed it upstream): one line in the route, and the helper made async as the alternative', () => {
    const d = blocked('subprocess-wait', [
      lib('_wait', 'subprocess.py'),
      lib('run', 'subprocess.py'),
      app('run_executable_sync', TOOLS, 'return subprocess.run([cmd], cwd=cwd, check=False)'),
      app('through_one_helper', SHAPES, 'result = tools.run_executable_sync(cmd, cwd="/tmp")')
    ])
    const proposal = proposeFix(d, scope, read)
    const { after, edits } = primaryOf(proposal)
    expect(proposal.primary?.where).toEqual({
      path: 'app/shapes.py',
      line: lineOf(SHAPES, 'result = tools.run_executable_sync('),
      function: 'through_one_helper'
    })
    expect(after).toBe('    result = await asyncio.to_thread(tools.run_executable_sync, cmd, cwd="/tmp")')
    // shapes.py has no `import asyncio`: the change adds it above the first import
    expect(edits[1]).toMatchObject({
      path: 'app/shapes.py',
      firstLine: lineOf(SHAPES, 'import subprocess'),
      after: ['import asyncio'],
      before: []
    })
    const alternative = proposal.alternative
    expect(alternative?.summary).toContain('Or make `run_executable_sync` async')
    expect(alternative?.edits.map(e => e.after.join('\n'))).toEqual([
      'async def run_executable_sync(cmd, cwd=None):',
      '    return await asyncio.to_thread(subprocess.run, [cmd], cwd=cwd, check=False)',
      '    result = await tools.run_executable_sync(cmd, cwd="/tmp")'
    ])
  })

  it("two helpers deep: still the coroutine's line, calling the outer helper in a worker thread", () => {
    const d = blocked('subprocess-wait', [
      lib('run', 'subprocess.py'),
      app('run_executable_sync', TOOLS, 'return subprocess.run([cmd], cwd=cwd, check=False)'),
      app('build_and_run', TOOLS, 'return run_executable_sync(cmd)'),
      app('through_two_helpers', SHAPES, 'return tools.build_and_run(cmd)')
    ])
    const proposal = proposeFix(d, scope, read)
    expect(primaryOf(proposal).after).toBe('    return await asyncio.to_thread(tools.build_and_run, cmd)')
    expect(proposal.alternative).toBeUndefined()
  })

  it('a multi-line call with keyword arguments keeps its lines', () => {
    const d = blocked('sync-sleep', [
      app('fetch_profile', TOOLS, 'time.sleep(timeout)'),
      app('assign', SHAPES, 'profile = tools.fetch_profile(')
    ])
    expect(primaryOf(proposeFix(d, scope, read)).after).toBe(
      [
        '    profile = await asyncio.to_thread(tools.fetch_profile,',
        '        user_id,',
        '        timeout=30,',
        '        retries=2,',
        '    )'
      ].join('\n')
    )
  })

  it('a bare call, a returned call, and a call whose result is used at once', () => {
    const notify = blocked('sync-sleep', [
      app('notify', TOOLS, "time.sleep(1)  # the pager's round trip"),
      app('bare', SHAPES, 'tools.notify("deploy", urgent=True)')
    ])
    expect(primaryOf(proposeFix(notify, scope, read)).after).toBe(
      '    await asyncio.to_thread(tools.notify, "deploy", urgent=True)'
    )
    const render = (route: string, text: string) =>
      primaryOf(
        proposeFix(
          blocked('sync-sleep', [
            app('render_report', TOOLS, "time.sleep(1)  # the renderer's work"),
            app(route, SHAPES, text)
          ]),
          scope,
          read
        )
      ).after
    expect(render('returned', 'return tools.render_report(name, fmt="pdf")')).toBe(
      '    return await asyncio.to_thread(tools.render_report, name, fmt="pdf")'
    )
    expect(render('attribute', 'size = tools.render_report(name).size')).toBe(
      '    size = (await asyncio.to_thread(tools.render_report, name)).size'
    )
  })

  it('a Future.result() behind a sync wait() method: the future awaited on the async side', () => {
    const d = blocked('future-result', [
      lib('wait', 'threading.py'),
      lib('result', 'concurrent/futures/_base.py'),
      app('wait', TOOLS, 'return self.future.result()'),
      app('wait_for_job', SHAPES, 'outcome = job.wait()')
    ])
    const proposal = proposeFix(d, scope, read)
    expect(primaryOf(proposal).after).toBe('    outcome = await asyncio.wrap_future(job.future)')
    expect(proposal.primary?.summary).toContain('Await the future `job.wait()` waits on')
  })

  it('a for loop over a blocking generator: each item taken in a worker thread, the body untouched', () => {
    const d = blocked('sync-sleep', [
      app('follow', TOOLS, 'time.sleep(1)  # until the file grows'),
      app('tail_log', SHAPES, 'for line in tools.follow(path):')
    ])
    const { after, files } = primaryOf(proposeFix(d, scope, read))
    expect(after).toBe(
      [
        '    line_iter = iter(tools.follow(path))',
        '    done = object()',
        '    while (line := await asyncio.to_thread(next, line_iter, done)) is not done:'
      ].join('\n')
    )
    expect(files['app/shapes.py']?.join('\n')).toContain('is not done:\n        yield f"data: {line}\\n\\n"')
  })

  it('a shape it does not know: says so, and makes up no "after"', () => {
    const d = blocked('sync-sleep', [
      app('render_report', TOOLS, "time.sleep(1)  # the renderer's work"),
      app('unknown_shape', SHAPES, 'return {"report": f"{tools.render_report(name)}"}')
    ])
    const proposal = proposeFix(d, scope, read)
    expect(proposal.primary).toBeUndefined()
    expect(proposal.unknownShape).toBe(
      'the rewriter does not know this statement\'s shape: `return {"report": f"{tools.render_report(name)}"}`'
    )
    expect(proposal.advice).toContain('time.sleep')
    expect(portable(proposal)).toMatchSnapshot()
  })
})

describe("a blocking call on the coroutine's own line: rewritten where it stands", () => {
  const inPlace = (pattern: PatternId, route: string, text: string, inner: Frame[] = []) =>
    proposeFix(blocked(pattern, [...inner, app(route, SHAPES, text)]), scope, read)

  it('time.sleep in nested blocks', () => {
    expect(primaryOf(inPlace('sync-sleep', 'sleep_between_polls', 'time.sleep(0.5 * attempt)')).after).toBe(
      '            await asyncio.sleep(0.5 * attempt)'
    )
  })

  it('`with lock:`: acquired in a worker thread, the body kept, released in finally', () => {
    const proposal = inPlace('lock-wait', 'with_lock', 'with audit_lock:')
    expect(primaryOf(proposal).after).toBe(
      [
        '    await asyncio.to_thread(audit_lock.acquire)',
        '    try:',
        '        tools.append(entry)',
        '        tools.flush()',
        '    finally:',
        '        audit_lock.release()'
      ].join('\n')
    )
    expect(proposal.notes.join(' ')).toContain('acquire with a timeout')
  })

  it('lock.acquire(), Thread.join(timeout=...), Future.result()', () => {
    expect(primaryOf(inPlace('lock-wait', 'acquire_then_release', 'audit_lock.acquire()')).after).toBe(
      '    await asyncio.to_thread(audit_lock.acquire)'
    )
    expect(
      primaryOf(
        inPlace('thread-join', 'join_worker', 'worker.join(timeout=30)', [
          lib('_wait_for_tstate_lock', 'threading.py'),
          lib('join', 'threading.py')
        ])
      ).after
    ).toBe('    await asyncio.to_thread(worker.join, timeout=30)')
    expect(
      primaryOf(
        inPlace('future-result', 'result_of_future', 'value = future.result()', [
          lib('result', 'concurrent/futures/_base.py')
        ])
      ).after
    ).toBe('    value = await asyncio.wrap_future(future)')
  })

  it('subprocess.run and Popen(...).communicate()', () => {
    expect(
      primaryOf(
        inPlace('subprocess-wait', 'run_subprocess', 'completed = subprocess.run(', [lib('run', 'subprocess.py')])
      ).after
    ).toBe(
      '    completed = await asyncio.to_thread(subprocess.run, ["gzip", "-k", path], check=True, capture_output=True)'
    )
    expect(
      primaryOf(
        inPlace('subprocess-wait', 'communicate', 'out, err = subprocess.Popen(', [lib('communicate', 'subprocess.py')])
      ).after
    ).toBe('    out, err = await asyncio.to_thread(subprocess.Popen(["uptime"], stdout=subprocess.PIPE).communicate)')
  })

  it("`with ThreadPoolExecutor(...) as pool:`: the user's own block, the pool created before it and shut down without waiting", () => {
    const { after, edits } = primaryOf(
      inPlace('executor-shutdown-wait', 'pooled', 'with ThreadPoolExecutor(max_workers=4) as pool:')
    )
    expect(after).toBe(
      [
        '    pool = ThreadPoolExecutor(max_workers=4)',
        '    try:',
        '        for item in pool.map(tools.fetch_profile, items):',
        '            yield item',
        '    finally:',
        '        # the client may be gone: do not wait for the pool (Python >= 3.9)',
        '        pool.shutdown(wait=False, cancel_futures=True)'
      ].join('\n')
    )
    // no asyncio in that change: no import added
    expect(edits).toHaveLength(1)
  })

  it('an explicit `pool.shutdown()`: shut down without waiting', () => {
    const { after, edits } = primaryOf(
      inPlace('executor-shutdown-wait', 'explicit_shutdown', 'executor.shutdown()', [
        lib('shutdown', 'concurrent/futures/thread.py')
      ])
    )
    expect(after).toBe('    executor.shutdown(wait=False, cancel_futures=True)')
    expect(edits).toHaveLength(1)
  })

  it('a computation on the line: the outermost call in a worker thread, a lone generator argument put in brackets', () => {
    const { after, edits } = primaryOf(inPlace('cpu-bound', 'sum_of_squares', 'total = sum(i * i for i in range(n))'))
    expect(after).toBe('    total = await asyncio.to_thread(sum, (i * i for i in range(n)))')
    expect(edits[1]).toMatchObject({ path: 'app/shapes.py', after: ['import asyncio'], before: [] })
  })

  it("a child's wait() with no frame of the subprocess module below it, a result() with a timeout, a queue's get()", () => {
    expect(primaryOf(inPlace('subprocess-wait', 'wait_for_child', 'child.wait()')).after).toBe(
      '    await asyncio.to_thread(child.wait)'
    )
    expect(
      primaryOf(
        inPlace('future-result', 'result_with_timeout', 'return future.result(timeout=5)', [
          lib('result', 'concurrent/futures/_base.py')
        ])
      ).after
    ).toBe('    return await asyncio.wait_for(asyncio.wrap_future(future), 5)')
    expect(primaryOf(inPlace('lock-wait', 'take_from_queue', 'job = jobs.get()', [lib('get', 'queue.py')])).after).toBe(
      '    job = await asyncio.to_thread(jobs.get)'
    )
    // a receiver in brackets is kept whole
    expect(
      primaryOf(inPlace('lock-wait', 'wait_for_either', '(first or second).wait()', [lib('wait', 'threading.py')]))
        .after
    ).toBe('    await asyncio.to_thread((first or second).wait)')
  })
})

describe('on the recorded example app and pattern fixtures', () => {
  it("the news app's executor fix is the app's own block, with its own names", () => {
    const recorded = loadRecorded('news-app-asyncio')
    const shop = { appRoot: recorded.appRoot, libraryRoots: [`${recorded.appRoot}/.venv`] }
    const d = diagnose({ samples: recorded.samples, scope: shop, readLines: recordedSourceLines })
    const proposal = proposeFix(d, shop, recordedSourceLines)
    const after = proposal.primary?.edits[0]?.after.join('\n') ?? ''
    expect(after).toContain('pool = ThreadPoolExecutor(max_workers=len(SOURCES))')
    expect(after).toContain('pending = [loop.run_in_executor(pool, fetch_feed, source) for source in SOURCES]')
    expect(after).toContain('pool.shutdown(wait=False, cancel_futures=True)')
    expect(after).not.toMatch(/\bwork\b|\bitem\b|\bjobs\b/)
  })
})

describe('python-source', () => {
  it('reads statements over several lines, with brackets, strings and backslashes', () => {
    const lines = ['x = f(', '    "a)(",', ')', 'y = 1 + \\', '    2', 's = """', '(', '"""', '# c', 'z = 3']
    expect(logicalLines(lines).map(l => [l.first, l.last])).toEqual([
      [1, 3],
      [4, 5],
      [6, 8],
      [10, 10]
    ])
    expect(statementAt(lines, 2)?.first).toBe(1)
  })

  it('knows the function a line is in, and whether it is async', () => {
    const lines = [
      '@app.get("/x")',
      'async def route():',
      '    if True:',
      '        def helper():',
      '            return 1',
      '        return helper()'
    ]
    expect(enclosingDef(lines, 5)).toMatchObject({ name: 'helper', async: false })
    expect(enclosingDef(lines, 6)).toMatchObject({ name: 'route', async: true })
    expect(enclosingDef(['x = 1'], 1)).toBeUndefined()
  })

  it('finds a call with its receiver as written, and never one inside a string', () => {
    expect(findCall('out = subprocess.Popen(["a b"], x=1).communicate()', 'communicate')?.callee).toBe(
      'subprocess.Popen(["a b"], x=1).communicate'
    )
    expect(findCall('y = pool[0].submit(f, 1)', 'submit')?.callee).toBe('pool[0].submit')
    expect(findCall('log("sleep(1)")', 'sleep')).toBeUndefined()
    expect(findCall('time.sleep(2)', 'sleep')).toMatchObject({ callee: 'time.sleep', args: '2' })
  })
})

describe('python-source, edge by edge', () => {
  const spans = (lines: string[]) => logicalLines(lines).map(l => [l.first, l.last, l.indent])

  it('skips blank and comment lines between statements, and keeps a comment with a # in a string out of the count', () => {
    expect([isBlank('   '), isBlank('  # note'), isBlank('x = 1  # note'), isBlank('  x')]).toEqual([
      true,
      true,
      false,
      false
    ])
    expect(spans(['', '  # lead', 'a = "#("', 'b = 1  # (', '', '    c = (', '  # inside', '    )'])).toEqual([
      [3, 3, 0],
      [4, 4, 0],
      [6, 8, 4]
    ])
  })

  it('follows escaped quotes, escapes in triple-quoted strings, and a backslash only at the end of a line', () => {
    expect(spans(['a = "x\\"(" ', "b = '(\\''", 'c = 1'])).toEqual([
      [1, 1, 0],
      [2, 2, 0],
      [3, 3, 0]
    ])
    expect(spans(["s = '''a", "\\''' (", "'''", 'd = 2'])).toEqual([
      [1, 3, 0],
      [4, 4, 0]
    ])
    expect(spans(['e = a \\ b', 'f = 1', 'g = 1 + \\  ', '    2'])).toEqual([
      [1, 1, 0],
      [2, 2, 0],
      [3, 4, 0]
    ])
    // a bracket closed more often than opened does not swallow the next lines
    expect(spans(['x = 1)', 'y = (', ')'])).toEqual([
      [1, 1, 0],
      [2, 3, 0]
    ])
    // an open statement at the end of the file is still one
    expect(spans(['z = f(', '  1,'])).toEqual([[1, 2, 0]])
    expect(statementAt(['a = 1', '', 'b = 2'], 2)).toBeUndefined()
    expect(statementAt(['a = 1', '', 'b = 2'], 3)?.first).toBe(3)
  })

  it("finds the def a line is in through blocks, a def's name and whether it is async, and nothing at the top level", () => {
    const lines = [
      'class A:',
      '    async  def  go (self):',
      '        for x in y:',
      '            if x:',
      '                pass',
      'def  top():',
      '    return 1',
      'x = 2'
    ]
    expect(enclosingDef(lines, 5)).toEqual({ name: 'go', async: true, line: 2, indent: 4 })
    expect(enclosingDef(lines, 7)).toEqual({ name: 'top', async: false, line: 6, indent: 0 })
    expect(enclosingDef(lines, 8)).toBeUndefined()
    expect(enclosingDef(lines, 2)).toBeUndefined()
    expect(enclosingDef(lines, 99)).toBeUndefined()
    expect(enclosingDef(['if a:', '    b = 1'], 2)).toBeUndefined()
    expect(enclosingDef(['    async defx():', '        y = 1'], 2)).toBeUndefined()
  })

  it('gives the block under a header up to its last statement, and none for a header without a body', () => {
    const lines = ['with a:', '    b = (', '        1)', '', '    c = 2', 'd = 3']
    const header = statementAt(lines, 1)
    expect(header && blockUnder(lines, header)).toEqual({ first: 2, last: 5 })
    const last = statementAt(lines, 6)
    expect(last && blockUnder(lines, last)).toBeUndefined()
  })

  it('finds a call after whitespace and across receivers of calls, subscripts and spaces; not one that is part of a longer name', () => {
    expect(findCall('x = a . b ( 1 )', 'b')).toEqual({ start: 4, callee: 'a . b', open: 10, close: 14, args: ' 1 ' })
    expect(findCall('x = get(1)[0] .sleep (2)', 'sleep')).toMatchObject({ callee: 'get(1)[0] .sleep', args: '2' })
    expect(findCall('x = (a or b).sleep(2)', 'sleep')).toMatchObject({ callee: '(a or b).sleep', start: 4 })
    expect(findCall('n = [1, 2] .count(1)', 'count')).toMatchObject({ callee: '[1, 2] .count', start: 4 })
    expect(findCall('(a or b).wait()', 'wait')).toMatchObject({ callee: '(a or b).wait', start: 0 })
    expect(findCall('asleep(1); sleep(2)', 'sleep')).toMatchObject({ start: 11, args: '2' })
    expect(findCall('sleep(1', 'sleep')).toBeUndefined()
    expect(findCall('f("a(" , sleep(")"))', 'sleep')).toMatchObject({ args: '")"' })
    expect(findCall("s = '''sleep(1)''' + sleep(3)", 'sleep')).toMatchObject({ args: '3' })
    expect(findCall('s = "\\"sleep(1)" + sleep(4)', 'sleep')).toMatchObject({ args: '4' })
    expect(findCall('x = 1  # sleep(1)', 'sleep')).toBeUndefined()
    expect(findCall('x = (1,  # sleep(1)\n  sleep(5))', 'sleep')).toMatchObject({ args: '5' })
    expect(findCall('a.b.c.sleep(6)', 'sleep')).toMatchObject({ start: 0, callee: 'a.b.c.sleep' })
    expect(findCall('.sleep(7)', 'sleep')).toMatchObject({ start: 1, callee: 'sleep' })
  })

  it('knows whether a module imports asyncio under its own name', () => {
    expect(importsModule(['import os, asyncio'], 'asyncio')).toBe(true)
    expect(importsModule(['  import asyncio'], 'asyncio')).toBe(true)
    expect(importsModule(['import asyncio as aio'], 'asyncio')).toBe(false)
    expect(importsModule(['import asyncio_extras'], 'asyncio')).toBe(false)
    expect(importsModule(['from asyncio import sleep'], 'asyncio')).toBe(false)
    expect(importsModule(['x = 1', 'import asyncio'], 'asyncio')).toBe(true)
  })

  it('puts a new import before the first import, after a docstring and __future__ imports, or at the top', () => {
    expect(importLine(['"""Doc."""', 'from __future__ import annotations', '', 'import os'])).toBe(4)
    expect(importLine(['"""Doc', 'more."""', 'from  __future__ import annotations', 'x = 1'])).toBe(4)
    expect(importLine(["'''Doc.'''", 'x = 1'])).toBe(2)
    expect(importLine(['x = 1', 'from os import path'])).toBe(2)
    expect(importLine(['x = 1'])).toBe(1)
    expect(importLine([])).toBe(1)
    expect(importLine(['def f():', '    import os'])).toBe(1)
    expect(importLine(['importer = 1', 'fromage = 2'])).toBe(1)
  })
})

describe('a for loop in the coroutine over a blocking iterator: each item taken off the loop', () => {
  const LIB = path.join(fixturesDir, 'fix-shapes-lib/site-packages/streamlib/__init__.py')
  /** A frame of the streaming library, at the line holding `text`. */
  const library = (name: string, text: string): Frame => ({
    name,
    file: LIB,
    shortFile: 'streamlib/__init__.py',
    line: lineOf(LIB, text)
  })

  it('a library generator (a synchronous streaming response): the header changes, break and else keep their meaning', () => {
    const d = blocked('sync-io', [
      library('iter_lines', 'chunk = self.sock.recv(4096)'),
      app('relay', SHAPES, 'for line in upstream.iter_lines():')
    ])
    const { after, files } = primaryOf(proposeFix(d, scope, read))
    expect(after).toBe(
      [
        '        line_iter = iter(upstream.iter_lines())',
        '        done = object()',
        '        while (line := await asyncio.to_thread(next, line_iter, done)) is not done:'
      ].join('\n')
    )
    // the body, its break and the loop's else stay as written, under the while
    expect(files['app/shapes.py']?.join('\n')).toContain(
      [
        '        while (line := await asyncio.to_thread(next, line_iter, done)) is not done:',
        '            if line == b"[DONE]":',
        '                break',
        '            yield f"data: {line.decode()}\\n\\n"',
        '        else:'
      ].join('\n')
    )
  })

  it('an iterable whose making opens the stream (a call on a call) is made in the worker thread too, and a tuple target unpacked', () => {
    const d = blocked('sync-io', [
      library('iter_lines', 'chunk = self.sock.recv(4096)'),
      app('relay', SHAPES, 'for number, line in enumerate(streamlib.get(url, stream=True).iter_lines()):')
    ])
    const { after } = primaryOf(proposeFix(d, scope, read))
    expect(after).toBe(
      [
        '        items_iter = await asyncio.to_thread(lambda: iter(enumerate(streamlib.get(url, stream=True).iter_lines())))',
        '        done = object()',
        '        while (item := await asyncio.to_thread(next, items_iter, done)) is not done:',
        '            number, line = item'
      ].join('\n')
    )
  })

  it('a C iterator (a pipe read line by line) with no frame of its own: the same rewrite', () => {
    const d = blocked('unknown', [app('child_output', SHAPES, 'for line in child.stdout:')])
    const { after } = primaryOf(proposeFix(d, scope, read))
    expect(after).toBe(
      [
        '    line_iter = iter(child.stdout)',
        '    done = object()',
        '    while (line := await asyncio.to_thread(next, line_iter, done)) is not done:'
      ].join('\n')
    )
  })
})

describe('edits, piece by piece', () => {
  it('finds a comma outside brackets only', () => {
    expect(topLevelComma('a, b')).toBe(true)
    expect(topLevelComma('f(a, b)')).toBe(false)
    expect(topLevelComma('[a, b]')).toBe(false)
    expect(topLevelComma('{"a": 1, "b": 2}')).toBe(false)
    expect(topLevelComma('f(a)(b), c')).toBe(true)
    expect(topLevelComma('g[0], h')).toBe(true)
    expect(topLevelComma('x')).toBe(false)
  })

  it('joins arguments after the callee, a lone generator in its own parentheses', () => {
    expect(joinArgs('')).toBe('')
    expect(joinArgs('  ')).toBe('')
    expect(joinArgs('a, b')).toBe(', a, b')
    expect(joinArgs(' x for x in items ')).toBe(', (x for x in items)')
    expect(joinArgs('(x for x in items)')).toBe(', (x for x in items)')
    expect(joinArgs(' [x for x in items]')).toBe(',  [x for x in items]')
    expect(joinArgs('x for x in a, b')).toBe(', x for x in a, b')
    expect(joinArgs('\n    a,\n    b\n')).toBe(',\n    a,\n    b\n')
  })

  it('awaits a future with its timeout, and parenthesises a call something follows', () => {
    const text = 'value = pending.result(timeout = 5).strip()'
    const call = findCall(text, 'result') as NonNullable<ReturnType<typeof findCall>>
    expect(awaitFuture(text, call, 'pending', 'timeout = 5')).toBe(
      '(await asyncio.wait_for(asyncio.wrap_future(pending), 5))'
    )
    const bare = 'value = pending.result()'
    const plain = findCall(bare, 'result') as NonNullable<ReturnType<typeof findCall>>
    expect(awaitFuture(bare, plain, 'pending', '')).toBe('await asyncio.wrap_future(pending)')
    expect(awaited('f(x) [0]', findCall('f(x) [0]', 'f') as NonNullable<ReturnType<typeof findCall>>, 'g()')).toBe(
      '(await g())'
    )
  })

  it('finds the first call of a statement that is one, and says when a statement is not', () => {
    expect(outermostCall('result = client.fetch(url)')?.callee).toBe('client.fetch')
    expect(outermostCall('a, b = split(line)')?.callee).toBe('split')
    expect(outermostCall('return  render(x)')?.callee).toBe('render')
    expect(outermostCall('yield\tnext_item(it)')?.callee).toBe('next_item')
    expect(outermostCall('x = 1 + f(y)')).toBeUndefined()
    expect(outermostCall('if ready:')).toBeUndefined()
    const long = { first: 1, last: 1, indent: 4, lines: [`    x = ${'a'.repeat(130)}`] }
    expect(unknownStatement(long)).toBe(
      `the rewriter does not know this statement's shape: \`x = ${'a'.repeat(113)}...\``
    )
    // exactly 120 characters: shown whole
    const exact = { first: 1, last: 2, indent: 2, lines: ['  x = (', `      ${'b'.repeat(114)}`] }
    expect(unknownStatement(exact)).toBe(
      `the rewriter does not know this statement's shape: \`x = ( ${'b'.repeat(114)}\``
    )
  })
})
