// Tries the suggested change before anyone has to: a scratch copy of the
// app with the change applied, and its route checked on it once more. The
// user's files are never touched: the app's own files are copied, and large
// or unchanged folders (virtualenvs, node_modules, .git, big data files) are
// linked into the copy instead. The run itself is the caller's (one more
// triage, judged as the first one was), so that this module knows nothing of
// how a run is judged.

import * as fs from 'node:fs'
import * as path from 'node:path'
import type { Verdict } from '../core/model.js'
import { formatDuration } from '../core/durations.js'
import type { FixChange, FixTrial, SourceEdit } from '../core/diagnosis.js'

/** Folders linked into the copy, never copied: installed code and tool caches. */
const LINKED_FOLDERS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache'
])
/** Left out of the copy: Python writes them anew. */
const LEFT_OUT = new Set(['__pycache__'])
/** A file this large is linked, not copied: data, not the app's code. */
const LARGE_FILE_BYTES = 5 * 1024 * 1024
/** Past this much copied, the app is too big to copy for a try: the try is skipped. */
const COPY_BUDGET_BYTES = 256 * 1024 * 1024

export class ScratchCopyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ScratchCopyError'
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * Copies the app at `from` to `to`: its own files copied, virtualenvs
 * (folders with a pyvenv.cfg), the folders in LINKED_FOLDERS and large files
 * linked. Returns how many bytes it copied.
 */
export function copyApp(from: string, to: string): number {
  let copied = 0
  const walk = (source: string, target: string): void => {
    fs.mkdirSync(target, { recursive: true })
    for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
      const src = path.join(source, entry.name)
      const dst = path.join(target, entry.name)
      // the copy may lie inside the app (a scratch folder under the workspace): never copy it into itself
      if (isInside(to, src)) continue
      if (entry.isSymbolicLink()) {
        fs.symlinkSync(fs.readlinkSync(src), dst)
      } else if (entry.isDirectory()) {
        if (LEFT_OUT.has(entry.name)) continue
        if (LINKED_FOLDERS.has(entry.name) || fs.existsSync(path.join(src, 'pyvenv.cfg'))) fs.symlinkSync(src, dst)
        else walk(src, dst)
      } else if (entry.isFile()) {
        const size = fs.statSync(src).size
        if (size > LARGE_FILE_BYTES) {
          fs.symlinkSync(src, dst)
          continue
        }
        copied += size
        if (copied > COPY_BUDGET_BYTES)
          throw new ScratchCopyError(
            `the app's files come to more than ${COPY_BUDGET_BYTES / 1024 / 1024} MB, too many to copy for a try`
          )
        fs.copyFileSync(src, dst)
      }
    }
  }
  walk(from, to)
  return copied
}

/** Applies edits to the files under `root`, bottom up in each file so that line numbers hold; each must find the lines it replaces. */
export function applyEdits(root: string, edits: SourceEdit[]): void {
  const byFile = new Map<string, SourceEdit[]>()
  for (const edit of edits) byFile.set(edit.path, [...(byFile.get(edit.path) ?? []), edit])
  for (const [relative, fileEdits] of byFile) {
    const file = path.join(root, relative)
    const text = fs.readFileSync(file, 'utf8')
    // a linked file is replaced by a copy of its own before it is changed
    if (fs.lstatSync(file).isSymbolicLink()) fs.unlinkSync(file)
    const lines = text.split('\n')
    for (const edit of [...fileEdits].sort((a, b) => b.firstLine - a.firstLine)) {
      const found = lines.slice(edit.firstLine - 1, edit.lastLine)
      if (found.join('\n') !== edit.before.join('\n')) {
        throw new ScratchCopyError(
          `${relative}:${edit.firstLine} does not hold the lines the change replaces (was it edited since the run?)`
        )
      }
      lines.splice(edit.firstLine - 1, edit.lastLine - edit.firstLine + 1, ...edit.after)
    }
    fs.writeFileSync(file, lines.join('\n'))
  }
}

/** What a run on the copy concluded, as the caller judges it. */
export interface TrialRun {
  verdict: Verdict
  headline: string
  slowestProbeMs: number
  probes: number
  pattern?: FixTrial['pattern']
  culprit?: string
}

export interface TryOptions {
  /** the app's root: working-directory */
  appRoot: string
  change: FixChange
  /** a folder of the run's own for the copy */
  scratchDir: string
  /** how long a run of these settings may take at most */
  runBoundMs: number
  /** when (performance.now()) the whole run must be over, if it must */
  deadlineMs?: number
  /** checks the route on the app at `appRoot`, up to the cycle that showed the problem, and judges it */
  run: (appRoot: string) => Promise<TrialRun>
}

/** Applies the change to a scratch copy and runs the cycles there; says why not when it cannot. */
export async function tryFix(options: TryOptions): Promise<FixTrial> {
  const started = performance.now()
  const done = (facts: Omit<FixTrial, 'applied' | 'durationMs'>): FixTrial => ({
    applied: options.change.edits,
    ...facts,
    durationMs: Math.round(performance.now() - started)
  })
  if (options.deadlineMs !== undefined) {
    const left = options.deadlineMs - started
    if (left < options.runBoundMs) {
      return done({
        skipped: `no time is left within the run's time bound (another run of these cycles may take up to ${formatDuration(options.runBoundMs)}; ${formatDuration(Math.max(0, left))} is left)`
      })
    }
  }
  const copy = path.join(options.scratchDir, 'app')
  try {
    copyApp(options.appRoot, copy)
    applyEdits(copy, options.change.edits)
  } catch (error) {
    if (error instanceof ScratchCopyError) return done({ skipped: error.message })
    throw error
  }
  const outcome = await options.run(copy)
  return done({
    verdict: outcome.verdict,
    headline: outcome.headline,
    slowestProbeMs: outcome.slowestProbeMs,
    probes: outcome.probes,
    ...(outcome.pattern ? { pattern: outcome.pattern } : {}),
    ...(outcome.culprit ? { culprit: outcome.culprit } : {})
  })
}
