// Every streaming route of an app, without naming each one: several named
// routes, and discovery (the OpenAPI document, then sniffing every other GET
// route), through the bundled action and the command line.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { prepareApp, type PreparedApp } from '../support/fixture-app.js'
import { fixturesDir, lineOf, repoRoot } from '../support/paths.js'
import { runAction, type ActionRun } from '../support/run-action.js'
import { runCli } from '../support/run-cli.js'
import type { ResultDocument } from '../../src/report/result-document.js'

const multiStream = path.join(fixturesDir, 'apps/multi-stream')
const feedWithLine = lineOf(path.join(multiStream, 'app/main.py'), 'with ThreadPoolExecutor(')

async function run(
  app: PreparedApp,
  inputs: Record<string, string>
): Promise<ActionRun & { doc: ResultDocument; log: string }> {
  const result = await runAction({
    inputs: { ...app.inputs, comment: 'never', 'verify-fix': 'never', 'health-timeout': '2s', ...inputs },
    env: app.env
  })
  expect(app.leftoverProcesses()).toEqual([])
  const doc = JSON.parse(fs.readFileSync(result.outputs['result-path'] as string, 'utf8')) as ResultDocument
  return { ...result, doc, log: fs.readFileSync(result.outputs['app-log-path'] as string, 'utf8') }
}

interface RouteOutput {
  method: string
  path: string
  found: string
  verdict: string
  pattern?: string
  culprit?: string
  slowestProbeMs?: number
  reason?: string
}

const routesOf = (result: ActionRun): RouteOutput[] => JSON.parse(result.outputs.routes as string) as RouteOutput[]

/** The requests the app's access log shows, as `METHOD /path`. */
const requests = (log: string): string[] =>
  [...log.matchAll(/"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) HTTP\/1\.1"/g)].map(m => `${m[1]} ${m[2]}`)

describe.concurrent('discovery: the streaming routes an app has, found without naming them', () => {
  it('finds the declared stream and the two only sniffing finds, and names the one that hangs with its culprit', async () => {
    const app = await prepareApp('multi-stream')
    const result = await run(app, {})
    expect(result.code, result.stdout).toBe(1)
    expect(result.outputs).toMatchObject({
      verdict: 'hung',
      pattern: 'executor-shutdown-wait',
      culprit: `app/main.py:${feedWithLine}`
    })
    expect(result.doc.discovery?.routes).toEqual([
      { method: 'GET', path: '/builds/logs', found: 'declared' },
      { method: 'GET', path: '/notifications', found: 'sniffed' },
      { method: 'GET', path: '/feed', found: 'sniffed' }
    ])
    expect(routesOf(result)).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/feed',
        found: 'sniffed',
        verdict: 'hung',
        pattern: 'executor-shutdown-wait',
        culprit: `app/main.py:${feedWithLine}`
      }),
      // the sniff left the app hung: it was started again, and the routes found were checked on it
      expect.objectContaining({ method: 'GET', path: '/builds/logs', found: 'declared', verdict: 'healthy' }),
      expect.objectContaining({ method: 'GET', path: '/notifications', found: 'sniffed', verdict: 'healthy' })
    ])
    expect(result.doc.notChecked).toEqual([])
    expect(result.doc.restarts).toEqual([{ after: 'GET /feed', answeredAtMs: expect.any(Number) }])
    expect(result.summary).toContain('The app was started again after `GET /feed` left it broken')
    // both starts wrote to the one log, the second after a line that says why
    expect(result.log).toContain('--- backend-hang-debug: the app is started again (GET /feed left it hung) ---')
    expect(result.summary).toContain('| `GET /feed` | sniffed | 🛑 hung: `executor-shutdown-wait` | > 2s (timeout) |')
    expect(result.summary).toMatch(/\| `GET \/builds\/logs` \| declared \| ✅ healthy \| \d/)
    expect(result.summary).toContain('- **Began:** when discovery opened and closed the route')
    expect(result.doc.capture?.method).toMatch(/^py-spy \d/)
    // discovery sent nothing but GET, and never to a route that needs a parameter
    expect(requests(result.log).filter(r => !r.startsWith('GET '))).toEqual([])
    expect(requests(result.log).some(r => r.startsWith('GET /api/builds/'))).toBe(false)
    expect(result.doc.discovery?.leftAside).toEqual(
      expect.arrayContaining([
        'POST /api/chat/stream: discovery sends only GET; name it in stream-path (with its body) to check it',
        'GET /api/builds/{build_id}: needs parameters; name it in stream-path with them to check it'
      ])
    )
  })

  it('honours exclude-paths: without the feed every route found is checked, one after another, and healthy', async () => {
    const app = await prepareApp('multi-stream')
    const result = await run(app, { 'exclude-paths': '/feed\n/admin/**' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.verdict).toBe('healthy')
    expect(routesOf(result).map(r => `${r.method} ${r.path} ${r.found} ${r.verdict}`)).toEqual([
      'GET /builds/logs declared healthy',
      'GET /notifications sniffed healthy'
    ])
    expect(result.doc.routes.every(r => 'cycles' in r && r.cycles.filter(c => c.cycle > 0).length === 3)).toBe(true)
    expect(result.doc.discovery?.leftAside).toEqual(
      expect.arrayContaining([
        'GET /feed: excluded by exclude-paths (/feed)',
        'GET /admin/reindex: excluded by exclude-paths (/admin/**)'
      ])
    )
    expect(requests(result.log)).not.toContain('GET /feed')
    expect(requests(result.log)).not.toContain('GET /admin/reindex')
    expect(result.summary).toMatch(
      /answered all \d+ probes within 2s over the cycles of 2 routes: `GET \/builds\/logs`, `GET \/notifications`\./
    )
  })

  it('honours max-routes: what it cuts is said, and not opened', async () => {
    const app = await prepareApp('multi-stream')
    const result = await run(app, { 'exclude-paths': '/feed', 'max-routes': '1' })
    expect(result.outputs.verdict).toBe('healthy')
    // the declared stream fills max-routes: nothing more is opened, since nothing more could be checked
    expect(routesOf(result).map(r => `${r.path} ${r.verdict}`)).toEqual(['/builds/logs healthy'])
    expect(result.doc.discovery?.sniffed).toBe(0)
    const cut = result.doc.discovery?.leftAside.filter(l =>
      l.includes('not opened, max-routes (1) cut discovery short')
    )
    expect(cut?.[0]).toBe('GET /notifications: not opened, max-routes (1) cut discovery short')
    expect(cut?.length).toBeGreaterThanOrEqual(2)
    expect(requests(result.log).filter(r => r.startsWith('GET /notifications'))).toEqual([])
    expect(result.doc.notChecked).toEqual([])
  })

  it('a plain GET route that blocks the loop, in an app with no streaming route, is a finding of its own', async () => {
    const app = await prepareApp('plain-routes')
    const result = await run(app, {})
    expect(result.code, result.stdout).toBe(1)
    expect(result.outputs).toMatchObject({
      verdict: 'hung',
      pattern: 'sync-sleep',
      culprit: `app/reports.py:${lineOf(path.join(fixturesDir, 'apps/plain-routes/app/reports.py'), 'time.sleep(30)')}`
    })
    expect(routesOf(result)).toEqual([
      expect.objectContaining({ method: 'GET', path: '/reports/daily', found: 'sniffed', verdict: 'hung' })
    ])
    expect(result.summary).toContain('| `GET /reports/daily` | sniffed (does not stream) | 🛑 hung: `sync-sleep` |')
    expect(result.doc.discovery?.routes).toEqual([])
  })

  it('fails clearly, naming stream-path, when the app serves no OpenAPI document to find routes in', async () => {
    const app = await prepareApp('aiohttp-app')
    const result = await runAction({
      inputs: { ...app.inputs, 'start-command': `python -m newsfeed.server --port ${app.port}`, comment: 'never' },
      env: app.env
    })
    expect(app.leftoverProcesses()).toEqual([])
    expect(result.code).toBe(1)
    const error = result.annotations.find(a => a.level === 'error')?.message
    expect(error).toBe(
      'stream-path names no route, and the app serves no OpenAPI document at /openapi.json (HTTP 404) to find its streaming routes in. Name them in stream-path, one per line (e.g. "/events" or "POST /chat"), or point openapi-path at the document.'
    )
    expect(result.summary).toContain('## ⛔ backend-hang-debug: could not run')
  })
})

describe.concurrent('several named routes', () => {
  it('every broken route in one run: the app is started again after each, and each hang gets its own culprit and fix', async () => {
    const app = await prepareApp('patterns')
    const result = await run(app, {
      'stream-path': '/ticks/stream\n/sync-sleep/stream\n/thread-join/stream',
      'verify-fix': 'auto'
    })
    expect(result.code).toBe(1)
    // the step takes the first route with the worst verdict
    expect(result.outputs).toMatchObject({ verdict: 'hung', pattern: 'sync-sleep' })
    expect(routesOf(result).map(r => `${r.path} ${r.found} ${r.verdict} ${r.pattern}`)).toEqual([
      '/ticks/stream named healthy ',
      '/sync-sleep/stream named hung sync-sleep',
      '/thread-join/stream named hung thread-join'
    ])
    expect(result.doc.notChecked).toEqual([])
    expect(result.doc.restarts).toEqual([{ after: 'GET /sync-sleep/stream', answeredAtMs: expect.any(Number) }])
    const checked = result.doc.routes.filter(r => 'cycles' in r)
    expect(checked.map(r => ('cycles' in r ? r.cycles.length : 0))).toEqual([3, 1, 1])
    // each broken route has its own diagnosis and fix, each fix tried in a scratch copy of its own
    expect(result.summary).toContain('### 🛑 `GET /sync-sleep/stream`: hung: `sync-sleep`')
    expect(result.summary).toContain('### 🛑 `GET /thread-join/stream`: hung: `thread-join`')
    const trials = checked.map(r => ('fix' in r ? r.fix?.verification : undefined))
    // the whole trial on failure: its headline says why it was not healthy
    expect(
      trials.map(t => t?.verdict),
      JSON.stringify(trials)
    ).toEqual([undefined, 'healthy', 'healthy'])
    expect(fs.existsSync(path.join(result.outputs['evidence-dir'] as string, 'verify-fix-2'))).toBe(true)
  })

  it('restart: never keeps the run to one start: the routes after a hang are not checked, and say why', async () => {
    const app = await prepareApp('patterns')
    const result = await run(app, { 'stream-path': '/sync-sleep/stream\n/ticks/stream', restart: 'never' })
    expect(routesOf(result)).toEqual([
      expect.objectContaining({ path: '/sync-sleep/stream', verdict: 'hung' }),
      {
        method: 'GET',
        path: '/ticks/stream',
        found: 'named',
        verdict: 'not-checked',
        reason: 'the app was left hung by `GET /sync-sleep/stream` (restart: never)'
      }
    ])
    expect(result.doc.restarts).toBeUndefined()
  })

  it('the example app with no stream-path: the hanging route is found, diagnosed and reported as when it is named', async () => {
    const named = await run(await prepareApp('news-app'), { 'stream-path': '/api/news/stream' })
    const found = await run(await prepareApp('news-app'), {})
    for (const output of ['verdict', 'pattern', 'culprit'])
      expect(found.outputs[output], output).toBe(named.outputs[output])
    expect(found.outputs.culprit).toBe(
      `app/api/routes/stream.py:${lineOf(path.join(repoRoot, 'examples/news-app/app/api/routes/stream.py'), 'with ThreadPoolExecutor(')}`
    )
    expect(routesOf(found)).toEqual([
      expect.objectContaining({ path: '/api/news/stream', found: 'sniffed', verdict: 'hung' })
    ])
    const fix = (doc: ResultDocument): string | undefined => doc.fix?.primary?.edits[0]?.after.join('\n')
    expect(fix(found.doc)).toBe(fix(named.doc))
    expect([found.doc.capture?.method, named.doc.capture?.method]).toEqual([
      expect.stringMatching(/^py-spy \d/),
      expect.stringMatching(/^py-spy \d/)
    ])
  })
})

describe('the command line', () => {
  it('--list-routes prints what discovery finds, runs no cycles, and --stream-path repeats', async () => {
    const app = await prepareApp('multi-stream')
    const listed = await runCli(
      [
        '--list-routes',
        '--exclude-path',
        '/feed',
        '--base-url',
        app.inputs['base-url'] as string,
        '--',
        'uvicorn',
        'app.main:app',
        '--port',
        String(app.port)
      ],
      {
        cwd: multiStream,
        env: app.env
      }
    )
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout.split('\n').slice(0, 2)).toEqual([
      'GET /builds/logs    declared',
      'GET /notifications  sniffed'
    ])
    expect(listed.stdout).toContain('GET /feed: excluded by exclude-paths (/feed)')
    expect(listed.stderr).not.toContain('Cycle 1/')
    expect(app.leftoverProcesses()).toEqual([])

    const named = await runCli(
      [
        '--stream-path',
        '/builds/logs',
        '--stream-path',
        '/notifications',
        '--cycles',
        '1',
        '--health-timeout',
        '2s',
        '--json',
        '--base-url',
        app.inputs['base-url'] as string,
        '--',
        'uvicorn',
        'app.main:app',
        '--port',
        String(app.port)
      ],
      { cwd: multiStream, env: app.env }
    )
    expect(named.code, named.stderr).toBe(0)
    const doc = JSON.parse(named.stdout) as ResultDocument
    expect(doc.routes.map(r => `${r.method} ${r.path} ${r.found} ${r.verdict}`)).toEqual([
      'GET /builds/logs named healthy',
      'GET /notifications named healthy'
    ])
    expect(doc.discovery).toBeUndefined()
    expect(app.leftoverProcesses()).toEqual([])
  })
})
