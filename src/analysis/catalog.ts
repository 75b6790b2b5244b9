// What each pattern id means and how to fix it, in words for the report. The
// README's catalog section has one heading per id so the report can link it.

import type { Diagnosis, PatternId } from '../model.js'
import { statementAt } from './classify.js'

export interface PatternInfo {
  title: string
}

export const PATTERNS: Record<PatternId, PatternInfo> = {
  'executor-shutdown-wait': { title: 'Executor shutdown waits on the event loop' },
  'thread-join': { title: 'Thread.join() on the event loop' },
  'sync-sleep': { title: 'time.sleep() on the event loop' },
  'sync-io': { title: 'Blocking I/O on the event loop' },
  'lock-wait': { title: 'Waiting for a threading lock on the event loop' },
  'future-result': { title: 'Future.result() on the event loop' },
  'subprocess-wait': { title: 'Waiting for a subprocess on the event loop' },
  'cpu-bound': { title: 'CPU-bound work on the event loop' },
  'threadpool-exhausted': { title: 'The thread pool for sync routes is exhausted' },
  unknown: { title: 'Blocked somewhere not in the catalog' }
}

const fence = (code: string): string => `\`\`\`python\n${code}\n\`\`\``

function executorFix(diagnosis: Diagnosis): string {
  const kind = diagnosis.details.executor ?? 'ThreadPoolExecutor'
  const name = diagnosis.details.variable ?? 'pool'
  const args = diagnosis.details.arguments ?? ''
  const before = diagnosis.details.implicit === 'true'
    ? `with ${kind}(${args}) as ${name}:\n    pending = [loop.run_in_executor(${name}, work, item) for item in items]\n    for next_done in asyncio.as_completed(pending):\n        yield await next_done\n# leaving the block (also on client disconnect) calls ${name}.shutdown(wait=True)`
    : `${name}.shutdown()  # wait=True is the default`
  const after =
    `${name} = ${kind}(${args})\n` +
    `pending = [loop.run_in_executor(${name}, work, item) for item in items]\n` +
    'try:\n' +
    '    for next_done in asyncio.as_completed(pending):\n' +
    '        yield await next_done\n' +
    'finally:\n' +
    '    for future in pending:  # the client is gone: drop what has not started\n' +
    '        future.cancel()\n' +
    `    ${name}.shutdown(wait=False, cancel_futures=True)  # Python >= 3.9`
  return beforeAfter(
    'Never let the event loop thread wait for the pool. Create the executor outside a `with`, cancel the pending futures when the client disconnects, and shut the pool down without waiting:',
    before,
    after,
    'Simpler still, do not own a pool per request: `await asyncio.to_thread(work, item)` or `loop.run_in_executor(None, work, item)` use the loop\'s shared default executor, which is never shut down while the app runs.'
  )
}

const genericFix =
  'Move the blocking call off the event loop: `await asyncio.to_thread(blocking_function, ...)` runs it in a worker thread and keeps the loop answering, or use an async equivalent of the call.'

/** A simple call statement taken apart: `result = module.function(args)`. */
interface CallStatement {
  assign: string
  callee: string
  args: string
}

function callStatement(statement: string): CallStatement | undefined {
  const match = /^(?:([\w, ]+?)\s*=\s*)?(?:return\s+)?([A-Za-z_][\w.]*)\((.*)\)$/.exec(statement)
  if (!match) return undefined
  return { assign: match[1] ? `${match[1]} = ` : '', callee: match[2] as string, args: (match[3] as string).trim() }
}

/** The call's function and arguments as the arguments of a call that runs it elsewhere: `f, a, b`. */
function calleeAndArgs(call: CallStatement): string {
  return [call.callee, call.args].filter(Boolean).join(', ')
}

/** `f(a, b)` → `await asyncio.to_thread(f, a, b)`; undefined when the statement is not a plain call. */
function toThread(statement: string): string | undefined {
  const call = callStatement(statement)
  return call && `${call.assign}await asyncio.to_thread(${calleeAndArgs(call)})`
}

function beforeAfter(intro: string, before: string, after: string, note = ''): string {
  return [intro, '', '**Before**', '', fence(before), '', '**After**', '', fence(after), ...(note ? ['', note] : [])].join('\n')
}

/** The call the loop makes into the blocking code: the route's line when the culprit is in a helper. */
function loopCall(diagnosis: Diagnosis): string {
  return statementAt(diagnosis.entry) || statementAt(diagnosis.culprit)
}

function threadJoinFix(diagnosis: Diagnosis): string {
  const name = diagnosis.details.variable ?? 'worker'
  return beforeAfter(
    'Do not wait for a thread on the event loop. Wait for it in a worker thread, so the loop keeps serving:',
    statementAt(diagnosis.culprit) || `${name}.join()`,
    `await asyncio.to_thread(${name}.join)`,
    'Often the wait is not needed at all: signal the thread to stop (a `threading.Event` it checks) and let it finish on its own.'
  )
}

function syncSleepFix(diagnosis: Diagnosis): string {
  const seconds = diagnosis.details.seconds || '1'
  return beforeAfter(
    '`time.sleep` stops the whole thread, the event loop with it. In a coroutine, sleep with the loop:',
    statementAt(diagnosis.culprit) || `time.sleep(${seconds})`,
    `await asyncio.sleep(${seconds})`
  )
}

function syncIoFix(diagnosis: Diagnosis): string {
  const call = loopCall(diagnosis)
  const offLoop = toThread(call)
  const helper = diagnosis.entry && diagnosis.culprit ? ` (\`${diagnosis.culprit.function}\` in \`${diagnosis.culprit.path}\`)` : ''
  const intro = `Run the blocking client call${helper} in a worker thread, or switch to an async client:`
  const asyncClient =
    'Better still, use an async client end to end, e.g. `httpx.AsyncClient`:\n\n' +
    fence('async with httpx.AsyncClient(timeout=10) as client:\n    reply = await client.get(url)')
  return offLoop ? beforeAfter(intro, call, offLoop, asyncClient) : `${genericFix}\n\n${asyncClient}`
}

function lockWaitFix(diagnosis: Diagnosis): string {
  const name = diagnosis.details.variable ?? (diagnosis.details.kind === 'queue' ? 'jobs' : 'lock')
  const statement = statementAt(diagnosis.culprit)
  if (diagnosis.details.kind === 'queue') {
    return beforeAfter(
      'Do not wait on a `queue.Queue` on the event loop. Wait in a worker thread, or use an `asyncio.Queue` when only coroutines share it:',
      statement || `item = ${name}.get()`,
      `item = await asyncio.to_thread(${name}.get)`
    )
  }
  return beforeAfter(
    'Do not wait for a threading lock on the event loop. When only coroutines share it, make it an `asyncio.Lock` and `async with` it; when threads share it too, acquire it in a worker thread:',
    statement || `with ${name}:\n    ...`,
    `# shared with threads: acquire it off the loop\nawait asyncio.to_thread(${name}.acquire)\ntry:\n    ...\nfinally:\n    ${name}.release()\n\n# shared by coroutines only: ${name} = asyncio.Lock()\nasync with ${name}:\n    ...`
  )
}

function futureResultFix(diagnosis: Diagnosis): string {
  const name = diagnosis.details.variable ?? 'future'
  return beforeAfter(
    'Await the future instead of blocking on it. A coroutine handed to this same loop with `run_coroutine_threadsafe` should simply be awaited:',
    statementAt(diagnosis.culprit) || `${name}.result()`,
    `result = await asyncio.wrap_future(${name})\n\n# a coroutine for this loop: no future needed\nresult = await coroutine`
  )
}

function subprocessFix(diagnosis: Diagnosis): string {
  const statement = statementAt(diagnosis.culprit)
  const list = /subprocess\.\w+\(\s*\[(.*?)\]/.exec(statement)?.[1]
  const args = list ? list.trim() : '*command'
  return beforeAfter(
    'Start and wait for the child process with asyncio, which waits without blocking the loop:',
    statement || 'subprocess.run(command)',
    `process = await asyncio.create_subprocess_exec(${args})\nawait process.wait()  # or: out, err = await process.communicate()`
  )
}

function cpuBoundFix(diagnosis: Diagnosis): string {
  const statement = loopCall(diagnosis)
  const call = callStatement(statement)
  const intro =
    'Computation holds the loop until it is done. Run it in a process pool (a thread would still hold the GIL), created once at startup:'
  if (!call) return `${intro}\n\n${fence('result = await asyncio.get_running_loop().run_in_executor(process_pool, compute, *args)')}`
  return beforeAfter(
    intro,
    statement,
    `process_pool = ProcessPoolExecutor()  # once, at startup\n\n${call.assign}await asyncio.get_running_loop().run_in_executor(process_pool, ${calleeAndArgs(call)})`
  )
}

function threadpoolFix(diagnosis: Diagnosis): string {
  const parked = diagnosis.culprit ? ` at \`${diagnosis.culprit.path}:${diagnosis.culprit.line}\`` : ''
  return [
    `Free the pool's threads: the code${parked} holds them. In order of preference:`,
    '',
    "1. Make the routes that block there `async def` and await async calls, so they do not take a pool thread at all; keep the health route `async def` too.",
    '2. Give every blocking call in sync code a timeout, so a thread comes back even when its upstream never answers.',
    "3. Raise the pool's size (40 threads by default) when the blocking is expected and bounded:",
    '',
    fence(
      'from contextlib import asynccontextmanager\n\nimport anyio.to_thread\n\n@asynccontextmanager\nasync def lifespan(app):\n    anyio.to_thread.current_default_thread_limiter().total_tokens = 100\n    yield\n\napp = FastAPI(lifespan=lifespan)'
    )
  ].join('\n')
}

/** The fix for the diagnosed pattern, in Markdown, adapted to what was found. */
export function fixFor(diagnosis: Diagnosis): string {
  switch (diagnosis.pattern) {
    case 'executor-shutdown-wait':
      return executorFix(diagnosis)
    case 'thread-join':
      return threadJoinFix(diagnosis)
    case 'sync-sleep':
      return syncSleepFix(diagnosis)
    case 'sync-io':
      return syncIoFix(diagnosis)
    case 'lock-wait':
      return lockWaitFix(diagnosis)
    case 'future-result':
      return futureResultFix(diagnosis)
    case 'subprocess-wait':
      return subprocessFix(diagnosis)
    case 'cpu-bound':
      return cpuBoundFix(diagnosis)
    case 'threadpool-exhausted':
      return threadpoolFix(diagnosis)
    case 'unknown':
      return genericFix
  }
}
