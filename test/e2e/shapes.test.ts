// No silent pass on any shape: a block before the first event (SSE and
// POST, an MCP tool call), NDJSON and WebSocket streams with the executor
// bug, a background task that blocks the loop while no request runs; each
// with a twin that must stay healthy. Through the bundled action, with real
// uvicorn and real py-spy.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ResultDocument } from '../../src/report/result-document.js'
import { prepareApp, type FixtureName } from '../support/fixture-app.js'
import { fixturesDir, lineOf } from '../support/paths.js'
import { runAction, type ActionRun } from '../support/run-action.js'

const shapes = path.join(fixturesDir, 'apps/stream-shapes/app')
const background = path.join(fixturesDir, 'apps/background/app')
const line = (file: string, text: string): string =>
  `${path.basename(path.dirname(file))}/${path.basename(file)}:${lineOf(file, text)}`
const modelCall = line(path.join(shapes, 'llm.py'), 'time.sleep(seconds)  # the blocking round trip')
const toolCall = line(path.join(shapes, 'llm.py'), 'time.sleep(seconds)  # a tool')
const executorWith = (route: string): string => {
  const source = fs.readFileSync(path.join(shapes, 'main.py'), 'utf8').split('\n')
  const start = source.findIndex(l => l.includes(route))
  const offset = source.slice(start).findIndex(l => l.includes('with ThreadPoolExecutor('))
  return `app/main.py:${start + offset + 1}`
}

interface ShapeRun extends ActionRun {
  doc: ResultDocument
  report: string
}

/** A run that could not start its checks (a configuration error) leaves no result. */
const readIfThere = (file: string | undefined): string => (file ? fs.readFileSync(file, 'utf8') : '')

async function run(fixture: FixtureName, inputs: Record<string, string>, module = 'app.main:app'): Promise<ShapeRun> {
  const app = await prepareApp(fixture)
  const result = await runAction({
    inputs: {
      ...app.inputs,
      'start-command': app.inputs['start-command']?.replace('app.main:app', module) ?? '',
      comment: 'never',
      'verify-fix': 'never',
      ...inputs
    },
    env: app.env
  })
  expect(app.leftoverProcesses()).toEqual([])
  const doc = JSON.parse(readIfThere(result.outputs['result-path']) || '{}') as ResultDocument
  return { ...result, doc, report: readIfThere(result.outputs['report-path']) }
}

describe.concurrent('a block before the first event is seen', () => {
  it('a synchronous model call before the first token: stalled, before the first event, at the client call', async () => {
    const result = await run('stream-shapes', { 'stream-path': '/chat/stream', 'health-timeout': '3s' })
    expect(result.code, result.stdout).toBe(1)
    expect(result.outputs).toMatchObject({ verdict: 'stalled', pattern: 'sync-sleep', culprit: modelCall })
    expect(result.doc.headline).toMatch(
      /^The event loop was blocked for 1\.\d+s after `GET \/chat\/stream` was requested and before its first event \(cycle \d of 3\)/
    )
    expect(result.report).toContain('- **Began:** before the first event')
    expect(result.report).toMatch(/- \*\*Called from:\*\* \[?`app\/main\.py:\d+`.* in `gen`/)
    expect(result.doc.stalls.every(s => s.phase === 'before-first-event')).toBe(true)
  })

  it.each([
    ['GET /chat/stuck', '/chat/stuck', modelCall],
    ['POST /chat with a JSON body', 'POST /chat {"prompt": "hi"}', modelCall],
    [
      'an MCP tools/call (Streamable HTTP)',
      'POST /mcp {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "search"}}',
      toolCall
    ]
  ])(
    '%s that never sends its first event while the loop is blocked: hung, before the first event',
    async (_name, streamPath, culprit) => {
      const result = await run('stream-shapes', { 'stream-path': streamPath })
      expect(result.code, result.stdout).toBe(1)
      expect(result.outputs).toMatchObject({ verdict: 'hung', pattern: 'sync-sleep', culprit })
      expect(result.doc.hang?.phase).toBe('before-first-event')
      expect(result.doc.headline).toContain('was requested and before its first event (cycle 1 of 3)')
      expect(result.report).toContain('- **Began:** before the first event')
    }
  )

  it('a first event that takes 1.5s of awaiting is waiting, not blocking: healthy', async () => {
    const result = await run('stream-shapes', { 'stream-path': '/chat/slow-start' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs).toMatchObject({ verdict: 'healthy', 'stall-ms': '' })
    // it was watched while it waited: probes went out before the first event, and all answered
    const before = result.doc.cycles.flatMap(c => c.probes).filter(p => p.phase === 'before-first-event')
    expect(before.length).toBeGreaterThan(5)
    expect(before.every(p => p.outcome === 'ok')).toBe(true)
  })
})

describe.concurrent('any streaming response', () => {
  it('an NDJSON token stream with the executor left at the disconnect: hung, counted in lines', async () => {
    const result = await run('stream-shapes', { 'stream-path': '/api/generate' })
    expect(result.code, result.stdout).toBe(1)
    expect(result.outputs).toMatchObject({
      verdict: 'hung',
      pattern: 'executor-shutdown-wait',
      culprit: executorWith('def generate(')
    })
    expect(result.doc.cycles[0]?.streams[0]).toMatchObject({
      kind: 'lines',
      events: 1,
      contentType: 'application/x-ndjson'
    })
  })

  it('its fixed twin is healthy', async () => {
    const result = await run('stream-shapes', { 'stream-path': '/api/generate-fixed' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.verdict).toBe('healthy')
  })
})

describe.concurrent('a block a moment after the first event', () => {
  // the stream stays open a beat after its event: a disconnect at once would cancel the
  // generator at its await, and the block would never run while it is watched
  it('a generator that awaits 50 ms after its event, then sleeps: stalled while it streams, even as the first route', async () => {
    const main = path.join(fixturesDir, 'apps/many-routes/app/main.py')
    const result = await run('many-routes', {
      'stream-path': '/feeds/07',
      cycles: '1',
      'health-timeout': '2s',
      'min-watch': '0'
    })
    expect(result.code, result.stdout).toBe(1)
    expect(result.outputs).toMatchObject({
      verdict: 'stalled',
      pattern: 'sync-sleep',
      culprit: `app/main.py:${lineOf(main, 'time.sleep(0.9)')}`
    })
    const slow = result.doc.cycles.flatMap(c => c.probes).filter(p => p.latencyMs >= 500)
    expect(slow.map(p => p.phase)).toContain('during-stream')
  })
})

describe.concurrent('WebSocket routes', () => {
  it('WS /ws with a ThreadPoolExecutor around its send loop: hung at the disconnect, at the with', async () => {
    const result = await run('stream-shapes', { 'stream-path': 'WS /ws' })
    expect(result.code, result.stdout).toBe(1)
    expect(result.outputs).toMatchObject({
      verdict: 'hung',
      pattern: 'executor-shutdown-wait',
      culprit: executorWith('async def tokens_ws(')
    })
    expect(result.doc.hang?.phase).toBe('after-abort')
    expect(result.doc.cycles[0]?.streams[0]).toMatchObject({ kind: 'websocket', status: 101, events: 1 })
  })

  it('its fixed twin stays healthy through a normal close and an abrupt one', async () => {
    const result = await run('stream-shapes', { 'stream-path': 'WS /ws-fixed' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.verdict).toBe('healthy')
    expect(result.doc.cycles.map(c => c.streams[0]?.end)).toEqual([
      'aborted-after-events',
      'aborted-after-events',
      'aborted-after-events'
    ])
    expect(result.doc.cycles.map(c => c.streams[0]?.abrupt ?? false)).toEqual([false, true, false])
  })

  it('sends the JSON message of the route line once connected, and reads the answer as events', async () => {
    const result = await run('stream-shapes', {
      'stream-path': 'WS /ws-echo {"prompt": "hello there"}',
      'abort-after-events': '2'
    })
    expect(result.code, result.stdout).toBe(0)
    expect(result.doc.cycles.map(c => c.streams[0]?.events)).toEqual([2, 2, 2])
  })

  it('a path that refuses the upgrade is a configuration error with its status', async () => {
    const result = await run('stream-shapes', { 'stream-path': 'WS /health' })
    expect(result.code).toBe(1)
    expect(result.annotations.find(a => a.level === 'error')?.message).toMatch(
      /^stream-path: WS \/health answered HTTP 403.*; expected a WebSocket upgrade \(101 Switching Protocols\)/
    )
  })
})

describe.concurrent('the loop watched while idle (min-watch)', () => {
  it('a lifespan task that blocks 1.2s every 4s: stalled while idle, at the helper, called from the task', async () => {
    // default min-watch; health-timeout 2s so that 1.2s is a stall, as with the default 5s
    const result = await run('background', {
      'stream-path': '/rates/stream',
      'health-timeout': '2s',
      'verify-fix': 'auto'
    })
    expect(result.code, result.stdout).toBe(1)
    expect(result.outputs).toMatchObject({
      verdict: 'stalled',
      pattern: 'sync-sleep',
      culprit: line(path.join(background, 'rates.py'), 'time.sleep(1.2)')
    })
    expect(result.report).toContain('- **Began:** while idle, between routes')
    expect(result.report).toMatch(
      new RegExp(
        `- \\*\\*Called from:\\*\\* \\[?\`${line(path.join(background, 'main.py'), 'rates.refresh_rates()')}\`.* in \`keep_rates_fresh\``
      )
    )
    expect(result.doc.headline).toMatch(
      /^The event loop was blocked for 1\.\d+s while the app was idle, between routes, with no request of ours running \(min-watch\)/
    )
    // every route is in the outputs; the idle watch is one more, with its own verdict
    expect(JSON.parse(result.outputs.routes as string)).toEqual([
      expect.objectContaining({ method: 'GET', path: '/rates/stream', verdict: 'healthy' }),
      expect.objectContaining({ method: 'IDLE', found: 'idle', verdict: 'stalled', pattern: 'sync-sleep' })
    ])
    expect(result.doc.fix?.verification?.skipped).toContain('no request of ours ran')
  })

  it('a background task that awaits its work in a thread: healthy, after min-watch', async () => {
    const result = await run('background', { 'stream-path': '/rates/stream', 'health-timeout': '2s' }, 'app.calm:app')
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.verdict).toBe('healthy')
    // watched until min-watch had passed since the first answer
    expect(result.doc.timings.verdictAtMs - (result.doc.timings.startupMs ?? 0)).toBeGreaterThanOrEqual(6000)
  })

  it('min-watch: 0 ends the run with the checks', async () => {
    const result = await run(
      'background',
      { 'stream-path': '/rates/stream', 'health-timeout': '2s', 'min-watch': '0', cycles: '1' },
      'app.calm:app'
    )
    expect(result.outputs.verdict).toBe('healthy')
    expect(result.doc.timings.verdictAtMs - (result.doc.timings.startupMs ?? 0)).toBeLessThan(3000)
  })
})
