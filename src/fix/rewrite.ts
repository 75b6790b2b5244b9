// The fix, written for this code: from the diagnosis's frames and the source
// lines, the statement to change, where (the innermost `async def` of the
// app on the loop thread, so the change is one an `await` can live in), and
// the change itself, built from the statement as written: its names, its
// arguments, its indentation, its block. Where the shape is not one this
// knows, it says so and gives no made-up "after". Pure: source lines come
// through the reader passed in.

import { appRelative, isAppCode, type CodeScope, type ReadLines } from '../analysis/stack-shapes.js'
import { findCall, statementAt, type CallSpan } from './python-source.js'
import { ADVICE, notesFor } from './advice.js'
import { CHAINED_CALL, executorBlock, FOR_HEADER, isGenerator, iterateInThread, lockBlock } from './blocks.js'
import {
  awaitFuture,
  awaited,
  editOf,
  locate,
  outermostCall,
  replaceSpan,
  span,
  textOf,
  toThread,
  unknownStatement,
  withImport,
  type Located,
  type Rewrite
} from './edits.js'
import type { Diagnosis, FixChange, FixProposal, Frame } from '../core/diagnosis.js'

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
