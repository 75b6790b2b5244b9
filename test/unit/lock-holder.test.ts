// Honest when unsure: which thread holds the lock the loop waits for, read
// from the code each other thread is in, and the next best change when the
// tried change left the loop blocked.

import { describe, expect, it } from 'vitest'
import { lockHolder } from '../../src/analysis/lock-holder.js'
import type { Frame, ThreadStack } from '../../src/core/diagnosis.js'
import { nextStep } from '../../src/fix/advice.js'

const scope = { appRoot: '/srv/app', libraryRoots: ['/srv/app/.venv'] }

const frame = (file: string, line: number, name = 'work'): Frame => ({ name, file, line, shortFile: file })
const thread = (frames: Frame[], name?: string): ThreadStack => ({
  pid: 1,
  threadId: '0x7f01',
  ...(name ? { name } : {}),
  active: false,
  ownsGil: false,
  frames
})

function holderIn(source: string, line: number, variable = 'stats_lock', threadName?: string) {
  const files: Record<string, string[]> = { '/srv/app/jobs.py': source.split('\n') }
  return lockHolder(
    variable,
    [thread([frame('/usr/lib/python3.11/threading.py', 320, 'wait'), frame('/srv/app/jobs.py', line)], threadName)],
    scope,
    file => files[file]
  )
}

describe('lockHolder', () => {
  it('finds the thread whose frame lies inside a with over the lock', () => {
    const source = [
      'def export():',
      '    with stats_lock:',
      '        prepare()',
      '        backend.wait()',
      '    done()'
    ].join('\n')
    expect(holderIn(source, 4, 'stats_lock', 'exporter')).toEqual({
      thread: '"exporter"',
      at: { path: 'jobs.py', absolutePath: '/srv/app/jobs.py', line: 4, function: 'work' },
      takenBy: 'with stats_lock:',
      takenAtLine: 2
    })
    // its id when the thread has no name
    expect(holderIn(source, 4)?.thread).toBe('0x7f01')
    // a line after the block is not inside it
    expect(holderIn(source, 5)).toBeUndefined()
  })

  it('finds an acquire with no release since, and not one released before the frame', () => {
    const held = ['def export():', '    stats_lock.acquire()', '    try:', '        backend.wait()', '    finally:']
    expect(holderIn(held.join('\n'), 4)).toMatchObject({ takenBy: 'stats_lock.acquire()', takenAtLine: 2 })
    const released = ['def export():', '    stats_lock.acquire()', '    stats_lock.release()', '    backend.wait()']
    expect(holderIn(released.join('\n'), 4)).toBeUndefined()
  })

  it('matches the name as either side writes it, and only that name', () => {
    const source = ['class Exporter:', '    def run(self):', '        with self.lock:', '            backend.wait()']
    expect(holderIn(source.join('\n'), 4, 'exporter.lock')).toMatchObject({ takenBy: 'with self.lock:' })
    expect(holderIn(source.join('\n'), 4, 'cache_lock')).toBeUndefined()
    const other = ['def export():', '    with other_stats_lock:', '        backend.wait()']
    expect(holderIn(other.join('\n'), 3)).toBeUndefined()
  })

  it('reads past blank lines, comments and deeper blocks, up to the first line, and escapes the name', () => {
    const commented = ['def export():', '    with stats_lock:', '# at column 0', '', '        backend.wait()']
    expect(holderIn(commented.join('\n'), 5)).toMatchObject({ takenAtLine: 2 })
    const nested = [
      'def f():',
      '    with stats_lock:',
      '        if x:',
      '            stats_lock.release()',
      '        wait()'
    ]
    expect(holderIn(nested.join('\n'), 5)).toMatchObject({ takenAtLine: 2 })
    expect(holderIn('with stats_lock:\n    work()', 2)).toMatchObject({ takenAtLine: 1 })
    const loop = ['def export():', '    with stats_lock:', '        for undef in items:', '            wait()']
    expect(holderIn(loop.join('\n'), 4)).toMatchObject({ takenAtLine: 2 })
    expect(holderIn('with locks[0]:\n    work()', 2, 'locks[0]')).toMatchObject({ takenBy: 'with locks[0]:' })
    // a frame past the end of the file read (it changed since), or a file that cannot be read
    expect(holderIn('with stats_lock:\n    work()', 9)).toBeUndefined()
    const unreadable = lockHolder('stats_lock', [thread([frame('/srv/app/gone.py', 3)])], scope, () => undefined)
    expect(unreadable).toBeUndefined()
  })

  it('takes an attribute of the same last name only when the loop named an attribute', () => {
    expect(holderIn('with self.stats_lock:\n    work()', 2, 'stats_lock')).toBeUndefined()
    expect(holderIn('with self.other:\n    work()', 2, 'exporter.lock')).toBeUndefined()
    expect(holderIn('with self.lock:\n    work()', 2, 'exporter.lock')).toMatchObject({ takenBy: 'with self.lock:' })
  })

  it('stops at the start of the frame’s function, and reads only the app’s code', () => {
    const outer = ['with stats_lock:', '    def export():', '        backend.wait()']
    expect(holderIn(outer.join('\n'), 3)).toBeUndefined()
    const asyncOuter = ['with stats_lock:', '    async  def export():', '        backend.wait()']
    expect(holderIn(asyncOuter.join('\n'), 3)).toBeUndefined()
    const library = lockHolder(
      'stats_lock',
      [thread([frame('/srv/app/.venv/lib/site-packages/lib.py', 2)])],
      scope,
      () => ['with stats_lock:', '    wait()']
    )
    expect(library).toBeUndefined()
  })
})

describe('nextStep: where a line of the changed copy was in the original', () => {
  const edit = (path: string, firstLine: number, lastLine: number, added: number) => ({
    file: `/srv/app/${path}`,
    path,
    firstLine,
    lastLine,
    before: Array.from({ length: lastLine - firstLine + 1 }, () => 'x'),
    after: Array.from({ length: added }, () => 'y')
  })
  const at = (line: number) => ({ path: 'app/main.py', absolutePath: '/srv/app/app/main.py', line, function: 'f' })
  const same = (culpritLine: number, edits: ReturnType<typeof edit>[], copyLine: number, path = 'app/main.py') =>
    nextStep(
      { culprit: at(culpritLine) },
      { primary: { summary: '', where: at(culpritLine), edits } },
      {
        verdict: 'hung',
        culprit: `${path}:${copyLine}`
      }
    )?.includes('got past') === false

  it('counts the edits above in file order, whatever order they come in', () => {
    // 10 → 5 lines and 30 → 3 lines: the copy's lines 34 to 36 are the second edit's, 37 was 31
    expect(same(30, [edit('app/main.py', 30, 30, 3), edit('app/main.py', 10, 10, 5)], 34)).toBe(true)
    expect(same(30, [edit('app/main.py', 30, 30, 3), edit('app/main.py', 10, 10, 5)], 36)).toBe(true)
    expect(same(30, [edit('app/main.py', 30, 30, 3), edit('app/main.py', 10, 10, 5)], 37)).toBe(false)
  })

  it('counts only edits of the same file, and lines an edit took away', () => {
    expect(same(10, [edit('app/other.py', 1, 1, 11), edit('app/main.py', 10, 10, 5)], 11)).toBe(true)
    // five lines made one: the copy's line 11 was line 15
    expect(same(15, [edit('app/main.py', 10, 14, 1)], 11)).toBe(true)
    expect(same(15, [edit('app/main.py', 10, 14, 1)], 15)).toBe(false)
    // a line above every edit keeps its number; one in another file is another place
    expect(same(4, [edit('app/main.py', 10, 10, 5)], 4)).toBe(true)
    expect(same(10, [edit('app/main.py', 10, 10, 5)], 10, 'app/other.py')).toBe(false)
  })
})

describe('nextStep', () => {
  const culprit = { path: 'app/main.py', absolutePath: '/srv/app/app/main.py', line: 10, function: 'events' }
  const edit = {
    file: '/srv/app/app/main.py',
    path: 'app/main.py',
    firstLine: 10,
    lastLine: 10,
    before: ['    with lock:'],
    after: [
      '    await asyncio.to_thread(lock.acquire)',
      '    try:',
      '        pass',
      '    finally:',
      '        lock.release()'
    ]
  }
  const fix = { primary: { summary: '', where: { path: 'app/main.py', line: 10, function: 'events' }, edits: [edit] } }

  it('says nothing when the change worked or was not tried', () => {
    expect(nextStep({ culprit }, fix, { verdict: 'healthy' })).toBeUndefined()
    expect(nextStep({ culprit }, fix, { skipped: 'no time' })).toBeUndefined()
    expect(nextStep({ culprit }, fix, { verdict: 'crashed' })).toBeUndefined()
  })

  it('names the lock’s holder when the code shows one', () => {
    const holder = {
      thread: '"exporter"',
      at: { ...culprit, line: 30, function: 'export' },
      takenBy: 'with lock:',
      takenAtLine: 29
    }
    expect(nextStep({ culprit, holder }, fix, { verdict: 'hung', culprit: 'app/main.py:12' })).toBe(
      '**Next:** the lock is held by thread "exporter" at `app/main.py:30` in `export`, which took it with `with lock:` (line 29) and had not let go: with the change the loop runs, but what waits for the lock still waits. Make that thread hold it only briefly (the slow part outside the block, or a timeout on its wait), or do not share the lock with code the loop runs.'
    )
  })

  it('tells a second blocking call from the changed line, counting the lines the change added', () => {
    // line 30 of the original is line 34 of the copy: the change made one line five
    expect(nextStep({ culprit }, fix, { verdict: 'hung', culprit: 'app/main.py:34', pattern: 'sync-io' })).toBe(
      '**Next:** with the change the loop got past `app/main.py:10`, and was then blocked at `app/main.py:34` of the changed code (`sync-io`): a second blocking call. Take it off the loop too; a run on the changed code names it and its fix.'
    )
    expect(nextStep({ culprit }, fix, { verdict: 'stalled', culprit: 'app/db.py:10' })).toMatch(
      /^\*\*Next:\*\* with the change the loop got past/
    )
    // any line of the change is the changed statement itself
    for (const line of [10, 12, 14])
      expect(nextStep({ culprit }, fix, { verdict: 'hung', culprit: `app/main.py:${line}` })).toBe(
        '**Next:** the loop still blocks in what this line calls: run the whole call in a worker thread (`await asyncio.to_thread(...)`), or see in the stacks where it waits.'
      )
    // a line above the change keeps its number
    expect(nextStep({ culprit }, fix, { verdict: 'hung', culprit: 'app/main.py:9' })).toMatch(/got past/)
    const generic =
      '**Next:** the loop still blocks in what this line calls: run the whole call in a worker thread (`await asyncio.to_thread(...)`), or see in the stacks where it waits.'
    // no culprit on either side: nothing to compare
    expect(nextStep(undefined, fix, { verdict: 'hung', culprit: 'app/main.py:3' })).toBe(generic)
    expect(nextStep({ culprit }, fix, { verdict: 'hung' })).toBe(generic)
    // no pattern named for the second block
    expect(nextStep({ culprit }, fix, { verdict: 'hung', culprit: 'app/main.py:40' })).toBe(
      '**Next:** with the change the loop got past `app/main.py:10`, and was then blocked at `app/main.py:40` of the changed code: a second blocking call. Take it off the loop too; a run on the changed code names it and its fix.'
    )
    const alternative = { ...fix, alternative: fix.primary }
    expect(nextStep({ culprit }, alternative, { verdict: 'hung', culprit: 'app/main.py:10' })).toBe(
      '**Next:** the loop still blocks in what this line calls: take the other way below, which makes the blocking helper async.'
    )
  })
})
