// What each pattern id means and how to fix it, in words for the report. The
// README's catalog section has one heading per id so the report can link it.

import type { Diagnosis, PatternId } from '../model.js'

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
  return [
    'Never let the event loop thread wait for the pool. Create the executor outside a `with`, cancel the pending futures when the client disconnects, and shut the pool down without waiting:',
    '',
    '**Before**',
    '',
    fence(before),
    '',
    '**After**',
    '',
    fence(after),
    '',
    'Simpler still, do not own a pool per request: `await asyncio.to_thread(work, item)` or `loop.run_in_executor(None, work, item)` use the loop\'s shared default executor, which is never shut down while the app runs.'
  ].join('\n')
}

const genericFix =
  'Move the blocking call off the event loop: `await asyncio.to_thread(blocking_function, ...)` runs it in a worker thread and keeps the loop answering, or use an async equivalent of the call.'

/** The fix for the diagnosed pattern, in Markdown, adapted to what was found. */
export function fixFor(diagnosis: Diagnosis): string {
  switch (diagnosis.pattern) {
    case 'executor-shutdown-wait':
      return executorFix(diagnosis)
    default:
      return genericFix
  }
}
