// The pieces a change is built from: the statement around a frame's line,
// an edit of its lines, a call moved to a worker thread or awaited, and the
// import the change needs. Pure: source lines come through the reader.

import { appRelative, type CodeScope, type ReadLines } from '../analysis/stack-shapes.js'
import {
  enclosingDef,
  findCall,
  importLine,
  importsModule,
  statementAt,
  type CallSpan,
  type FunctionDef,
  type LogicalLine
} from './python-source.js'
import type { Frame, SourceEdit } from '../core/diagnosis.js'

export interface Located {
  frame: Frame
  lines: string[]
  statement: LogicalLine
  def: FunctionDef | undefined
}

export const indentOf = (line: string): string => line.slice(0, line.length - line.trimStart().length)

/** The statement text of a logical line, its lines joined. */
export const textOf = (statement: LogicalLine): string => statement.lines.join('\n')

/** The statement and the function around a frame's line, when its source can be read. */
export function locate(frame: Frame, readLines: ReadLines): Located | undefined {
  const lines = readLines(frame.file)
  if (!lines) return undefined
  const statement = statementAt(lines, frame.line)
  if (!statement) return undefined
  return { frame, lines, statement, def: enclosingDef(lines, frame.line) }
}

export type Rewrite = { summary: string; edit: SourceEdit } | { unknown: string }

export function editOf(located: Located, scope: CodeScope, first: number, last: number, after: string[]): SourceEdit {
  return {
    file: located.frame.file,
    path: appRelative(located.frame.file, scope),
    firstLine: first,
    lastLine: last,
    before: located.lines.slice(first - 1, last),
    after
  }
}

/** The statement's lines with one call replaced by `replacement`. */
export function replaceSpan(
  statement: LogicalLine,
  span: { start: number; end: number },
  replacement: string
): string[] {
  const text = textOf(statement)
  return (text.slice(0, span.start) + replacement + text.slice(span.end)).split('\n')
}

/**
 * `callee(args)` → `await asyncio.to_thread(callee, args)`, keeping the
 * arguments as written (also over several lines), in parentheses when an
 * attribute, index or call follows it.
 */
export function toThread(text: string, call: CallSpan): string {
  return awaited(text, call, `asyncio.to_thread(${call.callee}${joinArgs(call.args)})`)
}

export function joinArgs(args: string): string {
  if (args.trim() === '') return ''
  // a lone generator expression needs its own parentheses once it is not the only argument
  const lone = /\bfor\b/.test(args) && !topLevelComma(args) && !/^\s*[([]/.test(args)
  if (lone) return `, (${args.trim()})`
  return args.startsWith('\n') ? `,${args}` : `, ${args}`
}

export function topLevelComma(args: string): boolean {
  let depth = 0
  for (const c of args) {
    if ('([{'.includes(c)) depth++
    else if (')]}'.includes(c)) depth--
    else if (c === ',' && depth === 0) return true
  }
  return false
}

/** `await <expr>`, in parentheses when the call it replaces was followed by `.x`, `[i]` or `(...)`. */
export function awaited(text: string, call: CallSpan, expression: string): string {
  const trailer = /^\s*[.[(]/.test(text.slice(call.close + 1))
  return trailer ? `(await ${expression})` : `await ${expression}`
}

export const span = (call: CallSpan) => ({ start: call.start, end: call.close + 1 })

/** `f.result()` → `await asyncio.wrap_future(f)`; with a timeout, `await asyncio.wait_for(asyncio.wrap_future(f), timeout)`. */
export function awaitFuture(text: string, call: CallSpan, future: string, args: string): string {
  const timeout = args.replace(/^\s*timeout\s*=\s*/, '').trim()
  const wrapped = `asyncio.wrap_future(${future})`
  return awaited(text, call, timeout === '' ? wrapped : `asyncio.wait_for(${wrapped}, ${timeout})`)
}

/** The statement's first call, when the statement is one: `x = f(a)`, `return f(a)`, `f(a)`. */
export function outermostCall(text: string): CallSpan | undefined {
  const head = /^\s*(?:(?:[\w.,\s*]+?)\s*=\s*|return\s+|yield\s+)?([A-Za-z_][\w.]*)\s*\(/.exec(text)
  if (!head) return undefined
  const name = (head[1] as string).split('.').at(-1) as string
  return findCall(text, name)
}

/** The statement edit, and `import asyncio` at the top of the file when the edit uses it and the file lacks it. */
export function withImport(edit: SourceEdit, located: Located, scope: CodeScope): SourceEdit[] {
  if (!edit.after.join('\n').includes('asyncio.') || importsModule(located.lines, 'asyncio')) return [edit]
  const line = importLine(located.lines)
  return [edit, editOf(located, scope, line, line - 1, ['import asyncio'])]
}

export function unknownStatement(statement: LogicalLine): string {
  const text = statement.lines.map(l => l.trim()).join(' ')
  return `the rewriter does not know this statement's shape: \`${text.length > 120 ? `${text.slice(0, 117)}...` : text}\``
}
