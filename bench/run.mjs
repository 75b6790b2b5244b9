// `npm run bench`: the cost of the bundled action (dist/, as committed; it
// builds nothing) on this machine, against its targets. Prints a Markdown
// table; every figure is the median of the runs noted next to it.
//
//   node bench/run.mjs [--runs N]

import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
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
  fs.copyFileSync(path.join(root, 'test/fixtures/news-app-fixed/stream.py'), path.join(workspace, 'app/api/routes/stream.py'))
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

/**
 * Runs the bundle as the runner does and times, from the spawn: its first
 * line of output and the line that states the verdict.
 */
async function runAction(workspace, workingDirectory, inputs) {
  let firstLineMs
  let verdictMs
  let peakKb = 0
  let sampler
  const run = await runBundle({
    workspace,
    workingDirectory,
    venvBin,
    inputs,
    onSpawn: child => (sampler = setInterval(() => (peakKb = Math.max(peakKb, peakRssKb(child.pid))), 10)),
    onLine: (line, ms) => {
      firstLineMs ??= ms
      // the engine's line at the moment of the verdict, before it stops the app and writes the report
      if (line.startsWith('Reached the verdict')) verdictMs ??= ms
    }
  })
  clearInterval(sampler)
  const result = run.outputs['result-path'] ? JSON.parse(fs.readFileSync(run.outputs['result-path'], 'utf8')) : undefined
  fs.rmSync(run.dir, { recursive: true, force: true })
  return { code: run.code, firstLineMs, verdictMs, wallMs: run.wallMs, peakKb, outputs: run.outputs, result }
}

async function runRecipe(appDir, streamPath, timeoutS) {
  const port = await freePort()
  const started = performance.now()
  const child = spawn('bash', [path.join(root, 'bench/manual-recipe.sh'), appDir, String(port), streamPath, String(timeoutS)], {
    env: { ...process.env, PATH },
    stdio: ['ignore', 'pipe', 'ignore']
  })
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

// 1. hung example: overhead above the floor, and the ratio against the manual recipe
for (const timeoutS of HUNG_TIMEOUTS_S) {
  const overheads = []
  const actionMs = []
  const stepMs = []
  const recipeMs = []
  for (let i = 0; i < RUNS; i++) {
    const run = await runAction(root, 'examples/news-app', { 'stream-path': '/api/news/stream', 'health-timeout': `${timeoutS}s` })
    if (run.outputs.verdict !== 'hung' || run.outputs.pattern !== 'executor-shutdown-wait') throw new Error(`hung example: ${JSON.stringify(run.outputs)}`)
    actionMs.push(run.verdictMs)
    stepMs.push(run.wallMs)
    overheads.push(run.verdictMs - run.result.timings.startupMs - timeoutS * 1000)
    const recipe = await runRecipe(path.join(root, 'examples/news-app'), '/api/news/stream', timeoutS)
    if (recipe.verdict !== 'hung') throw new Error(`the manual recipe said ${recipe.verdict}`)
    recipeMs.push(recipe.verdictMs)
  }
  const overhead = median(overheads)
  const ratio = median(actionMs) / median(recipeMs)
  const t = `${timeoutS} s timeout`
  row(`hung example, ${t}: start to verdict (whole step)`, `${ms(median(actionMs))} (${ms(median(stepMs))})`, '', '', RUNS)
  row(`hung example, ${t}: overhead (minus app start-up, minus the timeout)`, ms(overhead), '≤ 300 ms', overhead <= 300, RUNS)
  row(`manual recipe (bench/manual-recipe.sh), ${t}: start to verdict`, ms(median(recipeMs)), '', '', RUNS)
  row(`ratio action / manual recipe, ${t}`, ratio.toFixed(2), '≤ 0.85', ratio <= 0.85, RUNS)
}

// 2. healthy (fixed) example, default 3 cycles: overhead above what the probes and streams take
{
  const workspace = fixedExample()
  const walls = []
  const overheads = []
  for (let i = 0; i < RUNS; i++) {
    const run = await runAction(workspace, '.', { 'stream-path': '/api/news/stream' })
    if (run.outputs.verdict !== 'healthy') throw new Error(`fixed example: ${JSON.stringify(run.outputs)}`)
    const { result } = run
    const probes = [...result.baseline, ...result.cycles.flatMap(c => c.probes)]
    const unavoidable =
      result.timings.startupMs +
      probes.reduce((sum, p) => sum + p.latencyMs, 0) +
      result.cycles.flatMap(c => c.streams).reduce((sum, s) => sum + (s.firstEventMs ?? s.openMs), 0)
    walls.push(run.verdictMs)
    overheads.push(run.verdictMs - unavoidable)
  }
  row('healthy example, 3 cycles: start to verdict', ms(median(walls)), '', '', RUNS)
  row('healthy example: overhead (minus start-up, probes, streams to first event)', ms(median(overheads)), '', '', RUNS)
  fs.rmSync(workspace, { recursive: true, force: true })
}

// 3. the bundle's own start-up
{
  const firstLines = []
  const bare = []
  for (let i = 0; i < RUNS; i++) {
    const run = await runAction(root, 'examples/news-app', { 'stream-path': '/api/news/stream', cycles: '1', 'health-timeout': '1s' })
    firstLines.push(run.firstLineMs)
    const started = performance.now()
    await new Promise(resolve => spawn(process.execPath, ['-e', '0']).on('close', resolve))
    bare.push(performance.now() - started)
  }
  const startup = median(firstLines)
  row('bundle start-up: spawn to its first line of work', ms(startup), '≤ 150 ms', startup <= 150, RUNS)
  row('for reference: `node -e 0`', ms(median(bare)), '', '', RUNS)
  const size = fs.statSync(bundle).size
  row('dist/index.js size', `${(size / 1024 / 1024).toFixed(2)} MB`, '', '', 1)
}

// 4. scale: concurrent streams in one cycle, then cycles
{
  const patterns = 'test/fixtures/apps/patterns'
  for (const concurrency of [1, 10, 100, 500]) {
    const run = await runAction(root, patterns, { 'stream-path': '/ticks/stream', cycles: '1', concurrency: String(concurrency), 'health-timeout': '2s' })
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
  row('cost per cycle, cycles 1→10 vs 10→50', `${early.toFixed(1)} ms vs ${late.toFixed(1)} ms`, 'linear: 10→50 ≤ 1.5 × 1→10', late <= early * 1.5, 3)
}

const cpus = os.cpus().length
console.log(`\nbackend-hang-debug benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus}-core ${os.platform()}, Node ${process.version}\n`)
console.log('| measure | figure | target | met | runs |')
console.log('|---|---:|---|---|---:|')
for (const r of rows) console.log(`| ${r.what} | ${r.figure} | ${r.target} | ${r.met === '' ? '' : r.met ? 'yes' : '**no**'} | ${r.runs} |`)
