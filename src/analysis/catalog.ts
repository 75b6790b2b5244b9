import type { PatternId } from '../core/diagnosis.js'
// What each pattern id is called in the report. The README's catalog section
// has one heading per id so the report can link it; the fix for a diagnosis is
// built from the code by fix/rewrite.ts.

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
