import type { PatternId } from '../core/diagnosis.js'
// What to do about each pattern, in words: the advice every report gives,
// and the notes that say when there is a better fix than the mechanical one.

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
