// The fix, written for this code: from the diagnosis's frames and the source
// lines, the statement to change, where (the innermost `async def` of the
// app on the loop thread, so the change is one an `await` can live in), and
// the change itself, built from the statement as written: its names, its
// arguments, its indentation, its block. Where the shape is not one this
// knows, it says so and gives no made-up "after". Pure: source lines come
// through the reader passed in.

import type { Diagnosis, FixChange, FixProposal, Frame, PatternId, SourceEdit } from '../core/model.js'
import { appRelative, isAppCode, type CodeScope, type ReadLines } from '../analysis/stack-shapes.js'
import {
  blockUnder,
  enclosingDef,
  findCall,
  importLine,
  importsModule,
  statementAt,
  type CallSpan,
  type FunctionDef,
  type LogicalLine
} from './python-source.js'

const ADVICE: Record<PatternId, string> = {
  'executor-shutdown-wait':
    'Never let the event loop thread wait for a pool. Create the executor outside a `with`, and shut it down without waiting when the stream ends (also when the client disconnects).',
  'thread-join':
    'Do not wait for a thread on the event loop: wait in a worker thread, or signal the thread to stop and do not wait for it at all.',
  'sync-sleep': '`time.sleep` stops the whole thread, the event loop with it. In a coroutine, sleep with the loop.',
  'sync-io':
    'Run the blocking client call in a worker thread, or use an async client end to end (e.g. `httpx.AsyncClient`).',
  'lock-wait':
    'Do not wait for a threading lock, event or queue on the event loop: wait in a worker thread, or use the `asyncio` primitive when only coroutines share it.',
  'future-result':
    'Await the future instead of blocking on it: `asyncio.wrap_future` lets the loop run (and finish the work) while it waits.',
  'subprocess-wait':
    'Wait for the child process off the loop: in a worker thread, or with `asyncio.create_subprocess_exec`.',
  'cpu-bound':
    'Move the computation off the loop. A worker thread keeps the loop answering (it takes turns with the GIL); for throughput, a process pool created once at startup.',
  'threadpool-exhausted': [
    "Free the pool's threads. In order of preference:",
    '',
    '1. Make the routes that block there `async def` and await async calls, so they do not take a pool thread at all; keep the health route `async def` too.',
    '2. Give every blocking call in sync code a timeout, so a thread comes back even when its upstream never answers.',
    "3. Raise the pool's size (40 threads by default) when the blocking is expected and bounded:",
    '',
    '```python',
    'from contextlib import asynccontextmanager',
    '',
    'import anyio.to_thread',
    '',
    '@asynccontextmanager',
    'async def lifespan(app):',
    '    anyio.to_thread.current_default_thread_limiter().total_tokens = 100',
    '    yield',
    '',
    'app = FastAPI(lifespan=lifespan)',
    '```'
  ].join('\n'),
  unknown:
    'Move the blocking call off the event loop: `await asyncio.to_thread(function, ...)` runs it in a worker thread and keeps the loop answering.'
}

interface Located {
  frame: Frame
  lines: string[]
  statement: LogicalLine
  def: FunctionDef | undefined
}

const indentOf = (line: string): string => line.slice(0, line.length - line.trimStart().length)

/** The statement text of a logical line, its lines joined. */
const textOf = (statement: LogicalLine): string => statement.lines.join('\n')

/** The proposal for a diagnosis: the change at the right depth when the code's shape allows one. */
export function proposeFix(diagnosis: Diagnosis, scope: CodeScope, readLines: ReadLines): FixProposal {
  const proposal: FixProposal = { pattern: diagnosis.pattern, advice: ADVICE[diagnosis.pattern], notes: [] }
  const frames = diagnosis.loopStack?.frames ?? []
  const culprit = diagnosis.culprit
  if (diagnosis.pattern === 'threadpool-exhausted' || !culprit) return proposal
  const at = frames.findIndex(f => f.file === culprit.absolutePath && f.line === culprit.line)
  if (at < 0) return proposal

  // outward from the culprit to the innermost coroutine of the app's own code: where `await` may stand
  let coroutine: { index: number; located: Located } | undefined
  for (let i = at; i < frames.length; i++) {
    const frame = frames[i] as Frame
    if (!isAppCode(frame, scope)) continue
    const located = locate(frame, readLines)
    if (!located) continue
    if (located.def?.async) {
      coroutine = { index: i, located }
      break
    }
  }
  if (!coroutine) {
    proposal.unknownShape = `no \`async def\` of the app's code is on the event loop thread between \`${culprit.path}:${culprit.line}\` and the loop, so there is no line where an \`await\` could go`
    return proposal
  }

  const where = (located: Located) => ({
    path: appRelative(located.frame.file, scope),
    line: located.statement.first,
    function: located.def?.name ?? located.frame.name
  })

  if (coroutine.index === at) {
    const change = rewriteInPlace(diagnosis, coroutine.located, frames[at - 1], scope, readLines)
    if ('unknown' in change) proposal.unknownShape = change.unknown
    else
      proposal.primary = {
        summary: change.summary,
        where: where(coroutine.located),
        edits: withImport(change.edit, coroutine.located, scope)
      }
  } else {
    const callee = frames[coroutine.index - 1] as Frame
    const change = rewriteCallSite(diagnosis, coroutine.located, callee, scope, readLines)
    if ('unknown' in change) proposal.unknownShape = change.unknown
    else
      proposal.primary = {
        summary: change.summary,
        where: where(coroutine.located),
        edits: withImport(change.edit, coroutine.located, scope)
      }
    const helper = locate(frames[at] as Frame, readLines)
    if (helper && !('unknown' in change)) {
      const alternative = asyncHelper(diagnosis, helper, coroutine, callee, frames, at, scope, readLines)
      if (alternative) proposal.alternative = alternative
    }
  }
  if (proposal.primary) proposal.notes.push(...notesFor(diagnosis.pattern))
  return proposal
}

/** The statement and the function around a frame's line, when its source can be read. */
function locate(frame: Frame, readLines: ReadLines): Located | undefined {
  const lines = readLines(frame.file)
  if (!lines) return undefined
  const statement = statementAt(lines, frame.line)
  if (!statement) return undefined
  return { frame, lines, statement, def: enclosingDef(lines, frame.line) }
}

type Rewrite = { summary: string; edit: SourceEdit } | { unknown: string }

function editOf(located: Located, scope: CodeScope, first: number, last: number, after: string[]): SourceEdit {
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
function replaceSpan(statement: LogicalLine, span: { start: number; end: number }, replacement: string): string[] {
  const text = textOf(statement)
  return (text.slice(0, span.start) + replacement + text.slice(span.end)).split('\n')
}

/**
 * `callee(args)` → `await asyncio.to_thread(callee, args)`, keeping the
 * arguments as written (also over several lines), in parentheses when an
 * attribute, index or call follows it.
 */
function toThread(text: string, call: CallSpan): string {
  return awaited(text, call, `asyncio.to_thread(${call.callee}${joinArgs(call.args)})`)
}

function joinArgs(args: string): string {
  if (args.trim() === '') return ''
  // a lone generator expression needs its own parentheses once it is not the only argument
  const lone = /\bfor\b/.test(args) && !topLevelComma(args) && !/^\s*[([]/.test(args)
  if (lone) return `, (${args.trim()})`
  return args.startsWith('\n') ? `,${args}` : `, ${args}`
}

function topLevelComma(args: string): boolean {
  let depth = 0
  for (const c of args) {
    if ('([{'.includes(c)) depth++
    else if (')]}'.includes(c)) depth--
    else if (c === ',' && depth === 0) return true
  }
  return false
}

/** `await <expr>`, in parentheses when the call it replaces was followed by `.x`, `[i]` or `(...)`. */
function awaited(text: string, call: CallSpan, expression: string): string {
  const trailer = /^\s*[.[(]/.test(text.slice(call.close + 1))
  return trailer ? `(await ${expression})` : `await ${expression}`
}

const span = (call: CallSpan) => ({ start: call.start, end: call.close + 1 })

/** The blocking call on a coroutine's own line, rewritten where it stands. */
function rewriteInPlace(
  diagnosis: Diagnosis,
  located: Located,
  inner: Frame | undefined,
  scope: CodeScope,
  readLines: ReadLines
): Rewrite {
  const { statement } = located
  const text = textOf(statement)
  // `for x in it:` that blocks in taking an item (a generator below, or a C iterator): each item off the loop
  const forLoop = FOR_HEADER.exec(text)
  if (forLoop && (inner === undefined || isGenerator(inner, readLines))) {
    const source = (forLoop[3] as string).trim()
    // a C iterator may block in its creation too (`requests.get(url, stream=True).iter_lines()`): made in the thread
    const createInThread = inner === undefined ? /\(/.test(source) : CHAINED_CALL.test(source)
    return iterateInThread(located, scope, forLoop[1] as string, (forLoop[2] as string).trim(), source, createInThread)
  }
  const first = statement.first
  const replace = (call: CallSpan, replacement: string, summary: string): Rewrite => ({
    summary,
    edit: editOf(located, scope, first, statement.last, replaceSpan(statement, span(call), replacement))
  })
  const offload = (call: CallSpan | undefined, summary: string): Rewrite =>
    call ? replace(call, toThread(text, call), summary) : { unknown: unknownStatement(statement) }

  switch (diagnosis.pattern) {
    case 'executor-shutdown-wait': {
      const withBlock =
        /^(\s*)with\s+((?:[\w.]+\.)?(?:ThreadPoolExecutor|ProcessPoolExecutor)\s*\(.*\))\s+as\s+([A-Za-z_]\w*)\s*:\s*(#.*)?$/s.exec(
          text
        )
      if (withBlock)
        return executorBlock(located, scope, withBlock[1] as string, withBlock[2] as string, withBlock[3] as string)
      const shutdown = findCall(text, 'shutdown')
      if (!shutdown) return { unknown: unknownStatement(statement) }
      return replace(
        shutdown,
        `${shutdown.callee}(wait=False, cancel_futures=True)`,
        `Shut the pool down without waiting for it (\`cancel_futures\` needs Python 3.9 or newer).`
      )
    }
    case 'sync-sleep': {
      const sleep = findCall(text, 'sleep')
      if (!sleep || /asyncio\.sleep$/.test(sleep.callee)) return { unknown: unknownStatement(statement) }
      return replace(
        sleep,
        awaited(text, sleep, `asyncio.sleep(${sleep.args})`),
        'Sleep with the loop instead of stopping its thread.'
      )
    }
    case 'lock-wait': {
      const withLock = /^(\s*)with\s+([A-Za-z_][\w.]*)\s*:\s*(#.*)?$/.exec(text)
      if (withLock) return lockBlock(located, scope, withLock[1] as string, withLock[2] as string)
      const call = ['acquire', 'get', 'wait', 'put'].map(name => findCall(text, name)).find(c => c !== undefined)
      return offload(call, 'Wait in a worker thread, so the loop keeps serving.')
    }
    case 'thread-join':
      return offload(findCall(text, 'join'), 'Wait for the thread in a worker thread, so the loop keeps serving.')
    case 'future-result': {
      const result = findCall(text, 'result')
      if (!result) return { unknown: unknownStatement(statement) }
      const future = result.callee.replace(/\.result$/, '')
      return replace(
        result,
        awaitFuture(text, result, future, result.args),
        'Await the future: the loop runs on (and can finish the work) while it waits.'
      )
    }
    case 'subprocess-wait': {
      const call =
        (inner && findCall(text, inner.name)) ??
        [
          'communicate',
          'wait',
          'waitpid',
          'wait4',
          'wait3',
          'system',
          'read',
          'spawn',
          'run',
          'call',
          'check_call',
          'check_output'
        ]
          .map(name => findCall(text, name))
          .find(c => c !== undefined)
      return offload(call, 'Wait for the child process in a worker thread, so the loop keeps serving.')
    }
    case 'sync-io':
    case 'cpu-bound':
    case 'unknown': {
      // the call the line makes into the blocking code: the library function below it, or the line's own call
      const call = (inner && findCall(text, inner.name)) ?? outermostCall(text)
      const what =
        diagnosis.pattern === 'cpu-bound'
          ? 'the computation'
          : diagnosis.pattern === 'sync-io'
            ? 'the blocking client call'
            : 'the blocking call'
      return offload(call, `Run ${what} in a worker thread, so the loop keeps serving.`)
    }
    case 'threadpool-exhausted':
      return { unknown: unknownStatement(statement) }
  }
}

/** `f.result()` → `await asyncio.wrap_future(f)`; with a timeout, `await asyncio.wait_for(asyncio.wrap_future(f), timeout)`. */
function awaitFuture(text: string, call: CallSpan, future: string, args: string): string {
  const timeout = args.replace(/^\s*timeout\s*=\s*/, '').trim()
  const wrapped = `asyncio.wrap_future(${future})`
  return awaited(text, call, timeout === '' ? wrapped : `asyncio.wait_for(${wrapped}, ${timeout})`)
}

/** The statement's first call, when the statement is one: `x = f(a)`, `return f(a)`, `f(a)`. */
function outermostCall(text: string): CallSpan | undefined {
  const head = /^\s*(?:(?:[\w.,\s*]+?)\s*=\s*|return\s+|yield\s+)?([A-Za-z_][\w.]*)\s*\(/.exec(text)
  if (!head) return undefined
  const name = (head[1] as string).split('.').at(-1) as string
  return findCall(text, name)
}

/** The user's own `with Executor(...) as pool:` block, with the pool created before it and shut down without waiting after it. */
function executorBlock(
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
function lockBlock(located: Located, scope: CodeScope, indent: string, lock: string): Rewrite {
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

/**
 * The coroutine's line that calls into the blocking code: the call to the
 * helper in a worker thread (`await asyncio.to_thread(helper, args...)`), a
 * future awaited where a sync method would block on it, or a loop over a
 * blocking iterator that takes each item in a worker thread.
 */
function rewriteCallSite(
  diagnosis: Diagnosis,
  located: Located,
  callee: Frame,
  scope: CodeScope,
  readLines: ReadLines
): Rewrite {
  const { statement } = located
  const text = textOf(statement)
  const forLoop = FOR_HEADER.exec(text)
  const call = findCall(text, callee.name)
  if (forLoop && (!call || isGenerator(callee, readLines))) {
    const source = (forLoop[3] as string).trim()
    return iterateInThread(
      located,
      scope,
      forLoop[1] as string,
      (forLoop[2] as string).trim(),
      source,
      CHAINED_CALL.test(source)
    )
  }
  if (!call) return { unknown: unknownStatement(statement) }
  if (diagnosis.pattern === 'future-result') {
    const future = futureBehind(callee, call, readLines)
    if (future) {
      return {
        summary: `Await the future \`${call.callee}()\` waits on, instead of blocking on it: the loop runs on (and can finish the work) while it waits.`,
        edit: editOf(
          located,
          scope,
          statement.first,
          statement.last,
          replaceSpan(statement, span(call), awaited(text, call, `asyncio.wrap_future(${future})`))
        )
      }
    }
  }
  return {
    summary: `Call \`${call.callee}\` in a worker thread: it blocks, and this coroutine is where the loop waits for it.`,
    edit: editOf(
      located,
      scope,
      statement.first,
      statement.last,
      replaceSpan(statement, span(call), toThread(text, call))
    )
  }
}

/** Whether the frame's function is a generator: its source has a `yield` in its body. */
function isGenerator(frame: Frame, readLines: ReadLines): boolean {
  const lines = readLines(frame.file)
  const def = lines ? enclosingDef(lines, frame.line) : undefined
  if (!lines || !def) return frame.name === '__next__' || frame.name === '__iter__'
  const header = statementAt(lines, def.line)
  const body = header ? blockUnder(lines, header) : undefined
  return !!body && lines.slice(body.first - 1, body.last).some(line => /\byield\b/.test(line.replace(/#.*$/, '')))
}

/**
 * A sync method that only waits for a future (`return self.future.result()`),
 * called as `job.wait()`: the future the caller can await (`job.future`).
 */
function futureBehind(callee: Frame, call: CallSpan, readLines: ReadLines): string | undefined {
  const lines = readLines(callee.file)
  const statement = lines ? statementAt(lines, callee.line) : undefined
  const waited = statement
    ? /^\s*return\s+self\.([A-Za-z_][\w.]*)\.result\(\s*\)\s*$/.exec(textOf(statement))
    : undefined
  const receiver = /^(.*)\.[A-Za-z_]\w*$/.exec(call.callee)?.[1]
  return waited && receiver ? `${receiver}.${waited[1]}` : undefined
}

/** A `for` header: its indentation, target and iterable. */
const FOR_HEADER = /^(\s*)for\s+(.+?)\s+in\s+(.+):\s*(#.*)?$/s
/** An iterable made by a call on the result of another call: making it may block (it opens the stream). */
const CHAINED_CALL = /\)\s*\.\s*[A-Za-z_]\w*\s*\(/

/**
 * `for item in source:` → each item taken from the iterator in a worker
 * thread. Only the header changes, so `break`, `continue` and the loop's
 * `else:` keep their meaning (a `while` runs its `else` when its condition
 * fails, as a `for` does when its items run out); a tuple target is
 * unpacked as the body's first line.
 */
function iterateInThread(
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

/**
 * "Or make the helper async": the helper's `def` made `async def`, its
 * blocking statement rewritten in place, and its call awaited. Only for a
 * helper called straight from the coroutine; deeper chains would all change.
 */
function asyncHelper(
  diagnosis: Diagnosis,
  helper: Located,
  coroutine: { index: number; located: Located },
  callee: Frame,
  frames: Frame[],
  at: number,
  scope: CodeScope,
  readLines: ReadLines
): FixChange | undefined {
  if (coroutine.index !== at + 1 || !helper.def || helper.def.async) return undefined
  const generator = isGenerator(helper.frame, readLines)
  const inPlace = rewriteInPlace(diagnosis, helper, frames[at - 1], scope, readLines)
  if ('unknown' in inPlace) return undefined
  const defLine = helper.lines[helper.def.line - 1] as string
  const defEdit = editOf(helper, scope, helper.def.line, helper.def.line, [
    defLine.replace(/^(\s*)def\b/, '$1async def')
  ])
  const { statement } = coroutine.located
  const text = textOf(statement)
  const call = findCall(text, callee.name)
  if (!call) return undefined
  // a generator made async is an async generator: iterated with `async for`, never awaited
  const forLoop = generator ? FOR_HEADER.exec(text) : undefined
  if (generator && !forLoop) return undefined
  const callEdit = editOf(
    coroutine.located,
    scope,
    statement.first,
    statement.last,
    forLoop
      ? text.replace(/^(\s*)for\b/, '$1async for').split('\n')
      : replaceSpan(statement, span(call), awaited(text, call, text.slice(call.start, call.close + 1)))
  )
  return {
    summary: generator
      ? `Or make \`${helper.def.name}\` an async generator, and iterate it with \`async for\` where it is used.`
      : `Or make \`${helper.def.name}\` async, and await it where it is called (every caller of it then awaits it).`,
    where: { path: appRelative(helper.frame.file, scope), line: helper.def.line, function: helper.def.name },
    edits: [defEdit, inPlace.edit, callEdit]
  }
}

/** The statement edit, and `import asyncio` at the top of the file when the edit uses it and the file lacks it. */
function withImport(edit: SourceEdit, located: Located, scope: CodeScope): SourceEdit[] {
  if (!edit.after.join('\n').includes('asyncio.') || importsModule(located.lines, 'asyncio')) return [edit]
  const line = importLine(located.lines)
  return [edit, editOf(located, scope, line, line - 1, ['import asyncio'])]
}

function unknownStatement(statement: LogicalLine): string {
  const text = statement.lines.map(l => l.trim()).join(' ')
  return `the rewriter does not know this statement's shape: \`${text.length > 120 ? `${text.slice(0, 117)}...` : text}\``
}

function notesFor(pattern: PatternId): string[] {
  switch (pattern) {
    case 'lock-wait':
      return [
        'If the task can be cancelled while it waits (a client that disconnects), acquire with a timeout in a loop, so a lock taken after the cancellation is not left held.'
      ]
    case 'cpu-bound':
      return [
        'For throughput, run it in a `ProcessPoolExecutor` created once at startup: `await loop.run_in_executor(pool, ...)`.'
      ]
    case 'sync-io':
      return [
        'Better still, an async client end to end, e.g. `async with httpx.AsyncClient(timeout=10) as client: reply = await client.get(url)`.'
      ]
    case 'subprocess-wait':
      return ['Or start it with `asyncio.create_subprocess_exec(...)` and `await process.communicate()`.']
    default:
      return []
  }
}
