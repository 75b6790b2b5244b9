// What to do about each pattern, in words: the advice every report gives,
// and the notes that say when there is a better fix than the mechanical one.

import type { Diagnosis, FixProposal, FixTrial, PatternId, SourceEdit } from '../core/diagnosis.js'

export const ADVICE: Record<PatternId, string> = {
  'executor-shutdown-wait':
    'Never let the event loop thread wait for a pool. Create the executor outside a `with`, and shut it down without waiting when the stream ends (also when the client disconnects).',
  'thread-join':
    'Do not wait for a thread on the event loop: wait in a worker thread, or signal the thread to stop and do not wait for it at all.',
  'sync-sleep': '`time.sleep` stops the whole thread, the event loop with it. In a coroutine, sleep with the loop.',
  'sync-io':
    'Run the blocking client call in a worker thread, or use an async client end to end (e.g. `httpx.AsyncClient`).',
  'lock-wait':
    'Do not wait for a threading lock, event or queue on the event loop: wait in a worker thread, or use the `asyncio` primitive when only coroutines share it.',
  'future-result':
    'Await the future instead of blocking on it: `asyncio.wrap_future` lets the loop run (and finish the work) while it waits.',
  'subprocess-wait':
    'Wait for the child process off the loop: in a worker thread, or with `asyncio.create_subprocess_exec`.',
  'cpu-bound':
    'Move the computation off the loop. A worker thread keeps the loop answering (it takes turns with the GIL); for throughput, a process pool created once at startup.',
  'threadpool-exhausted': [
    "Free the pool's threads. In order of preference:",
    '',
    '1. Make the routes that block there `async def` and await async calls, so they do not take a pool thread at all; keep the health route `async def` too.',
    '2. Give every blocking call in sync code a timeout, so a thread comes back even when its upstream never answers.',
    "3. Raise the pool's size (40 threads by default) when the blocking is expected and bounded:",
    '',
    '```python',
    'from contextlib import asynccontextmanager',
    '',
    'import anyio.to_thread',
    '',
    '@asynccontextmanager',
    'async def lifespan(app):',
    '    anyio.to_thread.current_default_thread_limiter().total_tokens = 100',
    '    yield',
    '',
    'app = FastAPI(lifespan=lifespan)',
    '```'
  ].join('\n'),
  unknown:
    'Move the blocking call off the event loop: `await asyncio.to_thread(function, ...)` runs it in a worker thread and keeps the loop answering.'
}

export function notesFor(pattern: PatternId): string[] {
  switch (pattern) {
    case 'lock-wait':
      return [
        'If the task can be cancelled while it waits (a client that disconnects), acquire with a timeout in a loop, so a lock taken after the cancellation is not left held.'
      ]
    case 'cpu-bound':
      return [
        'For throughput, run it in a `ProcessPoolExecutor` created once at startup: `await loop.run_in_executor(pool, ...)`.'
      ]
    case 'sync-io':
      return [
        'Better still, an async client end to end, e.g. `async with httpx.AsyncClient(timeout=10) as client: reply = await client.get(url)`.'
      ]
    case 'subprocess-wait':
      return ['Or start it with `asyncio.create_subprocess_exec(...)` and `await process.communicate()`.']
    default:
      return []
  }
}

/**
 * Where a place of the changed copy was in the original code: the line of
 * the changed statement itself when it lies in an edit's new lines, else
 * its line moved back by what the edits above it added or took away.
 */
function originalLine(edits: SourceEdit[], path: string, line: number): number {
  let shift = 0
  for (const edit of edits.filter(e => e.path === path).sort((a, b) => a.firstLine - b.firstLine)) {
    const first = edit.firstLine + shift
    if (line >= first && line < first + edit.after.length) return edit.firstLine
    if (line >= first + edit.after.length) shift += edit.after.length - (edit.lastLine - edit.firstLine + 1)
  }
  return line - shift
}

/**
 * What to do when the change was tried and the loop was still blocked: the
 * next best change, in Markdown. The lock's holder when the code shows one;
 * the second blocking call when the loop got past the first; else the
 * blocking lies in what the changed line calls.
 */
export function nextStep(
  diagnosis: Pick<Diagnosis, 'culprit' | 'holder'> | undefined,
  fix: Pick<FixProposal, 'primary' | 'alternative'>,
  trial: Pick<FixTrial, 'verdict' | 'culprit' | 'pattern' | 'skipped'>
): string | undefined {
  if (trial.skipped || (trial.verdict !== 'hung' && trial.verdict !== 'stalled')) return undefined
  const holder = diagnosis?.holder
  if (holder)
    return (
      `**Next:** the lock is held by thread ${holder.thread} at \`${holder.at.path}:${holder.at.line}\` in \`${holder.at.function}\`, ` +
      `which took it with \`${holder.takenBy}\` (line ${holder.takenAtLine}) and had not let go: with the change the loop runs, but what waits for the lock still waits. ` +
      'Make that thread hold it only briefly (the slow part outside the block, or a timeout on its wait), or do not share the lock with code the loop runs.'
    )
  const culprit = diagnosis?.culprit
  const [path, line] = (trial.culprit ?? '').split(/:(?=\d+$)/)
  const edits = fix.primary?.edits ?? []
  if (culprit && path && line && (path !== culprit.path || originalLine(edits, path, Number(line)) !== culprit.line))
    return (
      `**Next:** with the change the loop got past \`${culprit.path}:${culprit.line}\`, and was then blocked at \`${trial.culprit}\` of the changed code` +
      `${trial.pattern ? ` (\`${trial.pattern}\`)` : ''}: a second blocking call. Take it off the loop too; a run on the changed code names it and its fix.`
    )
  return fix.alternative
    ? '**Next:** the loop still blocks in what this line calls: take the other way below, which makes the blocking helper async.'
    : '**Next:** the loop still blocks in what this line calls: run the whole call in a worker thread (`await asyncio.to_thread(...)`), or see in the stacks where it waits.'
}
