// Loads the recorded `py-spy dump --json` fixtures (test/fixtures/dumps) and
// maps the paths they were recorded under to the sources in this repository.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { samplesFromEvidence, type StackEvidence } from '../../src/analysis/py-spy-dump.js'
import type { StackSample } from '../../src/model.js'
import { fixturesDir, repoRoot } from './paths.js'

export interface RecordedCase {
  description: string
  appRoot: string
  samples: StackSample[]
}

export function loadRecorded(name: string): RecordedCase {
  const doc = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'dumps', `${name}.json`), 'utf8')) as StackEvidence & {
    description: string
    appRoot: string
  }
  return { description: doc.description, appRoot: doc.appRoot, samples: samplesFromEvidence(doc) }
}

/** Where the recorded apps' sources live in this repository. */
const RECORDED_SOURCES: [string, string][] = [
  ['/home/runner/work/shop/shop/', path.join(repoRoot, 'examples/news-app/')],
  ['/home/runner/work/chat/chat/', path.join(fixturesDir, 'apps/chat-app/')],
  ['/home/runner/work/patterns/patterns/', path.join(fixturesDir, 'apps/patterns/')]
]

/** Reads the recorded apps' source lines from this repository; nothing else. */
export function recordedSourceLines(file: string): string[] | undefined {
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
