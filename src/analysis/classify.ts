// Works out, from the stacks captured during a hang, which thread runs the
// event loop, what it is blocked in, which line of the app's own code is to
// blame, and which known pattern that is. Pure: source lines are read through
// the function passed in.

import type { Culprit, Diagnosis, Frame, PatternId, StackSample, ThreadStack } from '../model.js'
import {
  appRelative,
  frameLabel,
  inFile,
  isAppCode,
  loopShape,
  ownFrames,
  rankLoopThreads,
  sameFrame,
  type CodeScope,
  type LoopThreadShape
} from './stack-shapes.js'

export type ReadLines = (absolutePath: string) => string[] | undefined

export interface AnalysisInput {
  samples: StackSample[]
  scope: CodeScope
  readLines: ReadLines
}

/** What a pattern rule sees: the loop thread of the chosen sample, its work frames and the culprit. */
interface RuleContext {
  loop: LoopThreadShape
  /** index in loop.work of the culprit frame, -1 when no app frame is on the loop's work */
  culpritIndex: number
  culpritSource?: string
  /** every thread of the sample */
  threads: ThreadStack[]
  scope: CodeScope
}

interface RuleMatch {
  pattern: PatternId
  blockingCall: string
  explanation: string
  details: Record<string, string>
}

type Rule = (context: RuleContext) => RuleMatch | undefined

const EXCERPT_RADIUS = 3

/** ThreadPoolExecutor/ProcessPoolExecutor.shutdown(wait=True), explicit or at the end of a `with`. */
const executorShutdownWait: Rule = ({ loop, culpritIndex, culpritSource, threads, scope }) => {
  const inner = culpritIndex < 0 ? loop.work : loop.work.slice(0, culpritIndex)
  const shutdown = inner.find(
    f => f.name === 'shutdown' && (inFile(f, 'concurrent/futures/thread.py') || inFile(f, 'concurrent/futures/process.py'))
  )
  if (!shutdown) return undefined
  const kind = inFile(shutdown, 'concurrent/futures/process.py') ? 'ProcessPoolExecutor' : 'ThreadPoolExecutor'
  const implicit = inner.some(f => f.name === '__exit__' && inFile(f, 'concurrent/futures/_base.py'))
  const details: Record<string, string> = { executor: kind, implicit: String(implicit) }

  const source = culpritSource ?? ''
  const withMatch = /with\s+(?:[\w.]+\.)?(?:ThreadPoolExecutor|ProcessPoolExecutor)\s*\((.*)\)\s*as\s+(\w+)/.exec(source)
  const explicitMatch = /(\w+)\.shutdown\s*\(/.exec(source)
  if (withMatch) {
    details.variable = withMatch[2] as string
    details.arguments = (withMatch[1] as string).trim()
  } else if (explicitMatch) {
    details.variable = explicitMatch[1] as string
  }

  // the pool's workers that are still running a task are what shutdown waits for
  const busyWorkers = threads.filter(t => t !== loop.thread && isBusyWorker(t, kind))
  if (busyWorkers.length > 0) {
    const places = busyWorkers.map(t => {
      const own = ownFrames(t).find(f => isAppCode(f, scope))
      return own ? `${own.name} (${appRelative(own.file, scope)}:${own.line})` : frameLabel(t.frames[0] as Frame)
    })
    details.waitingFor = summarizeCounts(places)
    details.busyWorkers = String(busyWorkers.length)
  }

  const where = implicit ? `at the end of a \`with ${kind}(...)\` block` : 'called directly'
  return {
    pattern: 'executor-shutdown-wait',
    blockingCall: `${kind}.shutdown(wait=True) ${where}`,
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
function isBusyWorker(thread: ThreadStack, kind: string): boolean {
  const frames = ownFrames(thread)
  if (kind === 'ThreadPoolExecutor') return frames.some(f => f.name === 'run' && inFile(f, 'concurrent/futures/thread.py'))
  const worker = frames.findIndex(f => f.name === '_process_worker' && inFile(f, 'concurrent/futures/process.py'))
  return worker > 0 && !inFile(frames[worker - 1] as Frame, 'multiprocessing/queues.py')
}

/** The rules in the order they are tried; the first that matches names the pattern. */
const RULES: Rule[] = [executorShutdownWait]

/** "f (a.py:1) ×2, g (b.py:3)" */
function summarizeCounts(items: string[]): string {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1)
  return [...counts].map(([item, n]) => (n > 1 ? `${item} ×${n}` : item)).join(', ')
}

function excerpt(lines: string[] | undefined, line: number): Culprit['excerpt'] {
  if (!lines || line < 1 || line > lines.length) return undefined
  const first = Math.max(1, line - EXCERPT_RADIUS)
  const last = Math.min(lines.length, line + EXCERPT_RADIUS)
  return { firstLine: first, lines: lines.slice(first - 1, last) }
}

function culpritOf(frame: Frame, scope: CodeScope, readLines: ReadLines): Culprit {
  const culprit: Culprit = {
    path: appRelative(frame.file, scope),
    absolutePath: frame.file,
    line: frame.line,
    function: frame.name
  }
  const shown = excerpt(readLines(frame.file), frame.line)
  if (shown) culprit.excerpt = shown
  return culprit
}

/** The loop thread of one sample, chosen among every process's threads. */
function loopOf(sample: StackSample): LoopThreadShape | undefined {
  const shapes: LoopThreadShape[] = []
  for (const process of sample.processes) {
    for (const thread of process.threads) {
      const shape = loopShape(thread)
      if (shape) shapes.push(shape)
    }
  }
  return rankLoopThreads(shapes)[0]
}

/**
 * Diagnoses a hang from its samples. The newest sample is the evidence (the
 * block has lasted longest there); earlier ones say whether it persisted.
 */
export function diagnose({ samples, scope, readLines }: AnalysisInput): Diagnosis {
  const usable = samples.filter(s => s.processes.length > 0)
  const sample = usable.at(-1)
  const base = { otherThreads: [] as ThreadStack[], agreeingSamples: 0, totalSamples: usable.length, details: {} }
  if (!sample) {
    return { ...base, pattern: 'unknown', explanation: 'No stacks could be captured, so the blocking call is not known.' }
  }
  const threads = sample.processes.flatMap(p => p.threads)
  const loop = loopOf(sample)
  if (!loop) {
    return {
      ...base,
      otherThreads: threads,
      agreeingSamples: usable.length,
      pattern: 'unknown',
      explanation: 'No thread of the app runs an asyncio event loop in the captured stacks; all threads are shown below.'
    }
  }

  const loopThread = { pid: loop.thread.pid, threadId: loop.thread.threadId, ...(loop.thread.name ? { name: loop.thread.name } : {}) }
  const otherThreads = threads.filter(t => t !== loop.thread)
  const agreeingSamples = usable.filter(s => {
    const same = s.processes.flatMap(p => p.threads).find(t => t.pid === loop.thread.pid && t.threadId === loop.thread.threadId)
    return same !== undefined && sameFrame(same.frames[0], loop.thread.frames[0])
  }).length

  const culpritIndex = loop.work.findIndex(f => isAppCode(f, scope))
  const culpritFrame = culpritIndex >= 0 ? (loop.work[culpritIndex] as Frame) : undefined
  const culprit = culpritFrame ? culpritOf(culpritFrame, scope, readLines) : undefined
  const culpritSource = culprit?.excerpt?.lines[culprit.line - culprit.excerpt.firstLine]

  const diagnosis: Diagnosis = {
    ...base,
    pattern: 'unknown',
    explanation: '',
    loopThread,
    loopStack: loop.thread,
    otherThreads,
    agreeingSamples,
    ...(culprit ? { culprit } : {})
  }

  if (loop.idle) {
    diagnosis.explanation =
      'The event loop thread was idle, waiting for I/O: the loop itself is not blocked, yet the health route did not answer. ' +
      'Something the route waits for (a thread pool, a lock, a downstream service) is the likely cause; see the other threads.'
    return diagnosis
  }

  const context: RuleContext = { loop, culpritIndex, threads, scope, ...(culpritSource !== undefined ? { culpritSource } : {}) }
  for (const rule of RULES) {
    const match = rule(context)
    if (match) return { ...diagnosis, ...match }
  }
  const innermost = loop.work[0] as Frame
  return {
    ...diagnosis,
    blockingCall: frameLabel(innermost),
    explanation: `The event loop thread is busy in \`${frameLabel(innermost)}\` and does not return to the loop, so no other request is served.`
  }
}
