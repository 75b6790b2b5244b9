// Tells a stall of the event loop from a slow machine. A probe that took
// stall-threshold or more is a stall only when at least two of the samples
// taken while it waited agree: the loop thread was away from its idle
// selector wait, at the same place, in the app's own code or in a call the
// catalog knows to block. A slow probe whose samples show the loop idle (a
// health route that awaits something slow, a machine busy with other work)
// is noise: it stays in the probe table and gets no verdict. Pure.

import type { SlowProbe, StallSample } from '../core/model.js'
import { loopOf } from './classify.js'
import { catalogCall } from './patterns.js'
import { appRelative, frameLabel, isAppCode, type CodeScope, type ReadLines } from './stack-shapes.js'
import type { StackSample } from '../core/diagnosis.js'

/** Samples that agree make a stall; one alone may be a moment caught in passing. */
export const AGREEING_SAMPLES = 2

interface Whereabouts {
  mark: StallSample
  /** the place the loop was blocked at, to tell whether samples agree: file and function, not line (a computing loop moves) */
  place?: string
}

/** Where the loop thread was in one sample. */
function whereabouts(sample: StackSample, scope: CodeScope, readLines?: ReadLines): Whereabouts {
  const loop = loopOf(sample, readLines)
  if (!loop) return { mark: { atMs: sample.takenAtMs, blocked: false, loopAt: 'no event loop thread in the stacks' } }
  if (loop.idle) return { mark: { atMs: sample.takenAtMs, blocked: false, loopAt: 'idle' } }
  const own = loop.work.find(f => isAppCode(f, scope))
  if (own) {
    const loopAt = `${own.name} (${appRelative(own.file, scope)}:${own.line})`
    return { mark: { atMs: sample.takenAtMs, blocked: true, loopAt }, place: `${own.file}\0${own.name}` }
  }
  const known = catalogCall(loop.work)
  if (known)
    return {
      mark: { atMs: sample.takenAtMs, blocked: true, loopAt: frameLabel(known) },
      place: `${known.file}\0${known.name}`
    }
  // the server's or the framework's own code, caught in passing: not the app's doing
  const innermost = loop.work[0]
  return { mark: { atMs: sample.takenAtMs, blocked: false, loopAt: innermost ? frameLabel(innermost) : 'idle' } }
}

export interface StallEvidence {
  slow: SlowProbe
  /** where the loop was in each sample, oldest first */
  marks: StallSample[]
  /** the samples that agree on where the loop was blocked: what a diagnosis rests on */
  agreeing: StackSample[]
}

/** The evidence that a slow probe was a stall, or undefined when its samples do not agree that it was. */
export function judgeSlowProbe(slow: SlowProbe, scope: CodeScope, readLines?: ReadLines): StallEvidence | undefined {
  const seen = slow.samples.map(sample => ({ sample, ...whereabouts(sample, scope, readLines) }))
  const byPlace = new Map<string, StackSample[]>()
  for (const { sample, place } of seen) {
    if (place !== undefined) byPlace.set(place, [...(byPlace.get(place) ?? []), sample])
  }
  const agreeing = [...byPlace.values()].sort((a, b) => b.length - a.length)[0] ?? []
  if (agreeing.length < AGREEING_SAMPLES) return undefined
  return { slow, marks: seen.map(s => s.mark), agreeing }
}
