// Loads the recorded `py-spy dump --json` fixtures (test/fixtures/dumps) and
// maps the paths they were recorded under to the sources in this repository.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { samplesFromEvidence, type StackEvidence } from '../../src/analysis/py-spy-dump.js'
import type { ProbeResult, SlowProbe } from '../../src/core/model.js'
import { fixturesDir, repoRoot } from './paths.js'
import type { StackSample } from '../../src/core/diagnosis.js'

export interface RecordedCase {
  description: string
  appRoot: string
  samples: StackSample[]
  /** the probes that waited stall-threshold or more, each with the samples taken while it waited */
  slowProbes: SlowProbe[]
}

type RecordedProbe = Pick<ProbeResult, 'phase' | 'cycle' | 'sentAtMs' | 'latencyMs'>

/**
 * A recorded case. Its samples are parsed on each access, not at load: a test
 * file that loads a recording at its top level then runs the parser inside
 * its tests, where the mutation check can tell which test ran it.
 */
export function loadRecorded(name: string): RecordedCase {
  const doc = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'dumps', `${name}.json`), 'utf8')) as StackEvidence & {
    description: string
    appRoot: string
    slowProbes?: RecordedProbe[]
    librarySources?: Record<string, Record<string, string>>
  }
  for (const [file, lines] of Object.entries(doc.librarySources ?? {})) LIBRARY_LINES.set(file, lines)
  return {
    description: doc.description,
    appRoot: doc.appRoot,
    get samples() {
      return samplesFromEvidence(doc)
    },
    get slowProbes() {
      const samples = samplesFromEvidence(doc)
      // a sample belongs to the probe that was waiting when it was taken
      return (doc.slowProbes ?? []).map(p => ({
        probe: { ...p, outcome: 'ok' as const, status: 200 },
        samples: samples.filter(s => s.takenAtMs >= p.sentAtMs && s.takenAtMs <= p.sentAtMs + p.latencyMs)
      }))
    }
  }
}

/** Every recorded case, by name: the files of test/fixtures/dumps. */
export function recordingNames(): string[] {
  return fs
    .readdirSync(path.join(fixturesDir, 'dumps'))
    .filter(file => file.endsWith('.json'))
    .map(file => file.slice(0, -'.json'.length))
    .sort()
}

/** Where the recorded apps' sources live in this repository. */
const RECORDED_SOURCES: [string, string][] = [
  ['/home/runner/work/shop/shop/', path.join(repoRoot, 'examples/news-app/')],
  ['/home/runner/work/chat/chat/', path.join(fixturesDir, 'apps/chat-app/')],
  ['/home/runner/work/patterns/patterns/', path.join(fixturesDir, 'apps/patterns/')],
  ['/home/runner/work/newsfeed/newsfeed/', path.join(fixturesDir, 'apps/aiohttp-app/')],
  ['/home/runner/work/unseen/unseen/', path.join(fixturesDir, 'apps/unseen-code/')]
]

/** The library lines the recordings loaded so far carry (where their stacks stop), by recorded path. */
const LIBRARY_LINES = new Map<string, Record<string, string>>()

/**
 * Reads the recorded apps' source lines from this repository, and the lines
 * of libraries a loaded recording carries; nothing else.
 */
export function recordedSourceLines(file: string): string[] | undefined {
  const library = LIBRARY_LINES.get(file)
  if (library) {
    const lines: string[] = []
    for (const [line, text] of Object.entries(library)) lines[Number(line) - 1] = text
    return Array.from(lines, text => text ?? '')
  }
  for (const [recordedRoot, localRoot] of RECORDED_SOURCES) {
    if (!file.startsWith(recordedRoot)) continue
    try {
      return fs.readFileSync(localRoot + file.slice(recordedRoot.length), 'utf8').split('\n')
    } catch {
      return undefined
    }
  }
  return undefined
}
