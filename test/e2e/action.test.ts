// The bundled action run as the runner runs it, on real FastAPI apps under
// real uvicorn, with real py-spy, against the fake GitHub API.

import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { samplesFromEvidence, type StackEvidence } from '../../src/analysis/py-spy-dump.js'
import { FakeGitHub } from '../support/fake-github.js'
import { prepareApp, type PreparedApp } from '../support/fixture-app.js'
import { fixturesDir, lineOf, repoRoot } from '../support/paths.js'
import { runAction, type ActionRun } from '../support/run-action.js'

const NEWS_STREAM = '/api/news/stream'
const TOKEN = 'ghs_fakeTokenForTests'

const newsWithLine = lineOf(
  path.join(repoRoot, 'examples/news-app/app/api/routes/stream.py'),
  'with ThreadPoolExecutor('
)
const chatShutdownLine = lineOf(path.join(fixturesDir, 'apps/chat-app/app/main.py'), 'pool.shutdown()')

function pullRequest(number: number) {
  return {
    name: 'pull_request',
    payload: { action: 'synchronize', number, pull_request: { number, head: { sha: 'f'.repeat(40) } } }
  }
}

/** Runs the action on a prepared fixture app, on a push (no PR comment). */
function runWithoutComment(
  app: PreparedApp,
  streamPath: string,
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction({ inputs: { ...app.inputs, 'stream-path': streamPath, comment: 'never', ...inputs }, env: app.env })
}

/** The stacks the run saved at dump-path. */
function readEvidence(run: ActionRun): StackEvidence {
  return JSON.parse(fs.readFileSync(run.outputs['dump-path'] as string, 'utf8')) as StackEvidence
}

function warnings(run: ActionRun): string[] {
  return run.annotations.filter(a => a.level === 'warning').map(a => a.message)
}

let github: FakeGitHub
beforeAll(async () => {
  github = await new FakeGitHub().start()
})
afterAll(async () => {
  await github.stop()
})

describe('a pull request that introduces the classic hang, then fixes it', () => {
  it('diagnoses the hang: verdict, pattern, culprit, annotation, summary, report, dump and PR comment', async () => {
    const app = await prepareApp('news-app')
    const run = await runAction({
      inputs: { ...app.inputs, 'stream-path': NEWS_STREAM, 'github-token': TOKEN },
      env: { ...app.env, GITHUB_API_URL: github.url },
      event: pullRequest(7)
    })

    expect(run.code, run.stdout).toBe(1)
    expect(run.outputs).toMatchObject({
      verdict: 'hung',
      pattern: 'executor-shutdown-wait',
      culprit: `app/api/routes/stream.py:${newsWithLine}`,
      'health-latency-ms': '1000'
    })

    const result = JSON.parse(fs.readFileSync(run.outputs['result-path'] as string, 'utf8')) as Record<string, unknown>
    expect(result).toMatchObject({
      verdict: 'hung',
      pattern: 'executor-shutdown-wait',
      culprit: `app/api/routes/stream.py:${newsWithLine}`,
      timings: { healthTimeoutMs: 1000, slowestProbeMs: 1000 },
      hang: { phase: 'after-abort', cycle: 1 },
      files: { report: run.outputs['report-path'], dump: run.outputs['dump-path'] }
    })
    // the stacks are in the dump file, not repeated here
    expect(result.diagnosis).not.toHaveProperty('loopStack')

    const annotation = run.annotations.find(a => a.level === 'error' && a.properties.file)
    expect(annotation?.properties).toMatchObject({
      file: 'examples/news-app/app/api/routes/stream.py',
      line: String(newsWithLine),
      title: 'Event loop blocked: executor-shutdown-wait'
    })

    const report = fs.readFileSync(run.outputs['report-path'] as string, 'utf8')
    expect(run.summary).toBe(report)
    expect(report).toContain('## 🛑 backend-hang-debug: hung: `executor-shutdown-wait`')
    expect(report).toContain(
      `[\`app/api/routes/stream.py:${newsWithLine}\`](https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/examples/news-app/app/api/routes/stream.py#L${newsWithLine})`
    )
    expect(report).toContain(`> ${newsWithLine} |         with ThreadPoolExecutor(max_workers=len(SOURCES)) as pool:`)
    expect(report).toContain('pool.shutdown(wait=False, cancel_futures=True)')
    expect(report).toContain('> 1s (timeout)')
    expect(report).toContain('xychart-beta')
    expect(report).toMatch(/fetch_feed \(app\/services\/feeds\.py:\d+\)/)
    expect(report).toContain('https://github.com/acme/shop/actions/runs/4242')

    const evidence = readEvidence(run)
    const samples = samplesFromEvidence(evidence)
    expect(samples.length).toBeGreaterThanOrEqual(1)
    const frames = samples.at(-1)?.processes.flatMap(p => p.threads.flatMap(t => t.frames.map(f => f.name)))
    expect(frames).toContain('shutdown')

    const comments = github.commentsOn(7)
    expect(comments).toHaveLength(1)
    const [comment] = comments
    expect(
      comment?.body.startsWith(
        '<!-- backend-hang-debug:report key="default" state="hung" -->\n## 🛑 backend-hang-debug: hung'
      )
    ).toBe(true)
    expect(comment?.body).toContain(`app/api/routes/stream.py:${newsWithLine}`)
    expect(run.outputs['comment-url']).toBe(comment?.html_url)
    expect(github.requests.every(r => r.authorization === `token ${TOKEN}`)).toBe(true)
    // the token is only ever handed to the runner to mask, never printed otherwise
    expect(
      run.stdout
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n')
    ).not.toContain(TOKEN)
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`)
    expect(run.summary).toMatch(/Stacks captured with py-spy \d/)

    expect(app.leftoverProcesses()).toEqual([])
  })

  it('turns the same comment green in place when the PR fixes the route', async () => {
    const hung = await prepareApp('news-app')
    await runAction({
      inputs: { ...hung.inputs, 'stream-path': NEWS_STREAM, 'github-token': TOKEN, cycles: '1' },
      env: { ...hung.env, GITHUB_API_URL: github.url },
      event: pullRequest(70)
    })
    const [hungComment] = github.commentsOn(70)
    expect(hungComment?.body).toContain('state="hung"')
    const hungCommentId = hungComment?.id ?? 0

    const app = await prepareApp('news-app-fixed')
    const before = github.requests.length
    const run = await runAction({
      inputs: { ...app.inputs, 'stream-path': NEWS_STREAM, 'github-token': TOKEN },
      env: { ...app.env, GITHUB_API_URL: github.url },
      event: pullRequest(70)
    })

    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs).toMatchObject({ verdict: 'healthy', pattern: '', culprit: '', 'dump-path': '' })
    expect(Number(run.outputs['health-latency-ms'])).toBeLessThan(1000)
    const comments = github.commentsOn(70)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.id).toBe(hungCommentId)
    const body = comments[0]?.body ?? ''
    expect(body).toContain(`## ✅ backend-hang-debug: no hang since \`fffffff\``)
    // the diagnosis it replaced stays, collapsed
    expect(body).toContain(
      '<summary>Previous diagnosis: 🛑 backend-hang-debug: hung: `executor-shutdown-wait`</summary>'
    )
    expect(body).toContain(`app/api/routes/stream.py:${newsWithLine}`)
    // who am I (403 for GITHUB_TOKEN: the Actions bot), asked once; then, side by side, the comments
    // and the edit, and the review comments (a suggestion of ours to remove now that it is healthy: none)
    const calls = github.requests.slice(before).map(r => `${r.method} ${r.path.split('?')[0]}`)
    expect(calls[0]).toBe('GET /user')
    expect([...calls].sort()).toEqual([
      'GET /repos/acme/shop/issues/70/comments',
      'GET /repos/acme/shop/pulls/70/comments',
      'GET /user',
      'PATCH /repos/acme/shop/issues/comments/' + String(hungCommentId)
    ])
    expect(calls.indexOf('GET /repos/acme/shop/issues/70/comments')).toBeLessThan(
      calls.indexOf('PATCH /repos/acme/shop/issues/comments/' + String(hungCommentId))
    )
    expect(run.annotations.filter(a => a.level === 'error')).toEqual([])
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('posts nothing for a healthy app on a push', async () => {
    const app = await prepareApp('news-app-fixed')
    const before = github.requests.length
    const run = await runAction({
      inputs: { ...app.inputs, 'stream-path': NEWS_STREAM, 'github-token': TOKEN, cycles: '2' },
      env: { ...app.env, GITHUB_API_URL: github.url },
      event: { name: 'push', payload: {} }
    })
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs.verdict).toBe('healthy')
    expect(run.summary).toMatch(/answered all \d+ probes within 1s over 2 cycles/)
    expect(github.requests.length).toBe(before)
  })
})

describe('a comment that cannot be posted', () => {
  it('becomes a warning; the diagnosis still reaches the summary and outputs, and the exit status is the same', async () => {
    const forbidding = await new FakeGitHub().start()
    forbidding.forbidWrites = true
    try {
      const app = await prepareApp('news-app')
      const run = await runAction({
        inputs: {
          ...app.inputs,
          'stream-path': NEWS_STREAM,
          'github-token': TOKEN,
          'fail-on-hang': 'false',
          cycles: '1'
        },
        env: { ...app.env, GITHUB_API_URL: forbidding.url },
        event: pullRequest(8)
      })
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs).toMatchObject({ verdict: 'hung', pattern: 'executor-shutdown-wait', 'comment-url': '' })
      expect(run.summary).toContain('executor-shutdown-wait')
      expect(warnings(run).some(w => w.includes('403') && w.includes('pull-requests: write'))).toBe(true)
      // who am I (asked once); then, side by side, the comments and the refused comment, and the
      // review comments and the PR's files for a suggestion
      const calls = forbidding.requests.map(r => `${r.method} ${r.path.split('?')[0]}`)
      expect(calls[0]).toBe('GET /user')
      expect([...calls].sort()).toEqual([
        'GET /repos/acme/shop/issues/8/comments',
        'GET /repos/acme/shop/pulls/8/comments',
        'GET /repos/acme/shop/pulls/8/files',
        'GET /user',
        'POST /repos/acme/shop/issues/8/comments'
      ])
      const before = (a: string, b: string): boolean => calls.indexOf(a) < calls.indexOf(b)
      expect(before('GET /repos/acme/shop/issues/8/comments', 'POST /repos/acme/shop/issues/8/comments')).toBe(true)
      expect(before('GET /repos/acme/shop/pulls/8/comments', 'GET /repos/acme/shop/pulls/8/files')).toBe(true)
      expect(app.leftoverProcesses()).toEqual([])
    } finally {
      await forbidding.stop()
    }
  })
})

describe('a POST stream with headers and a body, and a process pool', () => {
  it('sends the method, headers and body, dumps the worker process too, and leaves no process', async () => {
    const app = await prepareApp('chat-app')
    const run = await runAction({
      inputs: {
        ...app.inputs,
        'stream-path': '/chat/stream',
        'stream-method': 'POST',
        'stream-headers': 'X-Api-Key: test-key\nContent-Type: application/json',
        'stream-body': '{"prompt": "hello"}',
        comment: 'never',
        cycles: '1'
      },
      env: app.env
    })
    expect(run.code, run.stdout).toBe(1)
    expect(run.outputs).toMatchObject({
      verdict: 'hung',
      pattern: 'executor-shutdown-wait',
      culprit: `app/main.py:${chatShutdownLine}`
    })
    const evidence = readEvidence(run)
    const pids = new Set(evidence.samples.flatMap(s => s.dumps.map(d => d.pid)))
    expect(pids.size).toBe(2)
    expect(run.summary).toContain('ProcessPoolExecutor.shutdown(wait=True)')
    expect(run.summary).toMatch(/Stacks captured with py-spy \d/)
    expect(run.summary).toContain('generate_answer (app/main.py:')
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('checks a route that answers plain JSON as one event, and fails clearly on a 404', async () => {
    const app = await prepareApp('chat-app')
    const json = await runWithoutComment(app, '/json')
    expect(json.code, json.stdout).toBe(0)
    expect(json.outputs.verdict).toBe('healthy')
    // the handler ran to its end before the disconnect: said, not hidden
    expect(json.stdout).toContain(
      'Cycle 1, stream 1: the server ended the stream after 1 event(s) before the client disconnected'
    )
    expect(app.leftoverProcesses()).toEqual([])

    const missing = await runWithoutComment(app, '/nope')
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain('stream-path: GET /nope answered HTTP 404')
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe('uvicorn --reload', () => {
  it('walks the process tree, finds the loop in the server process and stops the reloader and the server', async () => {
    const app = await prepareApp('news-app', '--reload')
    const run = await runWithoutComment(app, NEWS_STREAM, { cycles: '1' })
    expect(run.code, run.stdout).toBe(1)
    expect(run.outputs).toMatchObject({
      verdict: 'hung',
      pattern: 'executor-shutdown-wait',
      culprit: `app/api/routes/stream.py:${newsWithLine}`
    })
    const evidence = readEvidence(run)
    const commands = evidence.samples[0]?.dumps.map(d => d.command) ?? []
    expect(commands.some(c => c.includes('--reload'))).toBe(true)
    expect(commands.some(c => c.includes('multiprocessing'))).toBe(true)
    expect(readEvidence(run).method).toMatch(/^py-spy \d/)
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe('uvicorn --workers 2', () => {
  it('finds the hang of one worker of two by cycle 2 at the latest, answered meanwhile by the other, and dumps the supervisor and both workers', async () => {
    const app = await prepareApp('news-app', '--workers 2')
    const run = await runWithoutComment(app, NEWS_STREAM, { cycles: '4' })
    expect(run.code, run.stdout).toBe(1)
    expect(run.outputs).toMatchObject({
      verdict: 'hung',
      pattern: 'executor-shutdown-wait',
      culprit: `app/api/routes/stream.py:${newsWithLine}`
    })
    // the worker that took cycle 1's stream hangs at its disconnect. A probe that this worker accepted
    // just before it blocked finds the hang in cycle 1; otherwise the other worker answers every probe,
    // until it takes cycle 2's stream and hangs the same way: cycle 2 at the latest, whichever the kernel chose
    const result = JSON.parse(fs.readFileSync(run.outputs['result-path'] as string, 'utf8')) as {
      hang: { cycle: number }
      cycles: { probes: { outcome: string }[] }[]
    }
    expect([1, 2]).toContain(result.hang.cycle)
    for (const before of result.cycles.slice(0, result.hang.cycle - 1))
      expect(before.probes.every(p => p.outcome === 'ok')).toBe(true)
    for (const sample of readEvidence(run).samples) {
      const commands = sample.dumps.map(d => d.command)
      expect(
        commands.filter(c => c.includes('--workers 2')),
        commands.join('\n')
      ).toHaveLength(1)
      expect(
        commands.filter(c => c.includes('multiprocessing.spawn')),
        commands.join('\n')
      ).toHaveLength(2)
    }
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe('verdicts other than hung', () => {
  it("stays healthy on sse-starlette's EventSourceResponse, which cancels cleanly on disconnect", async () => {
    const app = await prepareApp('edge-cases')
    const run = await runWithoutComment(app, '/sse')
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs.verdict).toBe('healthy')
    // 3 baseline probes, then every cycle's heartbeat: at least one probe while streaming and several after the disconnect
    const probes = Number(/answered all (\d+) probes within 1s over 3 cycles/.exec(run.summary)?.[1])
    expect(probes).toBeGreaterThanOrEqual(3 + 3 * 5)
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('reports an app that exits on disconnect as crashed, with its exit code and last output', async () => {
    const app = await prepareApp('edge-cases')
    const run = await runWithoutComment(app, '/crash/stream')
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ verdict: 'crashed', pattern: '', culprit: '' })
    expect(run.summary).toContain(
      'The app exited (exit code 3) right after the client disconnected from `GET /crash/stream` (cycle 1 of 3).'
    )
    expect(run.summary).toContain('the client went away; exiting')
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('reports an app that dies while answering the stream request as crashed, not as a stream-path error', async () => {
    const app = await prepareApp('edge-cases')
    const run = await runWithoutComment(app, '/die/stream')
    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('crashed')
    expect(run.summary).toContain(
      'The app exited (exit code 4) after `GET /die/stream` was requested and before its first event (cycle 1 of 3).'
    )
    expect(run.summary).toContain('the stream route takes the process down')
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('reports a health route that answers 503 as unhealthy, and fail-on-hang: false keeps the step green', async () => {
    const app = await prepareApp('edge-cases')
    const run = await runWithoutComment(app, '/degrade/stream', { 'fail-on-hang': 'false' })
    expect(run.code).toBe(0)
    expect(run.outputs.verdict).toBe('unhealthy')
    expect(run.summary).toContain('`/health` answered HTTP 503 right after the client disconnected')
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe('startup failure and bad input', () => {
  it('reports an app that fails at import as startup-failed, with its output, without waiting for the timeout', async () => {
    const app = await prepareApp('import-error')
    const run = await runAction({
      inputs: {
        ...app.inputs,
        // the app's output holds a secret; the published report must not
        'start-command': `${app.inputs['start-command']}; status=$?; echo "connecting with password $DB_PASSWORD"; exit $status`,
        'stream-path': '/stream',
        'fail-on-hang': 'false'
      },
      env: { ...app.env, DB_PASSWORD: 'pl4nted-s3cret-value' }
    })
    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('startup-failed')
    expect(run.summary).toContain("ModuleNotFoundError: No module named 'fastapi_extras_that_do_not_exist'")
    expect(run.summary).toContain('connecting with password ***')
    // the app's output is quoted in the log with workflow commands switched off
    const stop = /^::stop-commands::(\S+)$/m.exec(run.stdout)
    expect(stop).not.toBeNull()
    const quoted = run.stdout.slice(run.stdout.indexOf(stop?.[0] ?? ''), run.stdout.indexOf(`::${stop?.[1]}::`))
    expect(quoted).toContain('ModuleNotFoundError')
    expect(run.summary + fs.readFileSync(run.outputs['report-path'] as string, 'utf8')).not.toContain(
      'pl4nted-s3cret-value'
    )
    expect(run.summary).toMatch(/The app exited \(exit code 1\) before `\/health` answered/)
    // it stopped at the exit instead of polling until the startup-timeout
    expect(run.summary).not.toContain('startup-timeout')
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('refuses to probe a port that another program already holds, and names it', async () => {
    const app = await prepareApp('news-app')
    const squatter = net.createServer().listen(app.port, '127.0.0.1')
    await once(squatter, 'listening')
    try {
      const run = await runAction({ inputs: { ...app.inputs, 'stream-path': NEWS_STREAM }, env: app.env })
      expect(run.code).toBe(1)
      expect(run.outputs.verdict).toBe('startup-failed')
      expect(run.summary).toContain(`Port ${app.port} is already in use (held by pid ${process.pid}: `)
      expect(run.stdout).not.toContain('Starting the app')
    } finally {
      squatter.close()
    }
  })

  it('rejects invalid inputs before starting anything, naming each one', async () => {
    const run = await runAction({
      inputs: { 'stream-path': '/stream', 'health-timeout': 'soon', cycles: '0', 'start-command': 'sleep 60' }
    })
    expect(run.code).toBe(1)
    const error = run.annotations.find(a => a.level === 'error')?.message ?? ''
    expect(error).toContain('2 inputs are invalid')
    expect(error).toContain('Input "health-timeout" is "soon"')
    expect(error).toContain('Input "cycles" is "0"')
    expect(run.outputs).toEqual({})
    expect(run.stdout).not.toContain('Starting the app')
  })
})

/** Calls `then` once the main step has saved the app's identity and the app's processes run. */
function onceAppRuns(child: ChildProcess, stateFile: string, app: PreparedApp, then: () => void): void {
  const timer = setInterval(() => {
    if (fs.readFileSync(stateFile, 'utf8').includes('app-pid') && app.leftoverProcesses().length > 0) {
      clearInterval(timer)
      then()
    }
  }, 50)
  child.on('close', () => clearInterval(timer))
}

describe('never leaving a process behind', () => {
  it('stops the app when the job is cancelled (SIGINT to the action)', async () => {
    const app = await prepareApp('news-app')
    const run = await runAction({
      inputs: { ...app.inputs, 'stream-path': NEWS_STREAM, 'health-timeout': '10s', comment: 'never' },
      env: app.env,
      // the SIGINT lands once the cycles run: while the stream is open or the probe waits on the hung app
      onSpawn: child => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('Cycle 1/')) child.kill('SIGINT')
        })
      }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Received SIGINT: stopping the app')
    // it left at once, without waiting out the 10 s probe for a verdict
    expect(run.stdout).not.toContain('Verdict:')
    expect(run.outputs).toEqual({})
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('has the post step stop an app whose main step was killed outright', async () => {
    const app = await prepareApp('news-app')
    let aliveAfterKill: number[] = []
    const main = await runAction({
      inputs: { ...app.inputs, 'stream-path': NEWS_STREAM, 'health-timeout': '10s', comment: 'never' },
      env: app.env,
      onSpawn: (child, files) => {
        onceAppRuns(child, files.state, app, () => child.kill('SIGKILL'))
        child.on('close', () => (aliveAfterKill = app.leftoverProcesses()))
      }
    })
    expect(main.signal).toBe('SIGKILL')
    expect(aliveAfterKill.length).toBeGreaterThan(0)

    const post = await runAction({ inputs: { 'stream-path': NEWS_STREAM }, env: app.env, state: main.state })
    expect(post.code, post.stdout).toBe(0)
    expect(warnings(post).some(w => /process\(es\) of the app were still running/.test(w))).toBe(true)
    expect(app.leftoverProcesses()).toEqual([])
  })
})
