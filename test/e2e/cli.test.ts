// The command line end to end: dist/cli.js on the fixture apps, started by
// it or already running, with its terminal output, --json and its errors.

import { spawn } from 'node:child_process'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isAlive } from '../../src/os/process-table.js'
import { probeHealth } from '../../src/engine/probe.js'
import { prepareApp } from '../support/fixture-app.js'
import { PATTERN_CASES, patternsAppDir } from '../support/pattern-cases.js'
import { lineOf, repoRoot, venvBin } from '../support/paths.js'
import { runCli } from '../support/run-cli.js'
import type { ResultDocument } from '../../src/report/result-document.js'

const newsDir = path.join(repoRoot, 'examples/news-app')
const newsWithLine = lineOf(path.join(newsDir, 'app/api/routes/stream.py'), 'with ThreadPoolExecutor(')
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/

describe('backend-hang-debug on the command line', () => {
  it('starts the app after --, diagnoses the hang for a person to read, stops the app, exits 1', async () => {
    const app = await prepareApp('news-app')
    const run = await runCli(
      [
        '--stream-path',
        '/api/news/stream',
        '--health-timeout',
        '1s',
        '--base-url',
        app.inputs['base-url'] as string,
        '--',
        'uvicorn',
        'app.main:app',
        '--port',
        String(app.port)
      ],
      { cwd: newsDir, env: app.env }
    )
    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).toMatch(/^\nHUNG {2}\/health gave no answer within 1s right after the client disconnected/)
    expect(run.stdout).toContain(`Culprit:    app/api/routes/stream.py:${newsWithLine} in event_generator`)
    expect(run.stdout).toContain(
      `> ${newsWithLine} │         with ThreadPoolExecutor(max_workers=len(SOURCES)) as pool:`
    )
    // the fix is the app's own block, rewritten, and it was tried in a scratch copy
    expect(run.stdout).toContain('        pool.shutdown(wait=False, cancel_futures=True)')
    expect(run.stdout).toContain(
      '        pending = [loop.run_in_executor(pool, fetch_feed, source) for source in SOURCES]'
    )
    expect(run.stdout).toMatch(
      /✅ Tried: the change was applied to a scratch copy of the app and the route checked again: \/health then answered in \d+ ms or less in every probe/
    )
    // not a terminal: no colour, and the phases went to stderr
    expect(run.stdout + run.stderr).not.toMatch(ANSI)
    expect(run.stderr).toContain(`› Starting the app in ${newsDir}: uvicorn app.main:app --port ${app.port}`)
    expect(run.stderr).toContain('capturing stacks')
    // the default capture on a machine where py-spy may attach: py-spy, named at the end
    expect(run.stdout).toMatch(/\nStacks captured with py-spy \d+\.\d+\.\d+( \([^\n]+\))?\.\n/)
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('reports a stall with its flags: --stall-threshold, --settle, and --fail-on-stall for the exit status', async () => {
    const app = await prepareApp('patterns')
    const args = [
      '--stream-path',
      '/metrics-flush/stream',
      '--cycles',
      '1',
      '--health-timeout',
      '2s',
      '--stall-threshold',
      '300ms',
      '--settle',
      '400ms',
      '--base-url',
      app.inputs['base-url'] as string
    ]
    const start = ['--', 'uvicorn', 'app.main:app', '--port', String(app.port)]
    const failing = await runCli([...args, ...start], { cwd: patternsAppDir, env: app.env })
    expect(failing.code, failing.stderr).toBe(1)
    expect(failing.stdout).toMatch(
      /^\nSTALLED {2}The event loop was blocked for 1\.\d+s right after the client disconnected/
    )
    expect(failing.stdout).toMatch(/Lasted: {5}1\.\d+s \(the longest stall\); 1 stall in 1 of 1 cycle/)
    expect(failing.stdout).toMatch(/Culprit: {4}app\/services\/metrics\.py:\d+ in flush/)
    expect(failing.stdout).toMatch(
      /Stalls \(1\), 300ms or longer:\n +1\.\d+s {2}cycle 1, after the disconnect: sync-sleep at app\/services\/metrics\.py:\d+/
    )

    const json = await runCli([...args, '--fail-on-stall', 'false', '--json', ...start], {
      cwd: patternsAppDir,
      env: app.env
    })
    expect(json.code, json.stderr).toBe(0)
    const result = JSON.parse(json.stdout) as ResultDocument
    expect(result).toMatchObject({
      verdict: 'stalled',
      pattern: 'sync-sleep',
      timings: { stallThresholdMs: 300, settle: { ms: 400, given: true } }
    })
    expect(result.stalls).toHaveLength(1)
    expect(result.stalls[0]).toMatchObject({ cycle: 1, phase: 'after-abort', pattern: 'sync-sleep' })
    expect(result.stalls[0]?.durationMs).toBeGreaterThanOrEqual(1400)
    expect(result.stalls[0]?.samples.filter(s => s.blocked).length).toBeGreaterThanOrEqual(2)
    expect(result.timings.longestStallMs).toBe(Math.round(result.stalls[0]?.durationMs ?? 0))
    // a stall is judged on samples taken while the probe waits, by py-spy here
    expect(result.capture?.method).toMatch(/^py-spy \d/)
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('--json prints the result document and nothing else on stdout; a healthy app exits 0', async () => {
    const app = await prepareApp('patterns')
    const run = await runCli(
      [
        '--stream-path',
        '/ticks/stream',
        '--health-timeout',
        '1s',
        '--base-url',
        app.inputs['base-url'] as string,
        '--json',
        '--',
        'uvicorn',
        'app.main:app',
        '--port',
        String(app.port)
      ],
      { cwd: patternsAppDir, env: app.env }
    )
    expect(run.code, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout) as ResultDocument
    expect(result).toMatchObject({ verdict: 'healthy', pattern: '', culprit: '', cyclesPlanned: 3 })
    expect(result.cycles).toHaveLength(3)
    expect(result.cycles.every(c => c.streams[0]?.events === 1 && c.probes.every(p => p.outcome === 'ok'))).toBe(true)
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('attaches to an app that runs already (--pid) and leaves it running', async () => {
    const app = await prepareApp('patterns')
    const server = spawn(
      path.join(venvBin, 'uvicorn'),
      ['app.main:app', '--host', '127.0.0.1', '--port', String(app.port)],
      {
        cwd: patternsAppDir,
        env: { ...process.env, ...app.env },
        stdio: 'ignore'
      }
    )
    try {
      const deadline = Date.now() + 20_000
      while ((await probeHealth(`${app.inputs['base-url']}/health`, 500)).outcome !== 'ok' && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 50))
      }
      const sleepCase = PATTERN_CASES.find(c => c.pattern === 'sync-sleep')
      const run = await runCli([
        '--stream-path',
        '/sync-sleep/stream',
        '--health-timeout',
        '1s',
        '--base-url',
        app.inputs['base-url'] as string,
        '--pid',
        String(server.pid),
        '--json'
      ])
      expect(run.code, run.stderr).toBe(1)
      const result = JSON.parse(run.stdout) as ResultDocument
      expect(result).toMatchObject({
        verdict: 'hung',
        pattern: 'sync-sleep',
        culprit: `${sleepCase?.culprit.path}:${sleepCase?.culprit.line}`
      })
      expect(run.stderr).toContain(`Attaching to pid ${server.pid}`)
      // an app the tool did not start can only be sampled by py-spy
      expect(result.capture?.method).toMatch(/^py-spy \d/)
      // someone else's process: not stopped
      expect(isAlive(server.pid as number)).toBe(true)
    } finally {
      server.kill('SIGKILL')
    }
  })

  it('--help shows the usage, examples and every option', async () => {
    const run = await runCli(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^backend-hang-debug: find what blocks/)
    for (const part of ['Usage:', 'Examples:', '-- uvicorn app.main:app --port 8000', '--pid 4242', 'Exit status:'])
      expect(run.stdout).toContain(part)
    for (const flag of [
      '--stream-path',
      '--base-url',
      '--health-path',
      '--cycles',
      '--concurrency',
      '--health-timeout',
      '--abort-after',
      '--capture',
      '--stream-header',
      '--json',
      '--no-color'
    ]) {
      expect(run.stdout).toContain(flag)
    }
  })

  it('names a bad flag or value and points at --help, exiting 1 before starting anything', async () => {
    const unknown = await runCli(['--stream-path', '/s', '--cycle', '3'])
    expect(unknown).toMatchObject({ code: 1, stdout: '' })
    expect(unknown.stderr).toBe("backend-hang-debug: Unknown option '--cycle'\nSee backend-hang-debug --help.\n")
    const zero = await runCli(['--stream-path', '/s', '--cycles', '0'])
    expect(zero.stderr).toContain('backend-hang-debug: --cycles is "0": expected a whole number from 1 to 1000.')
    const both = await runCli(['--stream-path', '/s', '--pid', '1', '--', 'uvicorn', 'app.main:app'])
    expect(both.stderr).toContain('give either --pid (attach to a running app) or a start command after --, not both')
    const route = await runCli(['--stream-path', '/ok', '--stream-path', 'events', '--cycles', '2'])
    expect(route).toMatchObject({ code: 1, stdout: '' })
    expect(route.stderr).toContain(
      '--stream-path is "events": expected a path that starts with "/", or "METHOD /path", optionally followed by a JSON body, one route per line.'
    )
    expect(route.stderr).not.toContain('Starting the app')
  })
})
