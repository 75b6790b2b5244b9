// Parses what Python's faulthandler writes for all threads into the same
// stack model as py-spy's dumps. Pure.
//
// faulthandler prints, per thread, "Thread 0x… (most recent call first):"
// ("Current thread 0x…" for the one that took the signal) and one line per
// frame, innermost first: `  File "<path>", line <n> in <function>`. It has
// no thread names and no running/waiting flag: the thread that runs the
// script's `<module>` is the main thread, and whether it was running comes
// from the process table, read when the stacks were taken.

import * as path from 'node:path'
import type { Frame, ThreadStack } from '../core/diagnosis.js'

const THREAD = /^(?:Current thread|Thread) (0x[0-9a-fA-F]+) \(most recent call first\):$/
const FRAME = /^ {2}File "(.*)", line (\d+) in (.+)$/

/**
 * The path py-spy would show: relative to the Python library or
 * site-packages folder it lies in, or to the process's working directory.
 */
export function shortFileOf(file: string, cwd?: string): string {
  const installed =
    /[\\/](?:site|dist)-packages[\\/](.+)$/.exec(file) ?? /[\\/]lib[\\/]python\d+(?:\.\d+)?t?[\\/](.+)$/.exec(file)
  if (installed) return (installed[1] as string).replaceAll('\\', '/')
  if (cwd && file.startsWith(cwd + path.sep)) return file.slice(cwd.length + 1).replaceAll('\\', '/')
  return file
}

export interface FaulthandlerContext {
  pid: number
  cwd?: string
  /** the process's main thread was running (state R) when the stacks were taken */
  mainThreadRunning?: boolean
}

/** Parses one faulthandler dump of all threads; lines it does not know are skipped. */
export function parseFaulthandlerDump(text: string, context: FaulthandlerContext): ThreadStack[] {
  const threads: ThreadStack[] = []
  let current: ThreadStack | undefined
  for (const line of text.split('\n')) {
    const thread = THREAD.exec(line)
    if (thread) {
      current = { pid: context.pid, threadId: thread[1] as string, active: false, ownsGil: false, frames: [] }
      threads.push(current)
      continue
    }
    const frame = FRAME.exec(line)
    if (!frame || !current) continue
    const raw = frame[1] as string
    const file = path.isAbsolute(raw) || !context.cwd || raw.startsWith('<') ? raw : path.resolve(context.cwd, raw)
    const parsed: Frame = {
      name: frame[3] as string,
      file,
      shortFile: shortFileOf(file, context.cwd),
      line: Number(frame[2])
    }
    current.frames.push(parsed)
  }
  for (const thread of threads) {
    if (thread.frames.at(-1)?.name !== '<module>') continue
    thread.name = 'MainThread'
    thread.active = context.mainThreadRunning === true
  }
  return threads
}
