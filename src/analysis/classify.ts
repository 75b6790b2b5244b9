// Works out, from the stacks captured during a hang, which thread runs the
// event loop, what it is blocked in, which line of the app's own code is to
// blame, and which known pattern that is. Pure: source lines are read through
// the function passed in.

import { lockHolder } from './lock-holder.js'
import { LOOP_RULES, threadpoolExhaustion, type RuleContext } from './patterns.js'
import {
  appRelative,
  frameLabel,
  isAppCode,
  loopShape,
  rankLoopThreads,
  sameFrame,
  type CodeScope,
  type LoopThreadShape,
  type ReadLines
} from './stack-shapes.js'
import type { Culprit, Diagnosis, Frame, SampleMark, StackSample, ThreadStack } from '../core/diagnosis.js'

export type { ReadLines }

export interface AnalysisInput {
  samples: StackSample[]
  scope: CodeScope
  readLines: ReadLines
}

const EXCERPT_RADIUS = 3

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
export function loopOf(sample: StackSample, readLines?: ReadLines): LoopThreadShape | undefined {
  const shapes: LoopThreadShape[] = []
  for (const process of sample.processes) {
    for (const thread of process.threads) {
      const shape = loopShape(thread, readLines)
      if (shape) shapes.push(shape)
    }
  }
  return rankLoopThreads(shapes)[0]
}

function sameThread(sample: StackSample, thread: ThreadStack): ThreadStack | undefined {
  return sample.processes.flatMap(p => p.threads).find(t => t.pid === thread.pid && t.threadId === thread.threadId)
}

/** The loop thread in each sample, compared with the one the diagnosis rests on. */
function timelineOf(samples: StackSample[], loop: ThreadStack): SampleMark[] {
  return samples.map(sample => {
    const same = sameThread(sample, loop)
    return {
      atMs: sample.takenAtMs,
      samePlace: !!same && sameFrame(same.frames[0], loop.frames[0]),
      active: same?.active ?? false
    }
  })
}

/** The line a frame is at, trimmed; '' when its source cannot be read (a frozen module, a file gone). */
function lineOf(frame: Frame | undefined, readLines: ReadLines): string {
  return frame ? (readLines(frame.file)?.[frame.line - 1] ?? '').trim() : ''
}

/** The statement on a culprit's line, trimmed; '' when its source was not read. */
export function culpritStatement(culprit: Culprit | undefined): string {
  const excerpt = culprit?.excerpt
  if (!culprit || !excerpt) return ''
  return (excerpt.lines[culprit.line - excerpt.firstLine] ?? '').trim()
}

/**
 * Diagnoses a hang from its samples. The newest sample that shows the loop is
 * the evidence (the block has lasted longest there); the others say whether
 * it persisted and whether the loop was computing or waiting.
 */
export function diagnose({ samples, scope, readLines }: AnalysisInput): Diagnosis {
  const usable = samples.filter(s => s.processes.length > 0)
  // the newest sample that shows the loop (a faulthandler dump of a process with over 100 threads may not)
  const sample = usable.findLast(s => loopOf(s, readLines) !== undefined) ?? usable.at(-1)
  const base = { otherThreads: [] as ThreadStack[], totalSamples: usable.length, details: {}, timeline: [] }
  if (!sample) {
    return {
      ...base,
      pattern: 'unknown',
      explanation: 'No stacks could be captured, so the blocking call is not known.'
    }
  }
  const threads = sample.processes.flatMap(p => p.threads)
  const loop = loopOf(sample, readLines)
  if (!loop) {
    return {
      ...base,
      otherThreads: threads,
      pattern: 'unknown',
      explanation:
        'No thread of the app runs an asyncio event loop in the captured stacks; all threads are shown below.'
    }
  }

  const loopThread = {
    pid: loop.thread.pid,
    threadId: loop.thread.threadId,
    ...(loop.thread.name ? { name: loop.thread.name } : {})
  }
  const timeline = timelineOf(usable, loop.thread)
  const diagnosis: Diagnosis = {
    ...base,
    pattern: 'unknown',
    explanation: '',
    loopThread,
    loopStack: loop.thread,
    otherThreads: threads.filter(t => t !== loop.thread),
    timeline
  }

  if (loop.idle) {
    const exhaustion = threadpoolExhaustion(threads, scope)
    if (exhaustion) {
      const culprit = exhaustion.parkedAt ? culpritOf(exhaustion.parkedAt, scope, readLines) : undefined
      return { ...diagnosis, ...exhaustion.match, ...(culprit ? { culprit } : {}) }
    }
    diagnosis.explanation =
      'The event loop thread was idle, waiting for I/O: the loop itself is not blocked, yet the health route did not answer. ' +
      'Something the route waits for (a lock, a downstream service) is the likely cause; see the other threads.'
    return diagnosis
  }

  // the culprit is the innermost frame of the app's code; the entry, its outermost (the route)
  const appFrames = loop.work.filter(f => isAppCode(f, scope))
  const culpritFrame = appFrames[0]
  const entryFrame = appFrames.at(-1)
  const culprit = culpritFrame ? culpritOf(culpritFrame, scope, readLines) : undefined
  if (culprit) diagnosis.culprit = culprit
  if (entryFrame && culpritFrame && entryFrame.name !== culpritFrame.name)
    diagnosis.entry = culpritOf(entryFrame, scope, readLines)

  const culpritIndex = culpritFrame ? loop.work.indexOf(culpritFrame) : -1
  const context: RuleContext = {
    loop,
    called: culpritIndex < 0 ? loop.work : loop.work.slice(0, culpritIndex),
    statement: culpritStatement(culprit),
    callsIntoC: culpritIndex === 0,
    innermostStatement: culpritIndex === 0 ? culpritStatement(culprit) : lineOf(loop.work[0], readLines),
    alwaysActive: timeline.every(mark => mark.active),
    threads,
    scope
  }
  for (const rule of LOOP_RULES) {
    const match = rule(context)
    if (!match) continue
    const variable = match.pattern === 'lock-wait' ? match.details?.variable : undefined
    const holder = variable ? lockHolder(variable, diagnosis.otherThreads, scope, readLines) : undefined
    return { ...diagnosis, ...match, ...(holder ? { holder } : {}) }
  }
  const innermost = loop.work[0] as Frame
  return {
    ...diagnosis,
    blockingCall: `\`${frameLabel(innermost)}\``,
    explanation: `The event loop thread is waiting in \`${frameLabel(innermost)}\`, a call not in the catalog, and does not return to the loop, so no other request is served.`
  }
}
