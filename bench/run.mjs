// `npm run bench`: the cost of the bundled action (dist/, as committed; it
// builds nothing) on this machine, against its targets. Prints a Markdown
// table; every figure is the median of the runs noted next to it.
//
//   node bench/run.mjs [--runs N] [--only hang,phases,healthy,startup,scale,stalls,heartbeat,load,routes,verify,websocket]
//   BENCH_LOAD_ONLY=REGEX limits the load section to the controls whose name matches

import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import * as readline from 'node:readline'
import { fileURLToPath } from 'node:url'
import { freePort, runBundle } from '../scripts/action-env.mjs'
import { ensurePythonEnv } from '../scripts/python-env.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bundle = path.join(root, 'dist/index.js')
const runsArg = process.argv.indexOf('--runs')
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5
const onlyArg = process.argv.indexOf('--only')
const ONLY = onlyArg > 0 ? process.argv[onlyArg + 1].split(',') : undefined
const section = name => ONLY === undefined || ONLY.includes(name)
/** The default health-timeout, and a shorter one as many workflows set it. */
const HUNG_TIMEOUTS_S = [5, 2]

if (!fs.existsSync(bundle)) {
  console.error('dist/index.js is missing: run `npm run build` first')
  process.exit(1)
}
const venvBin = ensurePythonEnv({ quiet: true })
const PATH = `${venvBin}${path.delimiter}${process.env.PATH}`

const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const ms = value => `${Math.round(value)} ms`
const mb = kb => `${(kb / 1024).toFixed(0)} MB`

/** The fixed example in a workspace of its own, as after a PR's fix. */
function fixedExample() {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fixed-'))
  fs.cpSync(path.join(root, 'examples/news-app'), workspace, { recursive: true })
  fs.copyFileSync(
    path.join(root, 'test/fixtures/news-app-fixed/stream.py'),
    path.join(workspace, 'app/api/routes/stream.py')
  )
  return workspace
}

/** Peak RSS (VmHWM) of a live process, in kB; 0 once it is gone. */
function peakRssKb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

/** The tests' fake GitHub REST API (test/support/fake-github.ts), started on 127.0.0.1. */
async function fakeGitHub() {
  const { default: ts } = await import('typescript')
  const source = fs.readFileSync(path.join(root, 'test/support/fake-github.ts'), 'utf8')
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
  })
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-github-')), 'fake-github.mjs')
  fs.writeFileSync(file, outputText)
  const { FakeGitHub } = await import(file)
  return new FakeGitHub().start()
}

/**
 * Runs the bundle as the runner does and times, from the spawn: its first
 * line of output and the line that states the verdict.
 */
async function runAction(workspace, workingDirectory, inputs, env = {}, startCommand = undefined) {
  let firstLineMs
  let verdictMs
  let peakKb = 0
  /** every line of the step's output, with when it came (ms from the spawn) */
  const lines = []
  let sampler
  const run = await runBundle({
    workspace,
    workingDirectory,
    venvBin,
    inputs,
    env,
    ...(startCommand ? { startCommand } : {}),
    onSpawn: child => (sampler = setInterval(() => (peakKb = Math.max(peakKb, peakRssKb(child.pid))), 10)),
    onLine: (line, ms) => {
      lines.push({ line, ms })
      firstLineMs ??= ms
      // the engine's line at the moment of the verdict, before it stops the app and writes the report
      if (line.startsWith('Reached the verdict')) verdictMs ??= ms
    }
  })
  clearInterval(sampler)
  const result = run.outputs['result-path']
    ? JSON.parse(fs.readFileSync(run.outputs['result-path'], 'utf8'))
    : undefined
  fs.rmSync(run.dir, { recursive: true, force: true })
  /** when the first line that starts with `prefix` came, after `after` ms */
  const at = (prefix, after = 0) => lines.find(l => l.ms >= after && l.line.startsWith(prefix))?.ms
  return { code: run.code, firstLineMs, verdictMs, wallMs: run.wallMs, peakKb, outputs: run.outputs, result, at }
}

async function runRecipe(appDir, streamPath, timeoutS) {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(
    'bash',
    [path.join(root, 'bench/manual-recipe.sh'), appDir, String(port), streamPath, String(timeoutS)],
    {
      env: { ...process.env, PATH },
      stdio: ['ignore', 'pipe', 'ignore']
    }
  )
  let verdictMs
  let verdict
  readline.createInterface({ input: child.stdout }).on('line', line => {
    if (!line.startsWith('verdict: ')) return
    verdictMs = performance.now() - started
    verdict = line.slice('verdict: '.length)
  })
  await new Promise(resolve => child.on('close', resolve))
  return { verdictMs, verdict }
}

const rows = []
const row = (what, figure, target, met, runs) => rows.push({ what, figure, target, met, runs })

// 1. hung example: the whole process against its floor, and against the manual recipe, like for like
// (verify-fix: never: the recipe tries no fix) and as the whole step with the fix tried
for (const timeoutS of section('hang') ? HUNG_TIMEOUTS_S : []) {
  const overheads = []
  const likeForLike = []
  const wholeStep = []
  const recipeMs = []
  const toExit = []
  const inputs = { 'stream-path': '/api/news/stream', 'health-timeout': `${timeoutS}s` }
  for (let i = 0; i < RUNS; i++) {
    const run = await runAction(root, 'examples/news-app', { ...inputs, 'verify-fix': 'never' })
    if (run.outputs.verdict !== 'hung' || run.outputs.pattern !== 'executor-shutdown-wait')
      throw new Error(`hung example: ${JSON.stringify(run.outputs)}`)
    likeForLike.push(run.wallMs)
    // the floor: the app's start, its time to the first event, and the timeout; everything else is ours
    const firstEventMs = run.result.cycles[0]?.streams[0]?.firstEventMs ?? 0
    overheads.push(run.wallMs - run.result.timings.startupMs - firstEventMs - timeoutS * 1000)
    toExit.push(run.wallMs - run.verdictMs)
    const tried = await runAction(root, 'examples/news-app', inputs)
    if (tried.result?.fix?.verification?.verdict !== 'healthy')
      throw new Error(`hung example, fix tried: ${JSON.stringify(tried.result?.fix?.verification)}`)
    wholeStep.push(tried.wallMs)
    const recipe = await runRecipe(path.join(root, 'examples/news-app'), '/api/news/stream', timeoutS)
    if (recipe.verdict !== 'hung') throw new Error(`the manual recipe said ${recipe.verdict}`)
    recipeMs.push(recipe.verdictMs)
  }
  const t = `${timeoutS} s timeout`
  const overhead = median(overheads)
  const ratio = median(likeForLike) / median(recipeMs)
  const ratioTarget = timeoutS === 2 ? 0.8 : 0.88
  const stepRatio = median(wholeStep) / median(recipeMs)
  row(`hung example, ${t}, verify-fix: never: whole process`, ms(median(likeForLike)), '', '', RUNS)
  row(`… above the floor (app start + time to first event + timeout)`, ms(overhead), '≤ 200 ms', overhead <= 200, RUNS)
  row(`… from the verdict to the process exit`, ms(median(toExit)), '≤ 100 ms', median(toExit) <= 100, RUNS)
  row(`manual recipe (bench/manual-recipe.sh), ${t}: start to verdict`, ms(median(recipeMs)), '', '', RUNS)
  row(
    `ratio action (verify-fix: never) / manual recipe, ${t}`,
    ratio.toFixed(2),
    `≤ ${ratioTarget.toFixed(2)}`,
    ratio <= ratioTarget,
    RUNS
  )
  row(`hung example, ${t}, default inputs (fix tried): whole step`, ms(median(wholeStep)), '', '', RUNS)
  row(`ratio whole step (fix tried) / manual recipe, ${t}`, stepRatio.toFixed(2), '≤ 1.10', stepRatio <= 1.1, RUNS)
}

// 1b. where the time goes: each phase of the step, from the lines it prints (and the result's stream timings)
if (section('phases')) {
  const phases = {}
  const add = (name, value) => (phases[name] ??= []).push(value)
  for (let i = 0; i < RUNS; i++) {
    const run = await runAction(root, 'examples/news-app', {
      'stream-path': '/api/news/stream',
      'health-timeout': '2s'
    })
    if (run.result?.fix?.verification?.verdict !== 'healthy') throw new Error(`phases: ${JSON.stringify(run.outputs)}`)
    const starting = run.at('Starting the app')
    const answered = run.at('The app answered')
    const cycling = run.at('Cycle 1/')
    const verdict = run.at('Reached the verdict')
    const stopped = run.at('::debug::stopped the app', verdict)
    const trying = run.at('Trying the change')
    const vStart = run.at('verify-fix: Starting the app')
    const vAnswered = run.at('verify-fix: The app answered')
    const vVerdict = run.at('verify-fix: Reached the verdict')
    const vStopped = run.at('::debug::verify-fix: stopped the app')
    const reported = run.at('Verdict: ')
    const firstEventMs = run.result.cycles[0]?.streams[0]?.firstEventMs ?? 0
    add('Node start and bundle load (spawn to the first line of work)', starting)
    add("app start (the app's own: spawned to answering health)", answered - starting)
    add('baseline probes', cycling - answered)
    add('route: to the first event', firstEventMs)
    add(
      'route: after the first event to the verdict (the disconnect, then the 2 s timeout)',
      verdict - cycling - firstEventMs
    )
    add('verdict → stacks taken (sampled while the probe waited)', verdict - run.at('/health gave no answer'))
    add('stacks → app stopped (a hung app is killed at once)', stopped - verdict)
    add('verify-fix: the scratch copy', vStart - trying)
    add("verify-fix: its app's start", vAnswered - vStart)
    add('verify-fix: its cycles (only those the hang took to show)', vVerdict - vAnswered)
    add('verify-fix: its app stopped (a scratch copy: killed at once)', vStopped - vVerdict)
    add('analysis, report and outputs (to the verdict line of the log)', reported - vStopped)
    add('the rest, to the process exit (summary, files)', run.wallMs - reported)
    add('whole step', run.wallMs)
  }
  for (const [name, values] of Object.entries(phases))
    row(`hung example, 2 s timeout, phase: ${name}`, ms(median(values)), '', '', RUNS)
  // the calls to GitHub, against the tests' fake GitHub on 127.0.0.1: what is ours, without the network's
  // latency (each call to api.github.com adds its round trip; the comment's and the suggestion's go out side by side)
  const github = await fakeGitHub()
  const eventPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-event-')), 'event.json')
  const pr = { number: 7, head: { sha: 'a'.repeat(40) } }
  fs.writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: pr.number, pull_request: pr }))
  const toExit = { auto: [], never: [] }
  const walls = { auto: [], never: [] }
  for (let i = 0; i < RUNS; i++) {
    for (const comment of ['auto', 'never']) {
      github.reset()
      const run = await runAction(
        root,
        'examples/news-app',
        {
          'stream-path': '/api/news/stream',
          'health-timeout': '2s',
          'verify-fix': 'never',
          'github-token': 'ghs_bench',
          comment
        },
        {
          GITHUB_API_URL: github.url,
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_REPOSITORY: 'acme/shop'
        }
      )
      if ((run.outputs['comment-url'] !== '') !== (comment === 'auto'))
        throw new Error(`github (comment: ${comment}): ${JSON.stringify(run.outputs)}`)
      toExit[comment].push(run.wallMs - run.at('Verdict: '))
      walls[comment].push(run.wallMs)
    }
  }
  await github.stop()
  row(
    'hung example, phase: GitHub calls (PR comment, suggestion; a fake GitHub on 127.0.0.1): the report to the exit',
    ms(median(toExit.auto)),
    '',
    '',
    RUNS
  )
  row('… the same run posting nothing (comment: never)', ms(median(toExit.never)), '', '', RUNS)
  row(
    '… what posting adds to the whole step (the client loads while the app starts)',
    ms(median(walls.auto) - median(walls.never)),
    '',
    '',
    RUNS
  )
}

// 2. healthy (fixed) example, default inputs: the whole step, and what the watch after each disconnect adds
if (section('healthy')) {
  const workspace = fixedExample()
  const walls = []
  const steps = []
  const startups = []
  const watched = []
  const overheads = []
  const unwatched = []
  for (let i = 0; i < RUNS; i++) {
    // min-watch: 0, the checks alone: what the idle watch (min-watch, default 6s) adds is the difference
    const quick = await runAction(workspace, '.', { 'stream-path': '/api/news/stream', 'min-watch': '0' })
    if (quick.outputs.verdict !== 'healthy') throw new Error(`fixed example: ${JSON.stringify(quick.outputs)}`)
    unwatched.push(quick.wallMs)
    const run = await runAction(workspace, '.', { 'stream-path': '/api/news/stream' })
    if (run.outputs.verdict !== 'healthy') throw new Error(`fixed example: ${JSON.stringify(run.outputs)}`)
    walls.push(run.verdictMs)
    steps.push(run.wallMs)
    // the breakdown is the checks' own: of the run without the idle watch
    const { result } = quick
    // the settle window: from each cycle's first probe after the disconnect to its last answer
    const settle = result.cycles.reduce((sum, c) => {
      const after = c.probes.filter(p => p.phase === 'after-abort')
      return after.length === 0 ? sum : sum + (after.at(-1).sentAtMs + after.at(-1).latencyMs - after[0].sentAtMs)
    }, 0)
    const toFirstEvents = result.cycles
      .flatMap(c => c.streams)
      .reduce((sum, s) => sum + (s.firstEventMs ?? s.openMs), 0)
    startups.push(result.timings.startupMs)
    watched.push(settle)
    overheads.push(quick.verdictMs - result.timings.startupMs - settle - toFirstEvents)
  }
  const step = median(steps)
  row(
    'healthy example, default inputs (min-watch 6s): start to verdict (whole step)',
    `${ms(median(walls))} (${ms(step)})`,
    'whole step ≤ 1.5 s + what min-watch adds',
    median(unwatched) <= 1500,
    RUNS
  )
  row(
    'healthy example, min-watch: 0: whole step',
    ms(median(unwatched)),
    'whole step ≤ 1.5 s',
    median(unwatched) <= 1500,
    RUNS
  )
  row("healthy example: the app's own start-up (FastAPI's import)", ms(median(startups)), '', '', RUNS)
  row('healthy example: watching after the 3 disconnects (settle windows)', ms(median(watched)), '', '', RUNS)
  row(
    'healthy example, min-watch: 0: the rest (start-up, settle and streams to first event taken out)',
    ms(median(overheads)),
    '',
    '',
    RUNS
  )
  // a runner without py-spy, as GitHub's: the install starts at the app's answer, here on a package
  // index that never answers; the step ends at its verdict all the same, and pip with it. Beside it,
  // the same app (the same interpreter, not the venv's) with py-spy on PATH
  const silentIndex = net.createServer(() => {})
  await new Promise(resolve => silentIndex.listen(0, '127.0.0.1', resolve))
  const lib = path.join(path.dirname(venvBin), 'lib')
  const sitePackages = path.join(
    lib,
    fs.readdirSync(lib).find(d => d.startsWith('python3')),
    'site-packages'
  )
  const withoutPySpy = process.env.PATH.split(path.delimiter).filter(dir => !fs.existsSync(path.join(dir, 'py-spy')))
  const pySpyOnly = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-py-spy-'))
  fs.symlinkSync(path.join(venvBin, 'py-spy'), path.join(pySpyOnly, 'py-spy'))
  const installing = []
  const installed = []
  for (let i = 0; i < RUNS; i++) {
    for (const onPath of [true, false]) {
      const run = await runAction(
        workspace,
        '.',
        { 'stream-path': '/api/news/stream', 'min-watch': '0' },
        {
          PATH: [...(onPath ? [pySpyOnly] : []), ...withoutPySpy].join(path.delimiter),
          PIP_NO_INDEX: '1',
          PIP_FIND_LINKS: `http://127.0.0.1:${silentIndex.address().port}/`,
          PIP_DEFAULT_TIMEOUT: '600',
          PIP_RETRIES: '0'
        },
        port => `PYTHONPATH=${sitePackages} python3 -m uvicorn app.main:app --host 127.0.0.1 --port ${port}`
      )
      if (run.outputs.verdict !== 'healthy') throw new Error(`fixed example: ${JSON.stringify(run.outputs)}`)
      ;(onPath ? installed : installing).push(run.wallMs)
    }
  }
  silentIndex.close()
  fs.rmSync(pySpyOnly, { recursive: true, force: true })
  row(
    'healthy example, min-watch: 0, no py-spy on the runner (its install still running at the verdict): whole step',
    ms(median(installing)),
    '',
    '',
    RUNS
  )
  row('… the same app with py-spy on PATH', ms(median(installed)), '', '', RUNS)
  fs.rmSync(workspace, { recursive: true, force: true })
}

// 3. the bundle's own start-up
if (section('startup')) {
  const firstLines = []
  const bare = []
  for (let i = 0; i < RUNS; i++) {
    const run = await runAction(root, 'examples/news-app', {
      'stream-path': '/api/news/stream',
      cycles: '1',
      'health-timeout': '1s'
    })
    firstLines.push(run.firstLineMs)
    const started = performance.now()
    await new Promise(resolve => spawn(process.execPath, ['-e', '0']).on('close', resolve))
    bare.push(performance.now() - started)
  }
  const startup = median(firstLines)
  const node = median(bare)
  // Node's own start is not ours to cut: the budget is 150 ms or 60 ms over it, whichever is larger
  const budget = Math.max(150, node + 60)
  row(
    'bundle start-up: spawn to its first line of work',
    ms(startup),
    `≤ max(150, node + 60) = ${ms(budget)}`,
    startup <= budget,
    RUNS
  )
  row('for reference: `node -e 0`', ms(node), '', '', RUNS)
  const size = fs.statSync(bundle).size
  row('dist/index.js size', `${(size / 1024 / 1024).toFixed(2)} MB`, '', '', 1)
}

// 4. scale: concurrent streams in one cycle, then cycles
if (section('scale')) {
  const patterns = 'test/fixtures/apps/patterns'
  for (const concurrency of [1, 10, 100, 500]) {
    const run = await runAction(root, patterns, {
      'stream-path': '/ticks/stream',
      cycles: '1',
      concurrency: String(concurrency),
      'health-timeout': '2s'
    })
    const streams = run.result?.cycles.flatMap(c => c.streams) ?? []
    const misreported =
      run.outputs.verdict !== 'healthy' ||
      streams.length !== concurrency ||
      streams.some(s => s.status !== 200 || s.events < 1 || s.end !== 'aborted-after-events') ||
      run.result.warnings.length > 0
    const ok = !misreported && (concurrency < 500 || run.peakKb <= 150 * 1024)
    row(
      `${concurrency} concurrent stream(s), 1 cycle: wall time / action peak RSS`,
      `${ms(run.wallMs)} / ${mb(run.peakKb)}${misreported ? ' (mis-reported)' : ''}`,
      concurrency === 500 ? 'no mis-report, ≤ 150 MB' : 'no mis-report',
      ok,
      1
    )
  }
  const perCycle = {}
  for (const cycles of [1, 10, 50]) {
    const costs = []
    for (let i = 0; i < 3; i++) {
      const run = await runAction(root, patterns, { 'stream-path': '/ticks/stream', cycles: String(cycles) })
      if (run.outputs.verdict !== 'healthy') throw new Error(`${cycles} cycles: ${JSON.stringify(run.outputs)}`)
      costs.push(run.verdictMs - run.result.timings.startupMs)
    }
    perCycle[cycles] = median(costs)
    row(`${cycles} cycle(s): start to verdict minus start-up`, ms(perCycle[cycles]), '', '', 3)
  }
  // linear or better: a cycle late in a long run costs no more than one early on (warm-up makes early ones dearer)
  const early = (perCycle[10] - perCycle[1]) / 9
  const late = (perCycle[50] - perCycle[10]) / 40
  row(
    'cost per cycle, cycles 1→10 vs 10→50',
    `${early.toFixed(1)} ms vs ${late.toFixed(1)} ms`,
    'linear: 10→50 ≤ 1.5 × 1→10',
    late <= early * 1.5,
    3
  )
}

// 5. stalls: the smallest the action reports with its culprit, and how soon after it ends the verdict is known
const PATTERNS = 'test/fixtures/apps/patterns'
const STALL_ROUTE = '/metrics-flush/stream'
const FLUSH_LINE =
  fs
    .readFileSync(path.join(root, PATTERNS, 'app/services/metrics.py'), 'utf8')
    .split('\n')
    .findIndex(line => line.includes('time.sleep(FLUSH_SECONDS)')) + 1

/** A one-cycle run on the route that flushes metrics for `seconds` at the disconnect. */
async function stallRun(seconds, inputs = {}) {
  return runAction(
    root,
    PATTERNS,
    { 'stream-path': STALL_ROUTE, cycles: '1', 'health-timeout': '2s', ...inputs },
    { METRICS_FLUSH_SECONDS: String(seconds) }
  )
}
const reported = run =>
  run.outputs.verdict === 'stalled' && run.outputs.culprit === `app/services/metrics.py:${FLUSH_LINE}`

if (section('stalls')) {
  const TRIES = 3
  for (const [threshold, durations] of [
    ['500ms', [0.35, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8]],
    ['100ms', [0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3]]
  ]) {
    let smallest
    let seen = ''
    for (const seconds of durations) {
      let hits = 0
      for (let i = 0; i < TRIES; i++) if (reported(await stallRun(seconds, { 'stall-threshold': threshold }))) hits++
      seen += `${seconds * 1000} ms: ${hits}/${TRIES}; `
      if (hits === TRIES) {
        smallest = seconds
        break
      }
    }
    row(
      `smallest stall reported with its culprit in ${TRIES} of ${TRIES} runs, stall-threshold ${threshold}`,
      smallest === undefined ? 'none in range' : ms(smallest * 1000),
      '',
      '',
      TRIES
    )
    row(
      `  (runs reporting it, by stall length, stall-threshold ${threshold})`,
      seen.trim().replace(/;$/, ''),
      '',
      '',
      TRIES
    )
  }
  const lags = []
  for (let i = 0; i < RUNS; i++) {
    const run = await stallRun(1.5)
    if (!reported(run)) throw new Error(`stall run: ${JSON.stringify(run.outputs)}`)
    const stall = run.result.stalls.at(-1)
    lags.push(run.result.timings.verdictAtMs - (stall.startMs + stall.durationMs))
  }
  row('a 1.5 s stall at the disconnect, one cycle: from its end to the verdict', ms(median(lags)), '', '', RUNS)
}

// 6. the heartbeat's cost to the app: 10 s of back-to-back probes on a healthy app
if (section('heartbeat')) {
  const run = await runAction(root, PATTERNS, {
    'stream-path': '/ticks/stream',
    cycles: '1',
    settle: '10s',
    'health-timeout': '2s'
  })
  const after = run.result.cycles[0].probes.filter(p => p.phase === 'after-abort')
  const latencies = after.map(p => p.latencyMs).sort((a, b) => a - b)
  const windowMs = after.at(-1).sentAtMs + after.at(-1).latencyMs - after[0].sentAtMs
  const p99 = latencies[Math.floor(latencies.length * 0.99)]
  const busy = latencies.reduce((a, b) => a + b, 0) / windowMs
  const clean = run.outputs.verdict === 'healthy' && run.result.stalls.length === 0 && latencies.at(-1) < 500
  row(
    'heartbeat for 10 s on a healthy app: probes a second',
    (after.length / (windowMs / 1000)).toFixed(1),
    '≤ 20',
    after.length / (windowMs / 1000) <= 20.5,
    1
  )
  row(
    'heartbeat: probe latency median / p99 / max',
    `${latencies[latencies.length >> 1].toFixed(1)} / ${p99.toFixed(1)} / ${latencies.at(-1).toFixed(1)} ms`,
    'no slow probe, no stall',
    clean,
    1
  )
  row('heartbeat: share of the window a probe was in flight', `${(busy * 100).toFixed(1)} %`, '', '', 1)
}

// 7. healthy controls under CPU load from other processes: never stalled, never hung
const LOAD_ONLY = process.env.BENCH_LOAD_ONLY
const SHAPES = 'test/fixtures/apps/stream-shapes'
if (section('load')) {
  const LOAD_RUNS = 20
  const spinners = os.cpus().map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }))
  try {
    const fixed = fixedExample()
    const controls = [
      ['the fixed example', fixed, '.', { 'stream-path': '/api/news/stream' }],
      ["sse-starlette's EventSourceResponse", root, 'test/fixtures/apps/edge-cases', { 'stream-path': '/sse' }],
      [
        'a health route that awaits 300 ms',
        root,
        PATTERNS,
        { 'stream-path': '/ticks/stream', 'health-path': '/slow-health' }
      ],
      // every probe of that route is past this threshold: each one is sampled and judged, under load
      [
        'the same, stall-threshold 200ms',
        root,
        PATTERNS,
        { 'stream-path': '/ticks/stream', 'health-path': '/slow-health', 'stall-threshold': '200ms' }
      ],
      [
        "the metrics flush in a thread (the stall fixture's twin)",
        root,
        PATTERNS,
        { 'stream-path': '/metrics-flush-fixed/stream' }
      ],
      // the twins of no silent pass, part two: other kinds of stream, a first event that awaits, background work
      ['NDJSON with the pool shut down without waiting', root, SHAPES, { 'stream-path': '/api/generate-fixed' }],
      ['a WebSocket with the pool shut down without waiting', root, SHAPES, { 'stream-path': 'WS /ws-fixed' }],
      ['a first event after 1.5 s of await', root, SHAPES, { 'stream-path': '/chat/slow-start' }],
      [
        'a background task that awaits its work (min-watch)',
        root,
        'test/fixtures/apps/background',
        { 'stream-path': '/rates/stream' },
        port => `uvicorn app.calm:app --host 127.0.0.1 --port ${port}`
      ]
    ]
    for (const [name, workspace, dir, inputs, startCommand] of controls.filter(
      ([name]) => !LOAD_ONLY || new RegExp(LOAD_ONLY).test(name)
    )) {
      const verdicts = {}
      let slow = 0
      for (let i = 0; i < LOAD_RUNS; i++) {
        const run = await runAction(workspace, dir, inputs, {}, startCommand)
        verdicts[run.outputs.verdict] = (verdicts[run.outputs.verdict] ?? 0) + 1
        slow +=
          run.result?.cycles.flatMap(c => c.probes).filter(p => p.latencyMs >= run.result.timings.stallThresholdMs)
            .length ?? 0
      }
      const bad = (verdicts.stalled ?? 0) + (verdicts.hung ?? 0)
      const figure = `${Object.entries(verdicts)
        .map(([v, n]) => `${n} ${v}`)
        .join(', ')}; ${slow} slow probe(s) judged`
      row(`under load on every core: ${name}`, figure, '0 stalled, 0 hung', bad === 0, LOAD_RUNS)
    }
    fs.rmSync(fixed, { recursive: true, force: true })
  } finally {
    for (const spinner of spinners) spinner.kill('SIGKILL')
  }
}

/** A FastAPI app with `n` healthy streaming routes (a StreamingResponse each, not in the OpenAPI document) and a JSON route. */
/** An app with n streaming routes; `declared` ones say text/event-stream in the OpenAPI document, the others are found by opening them. */
function appWithRoutes(n, { declared = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-routes-${n}-`))
  fs.mkdirSync(path.join(dir, 'app'))
  fs.writeFileSync(path.join(dir, 'app/__init__.py'), '')
  const responses = declared ? ', responses={200: {"content": {"text/event-stream": {}}}}' : ''
  const routes = Array.from(
    { length: n },
    (_, i) =>
      `@app.get("/stream/${String(i).padStart(2, '0')}"${responses})\nasync def stream_${i}():\n    return StreamingResponse(ticks(), media_type="text/event-stream")\n`
  )
  fs.writeFileSync(
    path.join(dir, 'app/main.py'),
    [
      'import asyncio',
      'from fastapi import FastAPI',
      'from fastapi.responses import StreamingResponse',
      'app = FastAPI()',
      '@app.get("/health")\nasync def health():\n    return {"ok": True}',
      '@app.get("/api/version")\nasync def version():\n    return {"v": 1}',
      'async def ticks():\n    for i in range(10_000):\n        yield f"data: {i}\\n\\n"\n        await asyncio.sleep(0.05)',
      ...routes
    ].join('\n\n')
  )
  return dir
}

const checkedRoutes = run => JSON.parse(run.outputs.routes).filter(r => r.verdict !== 'not-checked')

// 8. routes: what discovery costs per route it opens, and what each route checked costs (cycles: 1), for 1, 20 and 60
if (section('routes')) {
  const ROUTE_RUNS = Math.min(RUNS, 3)
  const once = { 'health-timeout': '2s', cycles: '1', 'min-watch': '0' }
  const body = run => run.verdictMs - run.result.timings.startupMs
  for (const n of [1, 20, 60]) {
    const dir = appWithRoutes(n)
    const found = []
    const given = []
    let checked = 0
    let sniffed = 0
    for (let i = 0; i < ROUTE_RUNS; i++) {
      const auto = await runAction(dir, '.', once)
      const routes = checkedRoutes(auto)
      if (auto.outputs.verdict !== 'healthy') throw new Error(`${n} routes, discovery: ${JSON.stringify(auto.outputs)}`)
      checked = routes.length
      sniffed = auto.result.discovery.sniffed
      found.push(body(auto))
      // the same routes, named: what is left is discovery's own cost
      const named = routes.map(r => r.path).join('\n')
      const listed = await runAction(dir, '.', { ...once, 'stream-path': named })
      if (listed.outputs.verdict !== 'healthy') throw new Error(`${n} named routes: ${JSON.stringify(listed.outputs)}`)
      given.push(body(listed))
    }
    row(
      `${n} streaming route(s) found by opening them: ${sniffed} opened, ${checked} checked (max-routes 20): start to verdict minus start-up`,
      ms(median(found)),
      '',
      '',
      ROUTE_RUNS
    )
    row(`… per route opened (discovery's own cost)`, ms((median(found) - median(given)) / sniffed), '', '', ROUTE_RUNS)
    row(`… per route checked (one cycle, named)`, ms(median(given) / checked), '', '', ROUTE_RUNS)
    if (n === 60) {
      // a share opens only its own routes, and max-routes applies per share
      const share = await runAction(dir, '.', { ...once, shard: '1/3' })
      const routes = checkedRoutes(share)
      if (share.result.discovery.sniffed !== 20 || routes.length !== 20)
        throw new Error(`shard 1/3 of 60: ${share.result.discovery.sniffed} opened, ${routes.length} checked`)
      row('60 routes, shard 1/3: 20 opened, 20 checked: start to verdict minus start-up', ms(body(share)), '', '', 1)
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
  // declared streams fill max-routes: nothing else is opened
  const declaredDir = appWithRoutes(60, { declared: true })
  const declared = await runAction(declaredDir, '.', once)
  if (declared.result.discovery.sniffed !== 0 || checkedRoutes(declared).length !== 20)
    throw new Error(`60 declared: ${declared.result.discovery.sniffed} opened`)
  row(
    '60 declared streaming routes: 0 opened, 20 checked: start to verdict minus start-up',
    ms(body(declared)),
    '',
    '',
    1
  )
  fs.rmSync(declaredDir, { recursive: true, force: true })
}

// 9. verify-fix: what trying the fix adds to a hung run
if (section('verify')) {
  const tried = []
  const not = []
  for (let i = 0; i < RUNS; i++) {
    const on = await runAction(root, 'examples/news-app', { 'stream-path': '/api/news/stream', 'health-timeout': '2s' })
    if (on.result?.fix?.verification?.verdict !== 'healthy')
      throw new Error(`verify-fix: ${JSON.stringify(on.result?.fix?.verification)}`)
    tried.push(on.wallMs)
    const off = await runAction(root, 'examples/news-app', {
      'stream-path': '/api/news/stream',
      'health-timeout': '2s',
      'verify-fix': 'never'
    })
    not.push(off.wallMs)
  }
  row(
    'hung example, 2 s timeout: whole step with verify-fix / without',
    `${ms(median(tried))} / ${ms(median(not))}`,
    '',
    '',
    RUNS
  )
  row('verify-fix: what trying the fix adds to a hung run', ms(median(tried) - median(not)), '', '', RUNS)
}

// 10. a WebSocket route's cycle: the cost of one more cycle on a healthy WebSocket route (normal and abrupt closes)
if (section('websocket')) {
  const appDir = 'test/fixtures/apps/stream-shapes'
  const verdicts = { 1: [], 10: [] }
  for (let i = 0; i < RUNS; i++) {
    for (const cycles of [1, 10]) {
      const run = await runAction(root, appDir, {
        'stream-path': 'WS /ws-fixed',
        cycles: String(cycles),
        'min-watch': '0'
      })
      if (run.outputs.verdict !== 'healthy') throw new Error(`WS /ws-fixed: ${JSON.stringify(run.outputs)}`)
      verdicts[cycles].push(run.verdictMs - run.result.timings.startupMs)
    }
  }
  const perCycle = (median(verdicts[10]) - median(verdicts[1])) / 9
  row('WebSocket route (WS /ws-fixed), 1 cycle: start to verdict minus start-up', ms(median(verdicts[1])), '', '', RUNS)
  row('WebSocket route: each further cycle (1 → 10)', ms(perCycle), '', '', RUNS)
}

const cpus = os.cpus().length
console.log(
  `\nbackend-hang-debug benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus}-core ${os.platform()}, Node ${process.version}\n`
)
console.log('| measure | figure | target | met | runs |')
console.log('|---|---:|---|---|---:|')
for (const r of rows)
  console.log(`| ${r.what} | ${r.figure} | ${r.target} | ${r.met === '' ? '' : r.met ? 'yes' : '**no**'} | ${r.runs} |`)
