// The rules that name a pattern of the catalog from the shape of the blocked
// thread. Each rule looks at two kinds of evidence:
//
// - the library frames the app's code called into (`called`): Python code of
//   the standard library or of a package, recognised by file and function,
//   whatever the Python version calls the inner helpers;
// - the blocking primitive itself: the innermost Python frame of a waiting
//   thread calls a C function (time.sleep, lock.acquire, `with lock:`,
//   sock.recv, os.system, select.select), which py-spy cannot show; the
//   statement on that frame's line says what it calls, whoever wrote it: the
//   app, or any library, listed or not (its source is on disk).
//
// The first rule that matches names the pattern; the order puts the most
// specific evidence first (a Future's result() waits on a threading lock,
// so future-result is tried before lock-wait).

import {
  appRelative,
  frameLabel,
  inFile,
  isAppCode,
  ownFrames,
  type CodeScope,
  type LoopThreadShape
} from './stack-shapes.js'
import type { Frame, PatternId, ThreadStack } from '../core/diagnosis.js'

export interface RuleContext {
  loop: LoopThreadShape
  /** frames of libraries the app's code called, innermost first (all the loop's work when no app frame is on it) */
  called: Frame[]
  /** the statement on the culprit line, trimmed; '' when the source could not be read */
  statement: string
  /** the culprit line is the innermost frame: it is blocked in a C function it calls */
  callsIntoC: boolean
  /**
   * the statement on the innermost frame's line (the culprit's, or a
   * library's), trimmed: the C call the thread waits in; '' when unread
   */
  innermostStatement: string
  /** py-spy saw the loop thread running Python (not waiting) in every sample */
  alwaysActive: boolean
  /** every thread of the sample */
  threads: ThreadStack[]
  scope: CodeScope
}

export interface RuleMatch {
  pattern: PatternId
  /** the blocking call in words; Markdown */
  blockingCall: string
  explanation: string
  /** facts the fix is adapted to */
  details: Record<string, string>
}

type Rule = (context: RuleContext) => RuleMatch | undefined

const calls = (context: RuleContext, test: (frame: Frame) => boolean): Frame | undefined => context.called.find(test)

/**
 * The C call the thread waits in, when the innermost frame's statement (the
 * app's line or a library's) matches: classified by what blocks, not by who
 * calls it. Only for a thread that waits: a line that computes
 * (`cache.get(key)` in a hot loop) is active, and cpu-bound.
 */
const statementCalls = (context: RuleContext, pattern: RegExp): RegExpExecArray | undefined =>
  (!context.alwaysActive && pattern.exec(context.innermostStatement)) || undefined

/** The receiver of `.method(` in the statement, e.g. `pool` in `pool.shutdown()`. */
function receiverOf(statement: string, method: string): string | undefined {
  return new RegExp(`([A-Za-z_][\\w.]*)\\.${method}\\s*\\(`).exec(statement)?.[1]
}

/** The entries that have a value. */
function defined(entries: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).filter((e): e is [string, string] => e[1] !== undefined))
}

/** "f (a.py:1) ×2, g (b.py:3)" */
export function summarizeCounts(items: string[]): string {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1)
  return [...counts].map(([item, n]) => (n > 1 ? `${item} ×${n}` : item)).join(', ')
}

/** Where a thread is in the app's own code, or its innermost frame when none is the app's. */
function placeOf(thread: ThreadStack, scope: CodeScope): string {
  const own = ownFrames(thread).find(f => isAppCode(f, scope))
  return own ? `${own.name} (${appRelative(own.file, scope)}:${own.line})` : frameLabel(thread.frames[0] as Frame)
}

const LOOP_CANNOT_RUN = 'so the loop cannot run anything else, the health route included, until it returns.'

// ---------------------------------------------------------------- executor-shutdown-wait

/** ThreadPoolExecutor/ProcessPoolExecutor.shutdown(wait=True), explicit or at the end of a `with`. */
const isExecutorShutdown = (f: Frame): boolean =>
  f.name === 'shutdown' && (inFile(f, 'concurrent/futures/thread.py') || inFile(f, 'concurrent/futures/process.py'))

const executorShutdownWait: Rule = context => {
  const shutdown = calls(context, isExecutorShutdown)
  if (!shutdown) return undefined
  const kind = inFile(shutdown, 'concurrent/futures/process.py') ? 'ProcessPoolExecutor' : 'ThreadPoolExecutor'
  const implicit = context.called.some(f => f.name === '__exit__' && inFile(f, 'concurrent/futures/_base.py'))
  const details: Record<string, string> = { executor: kind, implicit: String(implicit) }

  const withMatch = /with\s+(?:[\w.]+\.)?(?:ThreadPoolExecutor|ProcessPoolExecutor)\s*\((.*)\)\s*as\s+(\w+)/.exec(
    context.statement
  )
  const variable = withMatch?.[2] ?? receiverOf(context.statement, 'shutdown')
  if (variable) details.variable = variable
  if (withMatch) details.arguments = (withMatch[1] as string).trim()

  // the pool's workers that are still running a task are what shutdown waits for
  const busyWorkers = context.threads.filter(t => t !== context.loop.thread && isBusyPoolWorker(t, kind))
  if (busyWorkers.length > 0) {
    details.waitingFor = summarizeCounts(busyWorkers.map(t => placeOf(t, context.scope)))
    details.busyWorkers = String(busyWorkers.length)
  }

  const where = implicit ? `at the end of a \`with ${kind}(...)\` block` : 'called directly'
  return {
    pattern: 'executor-shutdown-wait',
    blockingCall: `\`${kind}.shutdown(wait=True)\` ${where}`,
    explanation:
      `The event loop thread is inside \`${kind}.shutdown(wait=True)\` ${where}: it joins the pool's worker threads, ` +
      'so the loop cannot run anything else until every submitted task has finished.',
    details
  }
}

/**
 * A pool worker in the middle of a task: a thread worker inside the work
 * item's `run`, or a process worker past its wait on the call queue.
 */
function isBusyPoolWorker(thread: ThreadStack, kind: string): boolean {
  const frames = ownFrames(thread)
  if (kind === 'ThreadPoolExecutor')
    return frames.some(f => f.name === 'run' && inFile(f, 'concurrent/futures/thread.py'))
  const worker = frames.findIndex(f => f.name === '_process_worker' && inFile(f, 'concurrent/futures/process.py'))
  return worker > 0 && !inFile(frames[worker - 1] as Frame, 'multiprocessing/queues.py')
}

// ---------------------------------------------------------------- future-result

/** concurrent.futures.Future.result(), also the one run_coroutine_threadsafe returns. */
const isFutureResult = (f: Frame): boolean => f.name === 'result' && inFile(f, 'concurrent/futures/_base.py')

const futureResult: Rule = context => {
  const inResult = calls(context, isFutureResult)
  if (!inResult && !statementCalls(context, /\.result\s*\(/)) return undefined
  const variable = receiverOf(context.statement, 'result')
  const threadsafe = /run_coroutine_threadsafe/.test(context.statement)
  return {
    pattern: 'future-result',
    blockingCall: '`concurrent.futures.Future.result()`',
    explanation:
      'The event loop thread waits in `Future.result()` for a result that another thread or the loop itself must produce. ' +
      'When the future belongs to a coroutine handed to this same loop (`asyncio.run_coroutine_threadsafe(coro, loop)`), ' +
      'it can never finish: the loop that would run it is the one waiting. That is a deadlock, not a slow call.',
    details: defined({ variable, threadsafe: String(threadsafe) })
  }
}

// ---------------------------------------------------------------- thread-join

// Python 3.9–3.12 wait in _wait_for_tstate_lock; 3.13 in the thread handle's join (C) under Thread.join
const isThreadJoin = (f: Frame): boolean =>
  (f.name === 'join' || f.name === '_wait_for_tstate_lock') && inFile(f, 'threading.py')

const threadJoin: Rule = context => {
  const inJoin = calls(context, isThreadJoin)
  // Thread.join takes no argument or a timeout; str.join takes an iterable
  if (!inJoin && !statementCalls(context, /\.join\s*\(\s*(?:timeout\s*=\s*)?[\d.]*\s*\)/)) return undefined
  const variable = receiverOf(context.statement, 'join')
  return {
    pattern: 'thread-join',
    blockingCall: '`threading.Thread.join()`',
    explanation: `The event loop thread waits in \`Thread.join()\` for another thread to finish, ${LOOP_CANNOT_RUN}`,
    details: defined({ variable })
  }
}

// ---------------------------------------------------------------- subprocess-wait

const isSubprocess = (f: Frame): boolean => inFile(f, 'subprocess.py')
/** C calls that wait for a child process: os.system, os.wait*, a pipe of os.popen read to its end, pty.spawn, Popen.communicate. */
const CHILD_WAIT_STATEMENT =
  /\b(os\.system|os\.waitpid|os\.wait[34]?|os\.waitid|os\.popen|os\.spawn\w*|pty\.spawn)\s*\(|\.communicate\s*\(|\bsubprocess\.\w+\s*\(/

const subprocessWait: Rule = context => {
  const inSubprocess = calls(context, isSubprocess)
  const waited = inSubprocess ? undefined : statementCalls(context, CHILD_WAIT_STATEMENT)
  if (!inSubprocess && !waited) return undefined
  // the outermost subprocess frame is the function the app called: run, check_output, wait, ...
  const entry = [...context.called].reverse().find(isSubprocess)
  const osCall = waited?.[1]
  const call = entry
    ? `subprocess.${entry.name === 'wait' || entry.name === 'communicate' ? `Popen.${entry.name}` : entry.name}()`
    : osCall
      ? `${osCall}()`
      : 'a wait for a child process'
  return {
    pattern: 'subprocess-wait',
    blockingCall: `\`${call}\``,
    explanation: `The event loop thread waits in \`${call}\` for a child process to exit, ${LOOP_CANNOT_RUN}`,
    details: { call }
  }
}

// ---------------------------------------------------------------- sync-io

/** Modules whose frames mean blocking network or socket I/O. */
const IO_FILES = [
  'socket.py',
  'ssl.py',
  'selectors.py',
  'http/client.py',
  'urllib/request.py',
  'smtplib.py',
  'ftplib.py',
  'imaplib.py',
  'poplib.py'
]
const IO_PACKAGES =
  /(^|\/)(requests|urllib3|httpx|httpcore|botocore|boto3|redis|psycopg2|psycopg|pymysql|MySQLdb|pymongo|elasticsearch|grpc|kafka|pika|paramiko)\//
/** C calls that block on I/O, as the statement spells them. */
const IO_STATEMENT =
  /\.(?:recv|recv_into|recvfrom|recvmsg|recvfrom_into|accept|connect|connect_ex|send|sendall|sendto|sendfile|read|readline|readlines|readinto|makefile|poll|select)\s*\(|\b(?:select\.select|select\.poll|select\.epoll|socket\.create_connection|socket\.getaddrinfo|os\.read|urlopen|requests\.\w+)\s*\(/

const isBlockingIo = (f: Frame): boolean =>
  IO_FILES.some(file => inFile(f, file)) || IO_PACKAGES.test(f.shortFile) || IO_PACKAGES.test(f.file)

const syncIo: Rule = context => {
  const inIo = calls(context, isBlockingIo)
  if (!inIo && !statementCalls(context, IO_STATEMENT)) return undefined
  // name the library the app called: the outermost library frame
  const outer = context.called.at(-1)
  const library = outer ? frameLabel(outer) : context.statement
  return {
    pattern: 'sync-io',
    blockingCall: `blocking I/O in ${outer ? `\`${library}\`` : `\`${context.statement}\``}`,
    explanation:
      'The event loop thread is blocked reading or writing a socket (a synchronous HTTP client, database driver or raw socket call) ' +
      `and waits for the other side to answer, ${LOOP_CANNOT_RUN}`,
    details: { library }
  }
}

// ---------------------------------------------------------------- lock-wait

const LOCK_FILES = ['threading.py', 'queue.py', 'multiprocessing/synchronize.py', 'multiprocessing/queues.py']
/** `lock.acquire(`, `event.wait(`, `queue.get(`, or a bare `with lock:` (its __enter__ is lock.acquire, in C). */
const LOCK_STATEMENT = /\.(?:acquire|wait|get|put)\s*\(|^with\s+([A-Za-z_][\w.]*)\s*:/

const isLockWait = (f: Frame): boolean => LOCK_FILES.some(file => inFile(f, file))

const lockWait: Rule = context => {
  const inLock = calls(context, isLockWait)
  const statement = statementCalls(context, LOCK_STATEMENT)
  if (!inLock && !statement) return undefined
  // the primitive as the app called it: the outermost frame of those modules
  const outer = [...context.called].reverse().find(isLockWait)
  const isQueue = outer
    ? inFile(outer, 'queue.py') || inFile(outer, 'multiprocessing/queues.py')
    : /\.(?:get|put)\s*\(/.test(context.statement)
  const variable = statement?.[1] ?? /([A-Za-z_][\w.]*)\.(?:acquire|wait|get|put)\s*\(/.exec(context.statement)?.[1]
  const primitive = outer ? `${outer.name} (${outer.shortFile})` : context.statement
  return {
    pattern: 'lock-wait',
    blockingCall: `\`${primitive}\``,
    explanation:
      `The event loop thread waits for a threading ${isQueue ? 'queue' : 'lock or event'} that another thread holds or has yet to set, ` +
      LOOP_CANNOT_RUN,
    details: defined({ kind: isQueue ? 'queue' : 'lock', variable })
  }
}

// ---------------------------------------------------------------- sync-sleep

const syncSleep: Rule = context => {
  // py-spy shows no frame for time.sleep: the app's line is the innermost frame
  const match = statementCalls(context, /(?<![\w.])(?:time\.)?sleep\s*\((.*)\)/)
  if (!match) return undefined
  return {
    pattern: 'sync-sleep',
    blockingCall: '`time.sleep()`',
    explanation: `The event loop thread is in \`time.sleep()\`, which stops the whole thread, ${LOOP_CANNOT_RUN}`,
    details: { seconds: (match[1] as string).trim() }
  }
}

// ---------------------------------------------------------------- cpu-bound

const cpuBound: Rule = context => {
  if (!context.alwaysActive) return undefined
  const innermost = context.loop.work[0] as Frame
  return {
    pattern: 'cpu-bound',
    blockingCall: `running Python in \`${frameLabel(innermost)}\``,
    explanation:
      'The event loop thread was running (not waiting) in every sample: it is computing, and a coroutine that never awaits ' +
      'keeps the loop from serving anything else until the work is done.',
    details: {}
  }
}

/** The library frames by which the rules above recognise a blocking call, whoever made it. */
const BLOCKING_FRAMES = [isExecutorShutdown, isFutureResult, isThreadJoin, isSubprocess, isBlockingIo, isLockWait]

/** The innermost frame of a call the catalog knows to block (a lock, a socket, a join, ...), if any. */
export function catalogCall(frames: Frame[]): Frame | undefined {
  return frames.find(f => BLOCKING_FRAMES.some(isBlocking => isBlocking(f)))
}

/**
 * Waits recognised by their frames come first; then "busy in every sample"
 * (a C call that computes is cpu-bound, not a wait); then the waits only the
 * statement on a C call's line can tell.
 */
export const LOOP_RULES: Rule[] = [
  executorShutdownWait,
  futureResult,
  threadJoin,
  subprocessWait,
  syncIo,
  lockWait,
  cpuBound,
  syncSleep
]

// ---------------------------------------------------------------- threadpool-exhausted

/** A thread of anyio's worker pool (which runs Starlette's sync routes and dependencies). */
function anyioWorkerRun(thread: ThreadStack): number {
  return thread.frames.findIndex(f => f.name === 'run' && inFile(f, 'anyio/_backends/_asyncio.py'))
}

/** An idle pool thread waits for work directly in the worker's queue. */
function isIdleAnyioWorker(thread: ThreadStack, run: number): boolean {
  const next = thread.frames[run - 1]
  return run === 0 || (next !== undefined && next.name === 'get' && inFile(next, 'queue.py'))
}

export interface PoolExhaustion {
  match: RuleMatch
  /** the app's frame most of the busy threads are parked at */
  parkedAt?: Frame
}

/**
 * With an idle loop, a sync route (or sync dependency) that does not answer
 * waits for a thread of anyio's pool: all of them are busy.
 */
export function threadpoolExhaustion(threads: ThreadStack[], scope: CodeScope): PoolExhaustion | undefined {
  const workers = threads.map(t => ({ thread: t, run: anyioWorkerRun(t) })).filter(w => w.run >= 0)
  const busy = workers.filter(w => !isIdleAnyioWorker(w.thread, w.run))
  if (busy.length === 0 || busy.length < workers.length) return undefined

  const parked = new Map<string, { frame: Frame; count: number }>()
  for (const { thread } of busy) {
    const own = ownFrames(thread).find(f => isAppCode(f, scope))
    if (!own) continue
    const key = `${own.file}:${own.line}`
    parked.set(key, { frame: own, count: (parked.get(key)?.count ?? 0) + 1 })
  }
  const most = [...parked.values()].sort((a, b) => b.count - a.count)[0]
  const places = summarizeCounts(busy.map(w => placeOf(w.thread, scope)))
  return {
    match: {
      pattern: 'threadpool-exhausted',
      blockingCall: `every thread of anyio's pool (${busy.length}) is busy`,
      explanation:
        "The event loop is idle, waiting for I/O: it is not blocked. But every thread of anyio's worker pool, which runs Starlette's sync routes " +
        `and sync dependencies, is busy (${busy.length} of ${workers.length}), so a sync route such as the health route waits for a free thread ` +
        'and never gets one.',
      details: {
        busyWorkers: String(busy.length),
        waitingFor: places,
        ...(most ? { parkedCount: String(most.count) } : {})
      }
    },
    ...(most ? { parkedAt: most.frame } : {})
  }
}
