// The file-system facts the analysis needs, gathered before it runs: the
// app's source lines, and which folders under the app root are installed code
// (a virtualenv inside the workspace is not the app's own code).

import * as fs from 'node:fs'
import * as path from 'node:path'
import type { CodeScope } from '../analysis/stack-shapes.js'
import type { StackSample } from '../core/diagnosis.js'

/** Reads a source file as lines, once per path; undefined when unreadable. */
export function sourceReader(): (file: string) => string[] | undefined {
  const cache = new Map<string, string[] | undefined>()
  return file => {
    if (!cache.has(file)) {
      try {
        cache.set(file, fs.readFileSync(file, 'utf8').split(/\r?\n/))
      } catch {
        cache.set(file, undefined)
      }
    }
    return cache.get(file)
  }
}

function realpathOr(p: string): string {
  try {
    return fs.realpathSync(p)
  } catch {
    return p
  }
}

/**
 * The app root and the virtualenvs inside it that the captured frames run
 * from. A virtualenv is a folder with a pyvenv.cfg; walking up from each
 * frame's file finds them without scanning the whole workspace.
 */
export function codeScope(workingDirectory: string, samples: StackSample[]): CodeScope {
  const appRoot = realpathOr(workingDirectory)
  const libraryRoots = new Set<string>()
  const checked = new Set<string>()
  const files = new Set(
    samples.flatMap(s => s.processes.flatMap(p => p.threads.flatMap(t => t.frames.map(f => f.file))))
  )
  for (const file of files) {
    if (!path.isAbsolute(file) || path.relative(appRoot, file).startsWith('..')) continue
    for (
      let dir = path.dirname(file);
      dir.length >= appRoot.length && dir !== path.dirname(dir);
      dir = path.dirname(dir)
    ) {
      if (checked.has(dir)) break
      checked.add(dir)
      if (fs.existsSync(path.join(dir, 'pyvenv.cfg'))) {
        libraryRoots.add(dir)
        break
      }
    }
  }
  return { appRoot, libraryRoots: [...libraryRoots] }
}
