// The live cases of the pattern catalog (test/fixtures/apps/patterns/cases.json),
// with the culprit lines resolved from the app's source by their text.

import * as fs from 'node:fs'
import * as path from 'node:path'
import type { ProbePhase, Verdict } from '../../src/core/model.js'
import { fixturesDir, lineOf } from './paths.js'
import type { PatternId } from '../../src/core/diagnosis.js'

export const patternsAppDir = path.join(fixturesDir, 'apps/patterns')

interface RawCase {
  pattern: PatternId
  verdict?: Verdict
  recording?: string
  fixed?: string
  streamPath: string
  inputs?: Record<string, string>
  culprit: string
  culpritFile?: string
  fix: string
  verified: Verdict | null
  next?: string
  entry?: string
  /** the phase the hang began in; two when either is right, depending on when the block began */
  phase: ProbePhase | ProbePhase[]
}

export interface PatternCase {
  pattern: PatternId
  /** hung, unless the route only stalls the loop */
  verdict: Verdict
  /** the name of its recorded dump in test/fixtures/dumps */
  recording: string
  /** the fixed twin's route, which must come out healthy */
  fixed?: string
  streamPath: string
  inputs: Record<string, string>
  culprit: { path: string; line: number }
  /** a line the suggested fix must hold */
  fix: string
  /** what trying the fix (verify-fix) must show; null when there is no mechanical change to try */
  verified: Verdict | null
  /** when the tried change leaves the loop blocked: the start of the next best change the report must give */
  next?: string
  /** the route's line that calls into the culprit, when the culprit is in a helper */
  entry?: { path: string; line: number }
  /** the phases the report may say the hang began in (one, unless the timing decides between two) */
  phases: ProbePhase[]
}

function place(file: string, needle: string): { path: string; line: number } {
  return { path: file, line: lineOf(path.join(patternsAppDir, file), needle) }
}

export const PATTERN_CASES: PatternCase[] = (
  JSON.parse(fs.readFileSync(path.join(patternsAppDir, 'cases.json'), 'utf8')) as { cases: RawCase[] }
).cases.map(raw => ({
  pattern: raw.pattern,
  verdict: raw.verdict ?? 'hung',
  recording: raw.recording ?? raw.pattern,
  ...(raw.fixed ? { fixed: raw.fixed } : {}),
  streamPath: raw.streamPath,
  inputs: raw.inputs ?? {},
  culprit: place(raw.culpritFile ?? 'app/main.py', raw.culprit),
  fix: raw.fix,
  verified: raw.verified,
  ...(raw.next ? { next: raw.next } : {}),
  ...(raw.entry ? { entry: place('app/main.py', raw.entry) } : {}),
  phases: Array.isArray(raw.phase) ? raw.phase : [raw.phase]
}))
