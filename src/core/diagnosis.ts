// What the stacks show and what to do about it: the stacks as captured, the
// diagnosis of the loop thread (pattern, culprit, the samples it rests on),
// and the fix built from the code with what trying it showed.

import type { Verdict } from './model.js'

/** The catalog of ways an event loop gets blocked; the ids are part of the public contract. */
export const PATTERN_IDS = [
  'executor-shutdown-wait',
  'thread-join',
  'sync-sleep',
  'sync-io',
  'lock-wait',
  'future-result',
  'subprocess-wait',
  'cpu-bound',
  'threadpool-exhausted',
  'unknown'
] as const

export type PatternId = (typeof PATTERN_IDS)[number]

// ---------------------------------------------------------------- stacks

export interface Frame {
  /** function name */
  name: string
  /** absolute path as the interpreter knows it (resolved against the process cwd when relative) */
  file: string
  /** the path py-spy shortens for display, e.g. `concurrent/futures/thread.py` */
  shortFile: string
  line: number
}

export interface ThreadStack {
  pid: number
  threadId: string
  osThreadId?: number
  name?: string
  /** py-spy's flag: the thread was running (not waiting) when sampled */
  active: boolean
  ownsGil: boolean
  /** innermost frame first */
  frames: Frame[]
}

export interface ProcessStacks {
  pid: number
  /** command line, for the report */
  command: string
  threads: ThreadStack[]
}

/** One capture of every Python process of the app at one instant. */
export interface StackSample {
  /** when the capture started, in ms since the run started */
  takenAtMs: number
  processes: ProcessStacks[]
  /** processes that could not be captured, with the reason */
  failures: { pid: number; command: string; reason: string }[]
}

export interface Capture {
  /** how the stacks were taken, e.g. `py-spy 0.4.2 (/usr/bin/py-spy, via sudo)` */
  method: string
  samples: StackSample[]
  /** why no usable stacks were captured, when that is the case */
  unavailable?: string
}

// ---------------------------------------------------------------- analysis

export interface SourceExcerpt {
  /** 1-based number of the first line in `lines` */
  firstLine: number
  lines: string[]
}

export interface Culprit {
  /** path relative to the app root (working-directory), with forward slashes */
  path: string
  /** absolute path */
  absolutePath: string
  line: number
  function: string
  excerpt?: SourceExcerpt
}

/** The thread that holds the lock the loop waits for, and where in the app's code it is. */
export interface LockHolder {
  /** the thread's name in quotes, as py-spy gives it; its id when it has none */
  thread: string
  /** the holder's frame: the line it is at, inside the block that took the lock */
  at: Culprit
  /** the statement that took the lock, e.g. `with stats_lock:` */
  takenBy: string
  takenAtLine: number
}

/** Where the loop thread was in one sample, compared with the sample the diagnosis rests on. */
export interface SampleMark {
  /** when the sample was taken, in ms since the run started */
  atMs: number
  /** the loop thread's innermost frame was the same */
  samePlace: boolean
  /** py-spy saw the loop thread running (not waiting) */
  active: boolean
}

export interface ThreadRef {
  pid: number
  threadId: string
  name?: string
}

export interface Diagnosis {
  pattern: PatternId
  /** the blocking call in words, e.g. `ThreadPoolExecutor.shutdown(wait=True)` */
  blockingCall?: string
  /** one sentence: what the loop thread is doing */
  explanation: string
  loopThread?: ThreadRef
  /** the loop thread's stack in the sample the diagnosis rests on */
  loopStack?: ThreadStack
  /** every other thread of that sample, for the collapsed section */
  otherThreads: ThreadStack[]
  culprit?: Culprit
  /**
   * the outermost frame of the app's code on the blocked thread (the route
   * or its generator), when the culprit lies deeper, in a helper it called
   */
  entry?: Culprit
  /** lock-wait: the thread whose code shows it holds the lock the loop waits for */
  holder?: LockHolder
  /** the loop thread in each usable sample, oldest first (samePlace counts those that agree) */
  timeline: SampleMark[]
  /** samples with stacks, whether or not they show the loop */
  totalSamples: number
  /** pattern-specific facts the fix is adapted to */
  details: Record<string, string>
}

// ---------------------------------------------------------------- the fix

/** Lines of one file replaced by others; an insertion replaces no line (lastLine = firstLine - 1). */
export interface SourceEdit {
  /** absolute path */
  file: string
  /** relative to the app root, with forward slashes */
  path: string
  /** 1-based, inclusive */
  firstLine: number
  lastLine: number
  before: string[]
  after: string[]
}

/** A change to make: what it does, where, and the edits (the statement, then `import asyncio` when missing). */
export interface FixChange {
  /** one sentence, Markdown */
  summary: string
  /** the function it changes */
  where: { path: string; line: number; function: string }
  edits: SourceEdit[]
}

/** The fix for a diagnosis, built from the code (fix/rewrite.ts). */
export interface FixProposal {
  pattern: PatternId
  /** what to do in general, for this pattern (Markdown) */
  advice: string
  /** the change built from the code: a mechanical edit, which verify-fix can try and a review comment can suggest */
  primary?: FixChange
  /** another way: the blocking helper made async (shown, never applied) */
  alternative?: FixChange
  /** why there is no change to show, when there is none: the shape the rewriter does not know */
  unknownShape?: string
  notes: string[]
}

/** What came of trying the primary change in a scratch copy of the app (verify-fix). */
export interface FixTrial {
  /** the edits applied to the copy */
  applied: SourceEdit[]
  /** why it was not tried, when it was not */
  skipped?: string
  /** the verdict of the route checked on the copy, up to the cycle that showed the problem */
  verdict?: Verdict
  headline?: string
  /** the slowest probe of that run, in ms */
  slowestProbeMs?: number
  probes?: number
  /** when still hung or stalled: where, and what */
  pattern?: PatternId
  culprit?: string
  /** when the loop was still blocked: the next best change, in Markdown */
  next?: string
  /** how long the try took, in ms */
  durationMs: number
}
