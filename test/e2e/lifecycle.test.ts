// Never hang the job, never leave a process, never lose the evidence: the
// bundled action on apps that misbehave in every way a run must survive,
// with the process table checked after each.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TIME_BOUND_VARIABLE } from '../../src/engine/cancellation.js'
import { prepareApp, type PreparedApp } from '../support/fixture-app.js'
import { lineOf, repoRoot } from '../support/paths.js'
import { runAction, type ActionRun } from '../support/run-action.js'

const NEWS_STREAM = '/api/news/stream'
const newsWithLine = lineOf(
  path.join(repoRoot, 'examples/news-app/app/api/routes/stream.py'),
  'with ThreadPoolExecutor('
)

function run(app: PreparedApp, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({ inputs: { ...app.inputs, comment: 'never', ...inputs }, env: app.env })
}

describe('the evidence is kept', () => {
  it('writes report, result, stacks (JSON and text), the app log and the saved-report file to evidence-dir, and nothing else', async () => {
    const app = await prepareApp('news-app')
    const result = await run(app, { 'stream-path': NEWS_STREAM, capture: 'faulthandler', cycles: '1' })
    expect(result.outputs).toMatchObject({
      verdict: 'hung',
      pattern: 'executor-shutdown-wait',
      culprit: `app/api/routes/stream.py:${newsWithLine}`
    })
    const dir = result.outputs['evidence-dir'] as string
    expect(fs.readdirSync(dir).sort()).toEqual([
      'app.log',
      'publish.json',
      'report.md',
      'result.json',
      'stacks.json',
      'stacks.txt',
      'verify-fix'
    ])
    // the try of the fix on a scratch copy keeps its own app log
    expect(fs.readFileSync(path.join(dir, 'verify-fix/app.log'), 'utf8')).toContain('Uvicorn running on')
    for (const output of ['report-path', 'result-path', 'dump-path', 'app-log-path', 'publish-path']) {
      expect(path.dirname(result.outputs[output] as string), output).toBe(dir)
    }
    expect(fs.readFileSync(path.join(dir, 'app.log'), 'utf8')).toContain('Uvicorn running on')
    expect(result.summary).toContain('Stacks captured with faulthandler (capture: faulthandler)')
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe('every process is stopped', () => {
  it('under gunicorn with uvicorn workers, with the faulthandler capture in every worker', async () => {
    const app = await prepareApp('news-app')
    const result = await run(app, {
      'start-command': `gunicorn app.main:app -k uvicorn.workers.UvicornWorker -w 2 -b 127.0.0.1:${app.port}`,
      'stream-path': NEWS_STREAM,
      capture: 'faulthandler',
      cycles: '4'
    })
    expect(result.outputs, result.summary).toMatchObject({ verdict: 'hung', pattern: 'executor-shutdown-wait' })
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('when the app ignores SIGTERM and leaves a process in a session of its own', async () => {
    const app = await prepareApp('edge-cases')
    const result = await run(app, {
      // the shell ignores SIGTERM (and so does the sleep it leaves), and one child escapes the process group
      'start-command': `trap '' TERM; (setsid sleep 300 &); ${app.inputs['start-command']}; sleep 300`,
      'stream-path': '/sse',
      cycles: '1'
    })
    expect(result.outputs.verdict).toBe('healthy')
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe('the run is bounded whatever the app does', () => {
  it('a stream that never sends an event is aborted after abort-after, with a warning', async () => {
    const app = await prepareApp('edge-cases')
    const result = await run(app, { 'stream-path': '/silent/stream', 'abort-after': '500ms', cycles: '2' })
    expect(result.outputs.verdict).toBe('healthy')
    expect(result.annotations.map(a => a.message)).toContain(
      'Cycle 1, stream 1: no SSE event arrived within abort-after (500ms).'
    )
    const doc = JSON.parse(fs.readFileSync(result.outputs['result-path'] as string, 'utf8')) as {
      cycles: { streams: { events: number; openMs: number; end: string }[] }[]
    }
    for (const cycle of doc.cycles) {
      expect(cycle.streams[0]).toMatchObject({ events: 0, end: 'aborted-after-time' })
      expect(cycle.streams[0]?.openMs).toBeGreaterThanOrEqual(490)
      expect(cycle.streams[0]?.openMs).toBeLessThan(1000)
    }
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('a health route that trickles bytes forever never counts as an answer', async () => {
    const app = await prepareApp('edge-cases')
    const result = await run(app, { 'stream-path': '/sse', 'health-path': '/trickle-health', 'startup-timeout': '3s' })
    expect(result.outputs.verdict).toBe('startup-failed')
    expect(result.summary).toContain(
      'did not answer 2xx within the startup-timeout of 3s (last: no complete answer within'
    )
    // it gave up at the startup-timeout, not later
    expect(result.ms).toBeGreaterThanOrEqual(3000)
    expect(result.ms).toBeLessThan(8000)
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('a probe that gets its headers, then trickles, during the cycles is a hang', async () => {
    const app = await prepareApp('edge-cases')
    const result = await run(app, { 'stream-path': '/trickle-on-disconnect/stream', cycles: '1' })
    expect(result.outputs).toMatchObject({ verdict: 'hung', 'health-latency-ms': '1000' })
    expect(result.summary).toContain('`/health` gave no answer within 1s right after the client disconnected')
    expect(result.summary).toContain('> 1s (timeout)')
    // the loop was free: it answered with headers and bytes, it only never finished
    expect(result.summary).toContain('The event loop thread was idle, waiting for I/O')
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('the watchdog ends a run that overruns its bound, fails the step with its message and leaves no process', async () => {
    const app = await prepareApp('news-app')
    const result = await runAction({
      inputs: { ...app.inputs, 'stream-path': NEWS_STREAM, 'health-timeout': '20s', comment: 'never' },
      // the hang takes 20 s to be called one: a bound of 3 s is overrun while the probe waits
      env: { ...app.env, [TIME_BOUND_VARIABLE]: '3000' }
    })
    expect(result.code).toBe(1)
    const error = result.annotations.find(a => a.level === 'error')?.message
    expect(error).toBe(
      'backend-hang-debug did not finish within 3s, the bound its settings allow; the app is stopped and the run ends here. Please report this as a bug.'
    )
    expect(result.ms).toBeGreaterThanOrEqual(3000)
    expect(result.ms).toBeLessThan(10_000)
    expect(result.outputs).toEqual({})
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe('streams and stacks as the README describes them', () => {
  it('abort-after-events above 1: reads that many events, keeps probing while they come, then disconnects', async () => {
    const app = await prepareApp('patterns')
    const result = await run(app, { 'stream-path': '/ticks/stream', 'abort-after-events': '4', cycles: '2' })
    expect(result.outputs.verdict).toBe('healthy')
    const doc = JSON.parse(fs.readFileSync(result.outputs['result-path'] as string, 'utf8')) as {
      cycles: {
        streams: { events: number; end: string; firstEventMs: number; openMs: number }[]
        probes: { phase: string }[]
      }[]
    }
    for (const cycle of doc.cycles) {
      expect(cycle.streams[0]).toMatchObject({ events: 4, end: 'aborted-after-events' })
      // an event every 50 ms: the disconnect came after the fourth, 150 ms or so after the first
      expect((cycle.streams[0]?.openMs ?? 0) - (cycle.streams[0]?.firstEventMs ?? 0)).toBeGreaterThanOrEqual(140)
      expect(cycle.probes.filter(p => p.phase === 'during-stream').length).toBeGreaterThanOrEqual(2)
    }
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('faulthandler and more than 100 threads: says the loop may be missing from its stacks, and what to do', async () => {
    const app = await prepareApp('patterns')
    const result = await run(app, { 'stream-path': '/many-threads/stream', capture: 'faulthandler', cycles: '1' })
    expect(result.outputs.verdict).toBe('hung')
    const warning = result.annotations.find(
      a => a.level === 'warning' && a.message.includes('more than 100 threads')
    )?.message
    expect(warning).toMatch(
      /^Process \d+ has more than 100 threads, the most faulthandler prints; the event loop thread may be missing from its stacks \(py-spy has no such limit\)\.$/
    )
    expect(result.summary).toContain('Stacks captured with faulthandler (capture: faulthandler)')
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe('the watch after each disconnect', () => {
  it("says when the stream's events come further apart than the settle window may last, and how to watch longer", async () => {
    const app = await prepareApp('edge-cases')
    const capped = await run(app, { 'stream-path': '/slow-ticks/stream', cycles: '1' })
    expect(capped.outputs.verdict).toBe('healthy')
    const warning =
      capped.annotations.find(a => a.level === 'warning' && a.message.startsWith("The stream's events came up to"))
        ?.message ?? ''
    expect(warning).toMatch(
      /^The stream's events came up to 8\d\dms apart, and the watch after each disconnect lasted 1s \(health-timeout\): /
    )
    expect(warning).toMatch(/could not be seen\. Set settle to 1\.\d+s or more to watch that long\.$/)
    const doc = JSON.parse(fs.readFileSync(capped.outputs['result-path'] as string, 'utf8')) as {
      timings: { settle: { ms: number; given: boolean; longestGapMs: number } }
    }
    expect(doc.timings.settle).toMatchObject({ ms: 1000, given: false })
    expect(doc.timings.settle.longestGapMs).toBeGreaterThanOrEqual(800)

    // given a settle window, it watches that long and has nothing to warn about
    const given = await run(app, { 'stream-path': '/slow-ticks/stream', cycles: '1', settle: '1500ms' })
    expect(given.outputs.verdict).toBe('healthy')
    expect(given.annotations.some(a => a.message.startsWith("The stream's events came up to"))).toBe(false)
    const probes =
      (
        JSON.parse(fs.readFileSync(given.outputs['result-path'] as string, 'utf8')) as {
          cycles: { probes: { phase: string; sentAtMs: number }[] }[]
        }
      ).cycles[0]?.probes ?? []
    const after = probes.filter(p => p.phase === 'after-abort').map(p => p.sentAtMs)
    expect((after.at(-1) as number) - (after[0] as number)).toBeGreaterThanOrEqual(1400)
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe('clear errors', () => {
  it('start-command not found: names the program and what to do', async () => {
    const app = await prepareApp('edge-cases')
    const result = await run(app, { 'start-command': 'uvicornn app.main:app', 'stream-path': '/sse' })
    expect(result.code).toBe(1)
    expect(result.outputs.verdict).toBe('startup-failed')
    expect(result.summary).toContain('start-command: `uvicornn` was not found (the shell exited with 127).')
  })

  it('stream-path answering 405 or 500 is a configuration error that names the route and the status', async () => {
    const app = await prepareApp('edge-cases')
    const notAllowed = await run(app, { 'stream-path': '/post-only/stream' })
    expect(notAllowed.code).toBe(1)
    expect(notAllowed.annotations.find(a => a.level === 'error')?.message).toMatch(
      /^stream-path: GET \/post-only\/stream answered HTTP 405 \(body: \{"detail":"Method Not Allowed"\}\); expected a 2xx response/
    )
    const broken = await run(app, { 'stream-path': '/broken/stream' })
    expect(broken.annotations.find(a => a.level === 'error')?.message).toMatch(
      /^stream-path: GET \/broken\/stream answered HTTP 500/
    )
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('health-path 404: the app runs but has no such route', async () => {
    const app = await prepareApp('edge-cases')
    const result = await run(app, { 'stream-path': '/sse', 'health-path': '/healthz' })
    expect(result.outputs.verdict).toBe('startup-failed')
    expect(result.summary).toContain(
      '`/healthz` answered HTTP 404: the app runs but has no such route. Set health-path to a route that answers 2xx.'
    )
    expect(app.leftoverProcesses()).toEqual([])
  })
})
