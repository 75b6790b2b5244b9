// Rewrites of a whole block, not one call: a `with ThreadPoolExecutor()`
// block, a `with lock:` block, and a `for` over a blocking iterator, each
// keeping its body as written.

import type { CodeScope, ReadLines } from '../analysis/stack-shapes.js'
import { blockUnder, enclosingDef, statementAt } from './python-source.js'
import { editOf, indentOf, unknownStatement, type Located, type Rewrite } from './edits.js'
import type { Frame } from '../core/diagnosis.js'

/** The user's own `with Executor(...) as pool:` block, with the pool created before it and shut down without waiting after it. */
export function executorBlock(
  located: Located,
  scope: CodeScope,
  indent: string,
  constructor: string,
  variable: string
): Rewrite {
  const { statement, lines } = located
  const block = blockUnder(lines, statement)
  if (!block) return { unknown: unknownStatement(statement) }
  const body = lines.slice(block.first - 1, block.last)
  const after = [
    `${indent}${variable} = ${constructor}`,
    `${indent}try:`,
    ...body,
    `${indent}finally:`,
    `${indent}    # the client may be gone: do not wait for the pool (Python >= 3.9)`,
    `${indent}    ${variable}.shutdown(wait=False, cancel_futures=True)`
  ]
  return {
    summary: `Create the pool outside the \`with\`, and shut it down without waiting when the generator ends, also when the client disconnects.`,
    edit: editOf(located, scope, statement.first, block.last, after)
  }
}

/** `with lock:` → acquired in a worker thread, released in `finally`. */
export function lockBlock(located: Located, scope: CodeScope, indent: string, lock: string): Rewrite {
  const { statement, lines } = located
  const block = blockUnder(lines, statement)
  if (!block) return { unknown: unknownStatement(statement) }
  const after = [
    `${indent}await asyncio.to_thread(${lock}.acquire)`,
    `${indent}try:`,
    ...lines.slice(block.first - 1, block.last),
    `${indent}finally:`,
    `${indent}    ${lock}.release()`
  ]
  return {
    summary: `Acquire \`${lock}\` in a worker thread, so the loop keeps serving while it waits.`,
    edit: editOf(located, scope, statement.first, block.last, after)
  }
}

/** Whether the frame's function is a generator: its source has a `yield` in its body. */
export function isGenerator(frame: Frame, readLines: ReadLines): boolean {
  const lines = readLines(frame.file)
  const def = lines ? enclosingDef(lines, frame.line) : undefined
  if (!lines || !def) return frame.name === '__next__' || frame.name === '__iter__'
  const header = statementAt(lines, def.line)
  const body = header ? blockUnder(lines, header) : undefined
  return !!body && lines.slice(body.first - 1, body.last).some(line => /\byield\b/.test(line.replace(/#.*$/, '')))
}

/** A `for` header: its indentation, target and iterable. */
export const FOR_HEADER = /^(\s*)for\s+(.+?)\s+in\s+(.+):\s*(#.*)?$/s

/** An iterable made by a call on the result of another call: making it may block (it opens the stream). */
export const CHAINED_CALL = /\)\s*\.\s*[A-Za-z_]\w*\s*\(/

/**
 * `for item in source:` → each item taken from the iterator in a worker
 * thread. Only the header changes, so `break`, `continue` and the loop's
 * `else:` keep their meaning (a `while` runs its `else` when its condition
 * fails, as a `for` does when its items run out); a tuple target is
 * unpacked as the body's first line.
 */
export function iterateInThread(
  located: Located,
  scope: CodeScope,
  indent: string,
  target: string,
  source: string,
  createInThread: boolean
): Rewrite {
  const { statement } = located
  const simple = /^[A-Za-z_]\w*$/.test(target)
  const iterator = simple ? `${target}_iter` : 'items_iter'
  // the sentinel must not shadow a name of the function's own
  const sentinel = located.lines.some(line => /\bdone\b/.test(line)) ? 'no_more' : 'done'
  const header = [
    createInThread
      ? `${indent}${iterator} = await asyncio.to_thread(lambda: iter(${source}))`
      : `${indent}${iterator} = iter(${source})`,
    `${indent}${sentinel} = object()`,
    `${indent}while (${simple ? target : 'item'} := await asyncio.to_thread(next, ${iterator}, ${sentinel})) is not ${sentinel}:`
  ]
  const bodyIndent = indentOf(located.lines[statement.last] ?? `${indent}    `) || `${indent}    `
  const after = simple ? header : [...header, `${bodyIndent}${target} = item`]
  return {
    summary: 'Take each item from the blocking iterator in a worker thread, so the loop keeps serving between items.',
    edit: editOf(located, scope, statement.first, statement.last, after)
  }
}
