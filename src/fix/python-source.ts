// Just enough of Python's grammar to rewrite one statement: logical lines
// (a statement over several physical lines, brackets, strings and
// backslashes), the function a line belongs to and whether it is `async def`,
// the block under a header, and the span of a call. Pure: lines in, positions
// out.

/** One statement as Python reads it, over one or more physical lines. */
export interface LogicalLine {
  /** 1-based numbers of its first and last physical lines */
  first: number
  last: number
  /** its physical lines, as written */
  lines: string[]
  /** the indentation of its first line, in characters */
  indent: number
}

const indentOf = (line: string): number => line.length - line.trimStart().length

/** Whether the line holds no code: blank, or a comment alone. */
export function isBlank(line: string): boolean {
  const trimmed = line.trim()
  return trimmed === '' || trimmed.startsWith('#')
}

/**
 * Splits source lines into logical lines. A physical line continues the
 * statement while a bracket is open, a triple-quoted string is open, or it
 * ends with a backslash. Blank and comment lines outside a statement are left
 * out.
 */
export function logicalLines(lines: string[]): LogicalLine[] {
  const result: LogicalLine[] = []
  let current: LogicalLine | undefined
  let depth = 0
  let triple: string | undefined
  lines.forEach((line, index) => {
    if (!current) {
      if (isBlank(line)) return
      current = { first: index + 1, last: index + 1, lines: [], indent: indentOf(line) }
    }
    current.lines.push(line)
    current.last = index + 1
    let continued = false
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string
      if (triple) {
        if (line.startsWith(triple, i)) {
          triple = undefined
          i += 2
        } else if (c === '\\') i++
        continue
      }
      if (c === '#') break
      if (line.startsWith('"""', i) || line.startsWith("'''", i)) {
        triple = line.slice(i, i + 3)
        i += 2
        continue
      }
      if (c === '"' || c === "'") {
        // a string on one line: find its end, past escaped quotes
        let j = i + 1
        while (j < line.length && line[j] !== c) j += line[j] === '\\' ? 2 : 1
        i = j
        continue
      }
      if ('([{'.includes(c)) depth++
      else if (')]}'.includes(c)) depth = Math.max(0, depth - 1)
      else if (c === '\\' && i === line.trimEnd().length - 1) continued = true
    }
    if (depth === 0 && !triple && !continued) {
      result.push(current)
      current = undefined
    }
  })
  if (current) result.push(current)
  return result
}

/** The statement that holds physical line `line` (1-based). */
export function statementAt(lines: string[], line: number): LogicalLine | undefined {
  return logicalLines(lines).find(l => l.first <= line && line <= l.last)
}

export interface FunctionDef {
  name: string
  async: boolean
  /** 1-based line of the `def` */
  line: number
  indent: number
}

const DEF = /^(\s*)(async\s+)?def\s+([A-Za-z_]\w*)\s*\(/

/** The function whose body holds line `line`: the nearest `def` above it with less indentation. */
export function enclosingDef(lines: string[], line: number): FunctionDef | undefined {
  const statements = logicalLines(lines)
  const at = statements.findIndex(s => s.first <= line && line <= s.last)
  if (at < 0) return undefined
  let indent = (statements[at] as LogicalLine).indent
  for (const s of statements.slice(0, at).reverse()) {
    if (s.indent >= indent) continue
    const def = DEF.exec(s.lines[0] as string)
    if (def) return { name: def[3] as string, async: def[2] !== undefined, line: s.first, indent: s.indent }
    // a block header (if, for, with, try, class) the line sits in: look further out from it
    indent = s.indent
    if (indent === 0) return undefined
  }
  return undefined
}

/** The block under a header statement (for, with, ...): its statements, up to the last line that belongs to it. */
export function blockUnder(lines: string[], header: LogicalLine): { first: number; last: number } | undefined {
  const statements = logicalLines(lines)
  const start = statements.findIndex(s => s.first === header.first)
  let last: number | undefined
  for (const s of statements.slice(start + 1)) {
    if (s.indent <= header.indent) break
    last = s.last
  }
  return last === undefined ? undefined : { first: header.last + 1, last }
}

/** A call in a statement's text: where its callee starts, its parentheses, and what is between them. */
export interface CallSpan {
  /** index of the callee's first character (e.g. of `upstream` in `upstream.fetch(x)`) */
  start: number
  /** the callee as written: `upstream.fetch` */
  callee: string
  /** index of `(` and of its matching `)` */
  open: number
  close: number
  /** the arguments as written, without the parentheses */
  args: string
}

/** Index of the bracket that closes the one at `open`, skipping strings; -1 when it is not closed. */
function closingBracket(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    const c = text[i] as string
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c
      const end = text.indexOf(triple, i + triple.length)
      if (end < 0) return -1
      i = end + triple.length - 1
      continue
    }
    if ('([{'.includes(c)) depth++
    else if (')]}'.includes(c) && --depth === 0) return i
  }
  return -1
}

/**
 * The first call in `text` of a function named `name`, with the whole callee
 * as written: `name(`, `pool.name(`, or `subprocess.Popen([...]).name(`;
 * undefined when there is none outside strings.
 */
export function findCall(text: string, name: string): CallSpan | undefined {
  const pattern = new RegExp(`(?<![\\w])${name}\\s*\\(`, 'g')
  for (const match of text.matchAll(pattern)) {
    if (insideString(text, match.index)) continue
    const start = receiverStart(text, match.index)
    const open = match.index + match[0].length - 1
    const close = closingBracket(text, open)
    if (close < 0) continue
    return { start, callee: text.slice(start, open).trimEnd(), open, close, args: text.slice(open + 1, close) }
  }
  return undefined
}

/** Where the expression a method is called on begins: back over names, dots, calls and subscripts. */
function receiverStart(text: string, nameAt: number): number {
  let i = nameAt
  for (;;) {
    let j = i - 1
    while (j >= 0 && /\s/.test(text[j] as string)) j--
    if (text[j] !== '.') return i
    j--
    while (j >= 0 && /\s/.test(text[j] as string)) j--
    // a call or a subscript: back to its opening bracket, then to the name it follows
    let bracket: number | undefined
    while (text[j] === ')' || text[j] === ']') {
      bracket = openingBracket(text, j)
      if (bracket < 0) return i
      j = bracket - 1
    }
    let k = j
    while (k >= 0 && /\w/.test(text[k] as string)) k--
    // no name before the bracket: a parenthesised expression or a literal, `(a or b).wait(`, is the receiver
    if (k === j) return bracket ?? i
    i = k + 1
  }
}

/** Index of the bracket that opens the one at `close`, backwards; -2 when there is none. */
function openingBracket(text: string, close: number): number {
  let depth = 0
  for (let i = close; i >= 0; i--) {
    const c = text[i] as string
    if (')]}'.includes(c)) depth++
    else if ('([{'.includes(c) && --depth === 0) return i
  }
  return -2
}

/** Whether position `at` of a statement lies inside a string literal (or a comment). */
function insideString(text: string, at: number): boolean {
  let quote: string | undefined
  for (let i = 0; i < at; i++) {
    const c = text[i] as string
    if (quote) {
      if (text.startsWith(quote, i)) {
        i += quote.length - 1
        quote = undefined
      } else if (c === '\\') i++
    } else if (c === '#') {
      const newline = text.indexOf('\n', i)
      if (newline < 0 || newline > at) return true
      i = newline
    } else if (c === '"' || c === "'") {
      quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c
      i += quote.length - 1
    }
  }
  return quote !== undefined
}

/** Whether the module imports `asyncio` itself (so that `asyncio.` names resolve). */
export function importsModule(lines: string[], module: string): boolean {
  const pattern = new RegExp(`^\\s*import\\s+(?:[\\w.]+\\s*,\\s*)*${module}\\b(?!\\s+as\\b)`)
  return lines.some(line => pattern.test(line))
}

/**
 * Where `import <module>` goes: before the module's first top-level import
 * (after a docstring and `from __future__` imports), or at the top.
 */
export function importLine(lines: string[]): number {
  const statements = logicalLines(lines).filter(s => s.indent === 0)
  const first = statements.find(
    s =>
      /^(import|from)\s/.test((s.lines[0] as string).trim()) &&
      !/^from\s+__future__\s/.test((s.lines[0] as string).trim())
  )
  if (first) return first.first
  const docstring =
    statements[0] && /^("""|''')/.test((statements[0].lines[0] as string).trim()) ? statements[0].last : 0
  const future = statements.filter(s => /^from\s+__future__\s/.test((s.lines[0] as string).trim())).at(-1)?.last ?? 0
  return Math.max(docstring, future) + 1
}
