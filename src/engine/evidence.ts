// The run's evidence as files: a fresh directory per run, and the stacks
// taken, as JSON for tools and in py-spy's text layout for people.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { formatThread, type StackEvidence } from '../analysis/py-spy-dump.js'
import type { Taken } from '../capture/capture.js'
import { formatDuration } from '../core/durations.js'
import type { Capture } from '../core/diagnosis.js'

/**
 * A fresh directory for one run under `parent`, with the evidence apart from
 * scratch files, so that evidence-dir uploads only what is worth keeping.
 */
export function makeRunDirs(parent: string): { workDir: string; scratchDir: string } {
  const runDir = fs.mkdtempSync(path.join(parent, 'backend-hang-debug-'))
  const workDir = path.join(runDir, 'evidence')
  const scratchDir = path.join(runDir, 'scratch')
  fs.mkdirSync(workDir)
  fs.mkdirSync(scratchDir)
  return { workDir, scratchDir }
}

/** Writes the samples that hold a dump as stacks.json and stacks.txt; the JSON's path, or undefined when there is none. */
export function writeStacks(workDir: string, method: string, taken: Taken[]): string | undefined {
  const dumped = taken.filter(t => t.raw.length > 0)
  if (dumped.length === 0) return undefined
  const dumpPath = path.join(workDir, 'stacks.json')
  const evidence: StackEvidence = {
    method,
    samples: dumped.map(t => ({ takenAtMs: t.sample.takenAtMs, dumps: t.raw }))
  }
  fs.writeFileSync(dumpPath, JSON.stringify(evidence, null, 2))
  fs.writeFileSync(
    path.join(workDir, 'stacks.txt'),
    stacksAsText(
      method,
      dumped.map(t => t.sample)
    )
  )
  return dumpPath
}

/** Every sample in py-spy's text layout, for people and for tools that read that layout. */
export function stacksAsText(method: string, samples: Capture['samples']): string {
  return samples
    .filter(s => s.processes.length > 0)
    .map(sample =>
      [
        `# sample at ${formatDuration(sample.takenAtMs)}, ${method}`,
        ...sample.processes.map(p => [`Process ${p.pid}: ${p.command}`, ...p.threads.map(formatThread)].join('\n\n'))
      ].join('\n\n')
    )
    .join('\n\n')
    .concat('\n')
}
