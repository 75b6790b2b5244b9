// Re-records test/fixtures/dumps/<pattern>.json from live runs: runs the
// bundled action on each case of test/fixtures/apps/patterns/cases.json and
// keeps the stacks it saved, with this machine's paths replaced by a
// runner-like checkout so that the fixtures do not depend on where they were
// recorded. Usage: node scripts/record-dumps.mjs [pattern ...]

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
const wanted = process.argv.slice(2)

const venvBin = ensurePythonEnv()
const python = path.join(venvBin, 'python')
const versions = execFileSync(
  python,
  ['-c', 'import sys, importlib.metadata as m; print("CPython %s, uvicorn %s, FastAPI %s, Starlette %s" % (sys.version.split()[0], m.version("uvicorn"), m.version("fastapi"), m.version("starlette")))'],
  { encoding: 'utf8' }
).trim()

for (const c of cases.filter(c => wanted.length === 0 || wanted.includes(c.pattern))) {
  const { outputs } = await runBundle({
    workspace: root,
    workingDirectory: path.relative(root, appDir),
    venvBin,
    uvicornArgs: '--loop asyncio',
    inputs: { 'stream-path': c.streamPath, 'health-timeout': '1s', ...c.inputs }
  })
  if (outputs.pattern !== c.pattern || !outputs['dump-path']) {
    console.error(`${c.pattern}: the run gave pattern ${outputs.pattern || '(none)'}; not recorded`)
    process.exitCode = 1
    continue
  }
  const pySpy = fs.readFileSync(outputs['dump-path'], 'utf8')
  const evidence = JSON.parse(pySpy.replaceAll(appDir, recordedRoot).replaceAll(path.join(root, '.venv'), `${recordedRoot}/.venv`))
  const recorded = {
    description: `${c.pattern}: ${c.streamPath} of test/fixtures/apps/patterns, ${c.phase === 'during-stream' ? 'blocked while the stream was open' : 'blocked when the client disconnected'}`,
    recorded: `${evidence.method.split(' (')[0]} on ${versions}`,
    appRoot: recordedRoot,
    ...evidence
  }
  const file = path.join(root, 'test/fixtures/dumps', `${c.pattern}.json`)
  fs.writeFileSync(file, JSON.stringify(recorded, null, 1) + '\n')
  console.log(`${c.pattern}: ${recorded.samples.length} samples → ${path.relative(root, file)}`)
}
