// Servers and frameworks other than FastAPI's StreamingResponse on uvicorn,
// each with a route that blocks the loop once the client has gone and a fixed
// twin that must come out healthy. Some notice the disconnect only at their
// next write (aiohttp's own server, a plain ASGI app as under a server that
// declares ASGI 2.4), some through their own handler (Django, FastAPI's native
// SSE), some in worker processes (gunicorn): the settle window and the loop
// finder must serve them all.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { prepareApp, type FixtureName } from '../support/fixture-app.js'
import { fixturesDir, lineOf } from '../support/paths.js'
import { runAction, type ActionRun } from '../support/run-action.js'
import type { PatternId } from '../../src/core/diagnosis.js'

interface ServerCase {
  name: string
  app: FixtureName
  start: (port: number) => string
  stream: string
  fixed: string
  pattern: PatternId
  /** the culprit: file under the app, and the text of its line */
  culprit: [string, string]
  /** the app's line that called into the culprit, when it lies in a helper */
  entry?: [string, string]
}

const CASES: ServerCase[] = [
  {
    name: "aiohttp's own server (web.run_app, StreamResponse), which learns of the disconnect at its next write",
    app: 'aiohttp-app',
    start: port => `python -m newsfeed.server --port ${port}`,
    stream: '/ticker',
    fixed: '/ticker-fixed',
    pattern: 'sync-sleep',
    culprit: ['newsfeed/audit.py', 'time.sleep(SINK_SECONDS)'],
    entry: ['newsfeed/server.py', 'audit.record_disconnect(request.remote']
  },
  {
    name: "Django's ASGI handler under uvicorn (StreamingHttpResponse over an async iterator)",
    app: 'django-app',
    start: port => `uvicorn newsroom.asgi:application --host 127.0.0.1 --port ${port}`,
    stream: '/presence/stream',
    fixed: '/presence-fixed/stream',
    pattern: 'sync-io',
    culprit: ['presence/directory.py', 'urllib.request.urlopen('],
    entry: ['presence/views.py', 'directory.mark_offline("alice")']
  },
  {
    name: "FastAPI's native EventSourceResponse (a path operation that yields)",
    app: 'native-sse',
    start: port => `uvicorn app.main:app --host 127.0.0.1 --port ${port}`,
    stream: '/builds/logs',
    fixed: '/builds/logs-fixed',
    pattern: 'thread-join',
    culprit: ['app/main.py', 'exporter.join()']
  },
  {
    name: 'a plain ASGI app that learns of the disconnect only at its next write, as under an ASGI 2.4 server',
    app: 'raw-asgi',
    start: port => `uvicorn jobs.app:app --host 127.0.0.1 --port ${port}`,
    stream: '/jobs/progress',
    fixed: '/jobs/progress-fixed',
    pattern: 'subprocess-wait',
    culprit: ['jobs/archive.py', 'subprocess.run(ARCHIVER']
  },
  {
    name: 'gunicorn with two uvicorn workers',
    app: 'native-sse',
    start: port => `gunicorn app.main:app -k uvicorn.workers.UvicornWorker -w 2 -b 127.0.0.1:${port}`,
    stream: '/builds/logs',
    fixed: '/builds/logs-fixed',
    pattern: 'thread-join',
    culprit: ['app/main.py', 'exporter.join()']
  }
]

function place(app: FixtureName, [file, text]: [string, string]): string {
  return `${file}:${lineOf(path.join(fixturesDir, 'apps', app, file), text)}`
}

async function run(c: ServerCase, streamPath: string): Promise<ActionRun & { leftover: number[] }> {
  const app = await prepareApp(c.app)
  const result = await runAction({
    inputs: {
      ...app.inputs,
      'start-command': c.start(app.port),
      'stream-path': streamPath,
      'health-timeout': '2s',
      comment: 'never'
    },
    env: app.env
  })
  return { ...result, leftover: app.leftoverProcesses() }
}

interface ResultJson {
  cycles: { probes: { phase: string; sentAtMs: number }[]; streams: { events: number }[] }[]
  timings: { settle: { ms: number } }
}

describe.concurrent('servers that notice a disconnect late, or in their own way', () => {
  it.each(CASES)('$name: hung, with the culprit', async c => {
    const result = await run(c, c.stream)
    expect(result.code, result.stdout).toBe(1)
    expect(result.outputs).toMatchObject({
      verdict: 'hung',
      pattern: c.pattern,
      culprit: place(c.app, c.culprit),
      'stall-ms': ''
    })
    expect(result.summary).toContain('- **Began:** when the client disconnected')
    if (c.entry) expect(result.summary).toContain(`- **Called from:** [\`${place(c.app, c.entry)}\``)
    expect(result.summary).toMatch(/Stacks captured with py-spy \d/)
    expect(result.leftover).toEqual([])
  })

  it.each(CASES)(
    '$name: the fixed twin is healthy, watched through the settle window after every disconnect',
    async c => {
      const result = await run(c, c.fixed)
      expect(result.code, result.stdout).toBe(0)
      expect(result.outputs).toMatchObject({ verdict: 'healthy', pattern: '', culprit: '', 'stall-ms': '' })
      const doc = JSON.parse(fs.readFileSync(result.outputs['result-path'] as string, 'utf8')) as ResultJson
      expect(doc.cycles).toHaveLength(3)
      for (const cycle of doc.cycles) {
        expect(cycle.streams[0]?.events).toBeGreaterThanOrEqual(1)
        const after = cycle.probes.filter(p => p.phase === 'after-abort').map(p => p.sentAtMs)
        // about 20 probes a second for at least the 300 ms floor of the window
        expect(after.length).toBeGreaterThanOrEqual(4)
        expect((after.at(-1) as number) - (after[0] as number)).toBeGreaterThanOrEqual(doc.timings.settle.ms - 60)
      }
      expect(result.leftover).toEqual([])
    }
  )
})
