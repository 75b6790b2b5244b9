// `npm run demo`: the command line (dist/cli.js) on examples/news-app, which
// has the classic executor-shutdown hang. Creates the Python environment on
// first use. The example hangs on purpose, so the demo passes
// --fail-on-hang false and exits 0 once it has a verdict.

import { spawn } from 'node:child_process'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './action-env.mjs'
import { ensurePythonEnv } from './python-env.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const venvBin = ensurePythonEnv()
const port = await freePort()
const args = [
  path.join(root, 'dist/cli.js'),
  '--stream-path',
  '/api/news/stream',
  '--base-url',
  `http://127.0.0.1:${port}`,
  '--health-timeout',
  '2s',
  '--fail-on-hang',
  'false',
  '--',
  'uvicorn',
  'app.main:app',
  '--host',
  '127.0.0.1',
  '--port',
  String(port)
]
console.error(`$ backend-hang-debug ${args.slice(1).join(' ')}\n`)
const child = spawn(process.execPath, args, {
  cwd: path.join(root, 'examples/news-app'),
  env: { ...process.env, PATH: `${venvBin}${path.delimiter}${process.env.PATH}` },
  stdio: 'inherit'
})
process.exitCode = await new Promise(resolve => child.on('close', code => resolve(code ?? 1)))
