// Which thread holds the lock the event loop waits for: py-spy shows no
// owner of a lock, but the holder's own code does. A thread of the app whose
// frame sits inside `with LOCK:` (or after `LOCK.acquire()` with no release
// since) holds it. Pure: source lines are read through the function passed in.

import type { Frame, LockHolder, ThreadStack } from '../core/diagnosis.js'
import { appRelative, isAppCode, type CodeScope, type ReadLines } from './stack-shapes.js'

const indentOf = (line: string): number => line.length - line.trimStart().length
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The statement that took `variable` and still holds it at `frame`, read
 * upwards from the frame's line to the start of its function: a `with` over
 * it that encloses the line, or an `acquire()` on it with no `release()`
 * between the two. `name` is the lock's name as a pattern.
 */
function takenAt(frame: Frame, name: string, lines: string[]): { statement: string; line: number } | undefined {
  const here = lines[frame.line - 1]
  if (here === undefined) return undefined
  const withLock = new RegExp(`^\\s*(?:async\\s+)?with\\b[^#]*${name}(?!\\w)[^#]*:`)
  const acquire = new RegExp(`${name}\\.acquire\\s*\\(`)
  const release = new RegExp(`${name}\\.release\\s*\\(`)
  let innermost = indentOf(here)
  for (let index = frame.line - 2; index >= 0; index--) {
    const line = lines[index] as string
    if (line.trim() === '' || line.trim().startsWith('#')) continue
    const indent = indentOf(line)
    if (indent > innermost) continue
    if (release.test(line)) return undefined
    if (acquire.test(line)) return { statement: line.trim(), line: index + 1 }
    if (indent < innermost) {
      // a block that encloses the frame's line
      if (withLock.test(line)) return { statement: line.trim(), line: index + 1 }
      if (/^\s*(?:async\s+)?def\s/.test(line)) return undefined
      innermost = indent
    }
  }
  return undefined
}

/**
 * The thread of the app that holds `variable` (the lock, event or queue the
 * loop waits for, as the app names it), found by the code each other thread
 * is in: the first whose app frame lies inside a `with` over it or after an
 * `acquire()` of it. Undefined when no thread's code shows it.
 */
export function lockHolder(
  variable: string,
  threads: ThreadStack[],
  scope: CodeScope,
  readLines: ReadLines
): LockHolder | undefined {
  // the name as the loop's code wrote it, or any attribute of that last name (`self.lock` there, `exporter.lock` here)
  const exact = `(?<![\\w.])${escaped(variable)}`
  const short = variable.split('.').at(-1) as string
  const attribute = `(?<![\\w.])(?:[A-Za-z_]\\w*\\.)*${escaped(short)}`
  for (const thread of threads) {
    for (const frame of thread.frames) {
      if (!isAppCode(frame, scope)) continue
      const lines = readLines(frame.file)
      if (!lines) continue
      const taken = takenAt(frame, exact, lines) ?? (short !== variable ? takenAt(frame, attribute, lines) : undefined)
      if (!taken) continue
      return {
        thread: thread.name ? `"${thread.name}"` : thread.threadId,
        at: { path: appRelative(frame.file, scope), absolutePath: frame.file, line: frame.line, function: frame.name },
        takenBy: taken.statement,
        takenAtLine: taken.line
      }
    }
  }
  return undefined
}
