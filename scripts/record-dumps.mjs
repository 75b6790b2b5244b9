// Re-records test/fixtures/dumps/<recording>.json from live runs: runs the
// bundled action on each case of test/fixtures/apps/patterns/cases.json (and
// on the slow health route, whose samples show an idle loop) and keeps the
// stacks it saved, with this machine's paths replaced by a runner-like
// checkout so that the fixtures do not depend on where they were recorded.
// Usage: node scripts/record-dumps.mjs [recording ...]

import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runBundle } from './action-env.mjs'
import { ensurePythonEnv } from './python-env.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const appDir = path.join(root, 'test/fixtures/apps/patterns')
const recordedRoot = '/home/runner/work/patterns/patterns'
const { cases } = JSON.parse(fs.readFileSync(path.join(appDir, 'cases.json'), 'utf8'))
const recordings = [
  ...cases.map(c => ({
    app: appDir,
    name: c.recording ?? c.pattern,
    streamPath: c.streamPath,
    inputs: c.inputs ?? {},
    verdict: c.verdict ?? 'hung',
    pattern: c.pattern,
    about: `${c.pattern}: ${c.streamPath} of test/fixtures/apps/patterns, ${c.verdict === 'stalled' ? 'stalled' : 'blocked'} ${c.phase === 'during-stream' ? 'while the stream was open' : 'when the client disconnected'}`
  })),
  {
    name: 'aiohttp-uvloop',
    app: path.join(root, 'test/fixtures/apps/aiohttp-app'),
    recordedRoot: '/home/runner/work/newsfeed/newsfeed',
    startCommand: port => `python -m newsfeed.server --uvloop --port ${port}`,
    streamPath: '/ticker',
    inputs: {},
    verdict: 'hung',
    pattern: 'sync-sleep',
    about:
      "aiohttp's web.run_app on uvloop, whose loop is compiled and has no Python frame: /ticker of test/fixtures/apps/aiohttp-app, blocked when the client disconnected"
  },
  // code the catalog has never seen: the blocking primitive read from a C call's line, the app's or a library's
  ...[
    [
      'os-system',
      '/deploy/stream',
      'subprocess-wait',
      'os.system() on the loop, a C call with no Python frame under it'
    ],
    ['os-waitpid', '/reap/stream', 'subprocess-wait', 'os.waitpid() on the loop'],
    ['websocket-client', '/ws-client/stream', 'sync-io', "websocket-client's handshake reading its socket itself"],
    ['paho-mqtt', '/mqtt/stream', 'sync-io', "paho-mqtt's loop() waiting in select.select()"],
    ['vendored-recv', '/vendored/stream', 'sync-io', 'a client vendored into the app calling sock.recv()'],
    ['requests-iter-lines', '/proxy/stream', 'sync-io', "a for over requests' iter_lines() in an async generator"]
  ].map(([name, streamPath, pattern, about]) => ({
    name,
    app: path.join(root, 'test/fixtures/apps/unseen-code'),
    recordedRoot: '/home/runner/work/unseen/unseen',
    streamPath,
    inputs: { 'min-watch': '0' },
    verdict: 'hung',
    pattern,
    about: `${about}: ${streamPath} of test/fixtures/apps/unseen-code`
  })),
  {
    app: appDir,
    name: 'slow-health-noise',
    streamPath: '/ticks/stream',
    inputs: { 'health-path': '/slow-health', 'stall-threshold': '100ms' },
    verdict: 'healthy',
    pattern: '',
    about:
      'slow probes that are no stall: /slow-health of test/fixtures/apps/patterns awaits asyncio.sleep(0.3), and the loop is idle in every sample'
  }
]
const wanted = process.argv.slice(2)

const venvBin = ensurePythonEnv()
const python = path.join(venvBin, 'python')
const versions = execFileSync(
  python,
  [
    '-c',
    'import sys, importlib.metadata as m; print("CPython %s, uvicorn %s, FastAPI %s, Starlette %s" % (sys.version.split()[0], m.version("uvicorn"), m.version("fastapi"), m.version("starlette")))'
  ],
  { encoding: 'utf8' }
).trim()

for (const c of recordings.filter(c => wanted.length === 0 || wanted.includes(c.name))) {
  const { outputs } = await runBundle({
    workspace: root,
    workingDirectory: path.relative(root, c.app),
    venvBin,
    uvicornArgs: '--loop asyncio',
    ...(c.startCommand ? { startCommand: c.startCommand } : {}),
    inputs: { 'stream-path': c.streamPath, 'health-timeout': c.verdict === 'hung' ? '1s' : '2s', ...c.inputs }
  })
  if (outputs.verdict !== c.verdict || outputs.pattern !== c.pattern || !outputs['dump-path']) {
    console.error(
      `${c.name}: the run gave ${outputs.verdict} ${outputs.pattern || '(no pattern)'}${outputs['dump-path'] ? '' : ' without stacks'}; not recorded`
    )
    process.exitCode = 1
    continue
  }
  const pySpy = fs.readFileSync(outputs['dump-path'], 'utf8')
  const recordedAt = c.recordedRoot ?? recordedRoot
  const evidence = JSON.parse(
    pySpy.replaceAll(c.app, recordedAt).replaceAll(path.join(root, '.venv'), `${recordedAt}/.venv`)
  )
  // the probes that waited stall-threshold or more, so a test can give each its own samples
  const result = JSON.parse(fs.readFileSync(outputs['result-path'], 'utf8'))
  const slowProbes = [...result.baseline, ...result.cycles.flatMap(cycle => cycle.probes)]
    .filter(p => p.outcome === 'ok' && p.latencyMs >= result.timings.stallThresholdMs)
    .map(({ phase, cycle, sentAtMs, latencyMs }) => ({ phase, cycle, sentAtMs, latencyMs }))
  // the library code between the app's frames and where each thread waits, which the classifier and the
  // rewriter read (the C call's line, whether a function is a generator): the recording carries it
  const LIBRARY_WINDOW = 40
  const librarySources = {}
  const venv = path.join(root, '.venv')
  for (const sample of JSON.parse(pySpy).samples) {
    for (const dump of sample.dumps) {
      for (const thread of Array.isArray(dump.output) ? dump.output : []) {
        for (const frame of thread.frames ?? []) {
          if (frame.filename?.startsWith(c.app) && !frame.filename.startsWith(venv)) break
          if (!frame.filename?.startsWith(venv)) continue
          const lines = fs.readFileSync(frame.filename, 'utf8').split('\n')
          const recordedFile = frame.filename.replace(venv, `${recordedAt}/.venv`)
          const kept = (librarySources[recordedFile] ??= {})
          const first = Math.max(1, frame.line - LIBRARY_WINDOW)
          const last = Math.min(lines.length, frame.line + LIBRARY_WINDOW)
          for (let line = first; line <= last; line++) kept[line] = lines[line - 1]
        }
      }
    }
  }
  const recorded = {
    description: c.about,
    recorded: `${evidence.method.split(' (')[0]} on ${versions}`,
    appRoot: recordedAt,
    ...(slowProbes.length > 0 ? { slowProbes } : {}),
    ...(Object.keys(librarySources).length > 0 ? { librarySources } : {}),
    ...evidence
  }
  const file = path.join(root, 'test/fixtures/dumps', `${c.name}.json`)
  fs.writeFileSync(file, JSON.stringify(recorded, null, 1) + '\n')
  console.log(`${c.name}: ${recorded.samples.length} samples → ${path.relative(root, file)}`)
}
