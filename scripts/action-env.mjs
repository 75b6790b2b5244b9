// The environment the Actions runner gives a JavaScript action: each input as
// INPUT_<NAME> with action.yml's default where the workflow sets none. Used by
// the demo and the end-to-end tests to run dist/ exactly as the runner does.

import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The inputs' defaults from action.yml; expression defaults such as `${{ github.token }}` are left out. */
export function actionDefaults() {
  const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8'))
  const defaults = {}
  for (const [name, input] of Object.entries(action.inputs)) {
    if (input.default !== undefined && !String(input.default).includes('${{')) defaults[name] = String(input.default)
  }
  return defaults
}

/** INPUT_* variables for the given inputs on top of the defaults, named as the runner names them. */
export function inputEnvironment(inputs) {
  const env = {}
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  return env
}

/** Ports are handed out below Linux's ephemeral range (32768–60999), where the kernel never picks one on its own. */
const PORT_BASE = 20_000
const PORTS_PER_WORKER = 500
let portCursor = 0

function canListen(port) {
  return new Promise(resolve => {
    const server = net.createServer().once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, from a range of
 * its own for each test worker (VITEST_POOL_ID), handed out in turn: files
 * that run in parallel, and concurrent tests in one file, never get the same
 * port, as they could when each asked the kernel for a free one and closed it.
 */
export async function freePort() {
  const worker = Number(process.env.VITEST_POOL_ID ?? 0) % 20
  const base = PORT_BASE + worker * PORTS_PER_WORKER
  for (let tries = 0; tries < PORTS_PER_WORKER; tries++) {
    const port = base + (portCursor++ % PORTS_PER_WORKER)
    if (await canListen(port)) return port
  }
  throw new Error(`no free port in ${base}–${base + PORTS_PER_WORKER - 1}`)
}

/** The outputs an action wrote to its GITHUB_OUTPUT file (`name<<delimiter` blocks). */
export function readOutputs(file) {
  return Object.fromEntries(
    [...fs.readFileSync(file, 'utf8').matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)].map(m => [m[1], m[3]])
  )
}

/**
 * Runs the bundled action as the runner does (inputs as INPUT_*, with
 * GITHUB_OUTPUT and RUNNER_TEMP) on an app started with uvicorn on a free
 * port (or with `startCommand(port)`), with `env` added to the step's (and
 * so the app's) environment. `onLine(line, ms)` gets each line of its output with the time since the
 * spawn; `onSpawn(child)` the process. Resolves once it has ended, with its
 * outputs and its RUNNER_TEMP directory (the caller removes it).
 */
export async function runBundle({
  workspace,
  workingDirectory,
  venvBin,
  uvicornArgs = '',
  startCommand,
  inputs = {},
  env: extraEnv = {},
  onLine,
  onSpawn
}) {
  const port = await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-run-'))
  const output = path.join(dir, 'output')
  fs.writeFileSync(output, '')
  const env = {
    ...process.env,
    PATH: `${venvBin}${path.delimiter}${process.env.PATH}`,
    GITHUB_OUTPUT: output,
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: workspace,
    ...extraEnv,
    ...inputEnvironment({
      'working-directory': workingDirectory,
      'start-command': startCommand
        ? startCommand(port)
        : `uvicorn app.main:app --host 127.0.0.1 --port ${port} ${uvicornArgs}`.trim(),
      'base-url': `http://127.0.0.1:${port}`,
      comment: 'never',
      ...inputs
    })
  }
  const started = performance.now()
  const child = spawn(process.execPath, [path.join(root, 'dist/index.js')], {
    env,
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'ignore']
  })
  onSpawn?.(child)
  let pending = ''
  child.stdout.setEncoding('utf8').on('data', chunk => {
    const lines = (pending + chunk).split('\n')
    pending = lines.pop()
    for (const line of lines) onLine?.(line, performance.now() - started)
  })
  const code = await new Promise(resolve => child.on('close', resolve))
  return { code, outputs: readOutputs(output), dir, wallMs: performance.now() - started }
}
