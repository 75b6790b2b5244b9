// `npm run demo`: runs the bundled action on examples/news-app exactly as the
// runner would, then prints the diagnosis. Creates the Python environment on
// first use. The example hangs on purpose; the demo exits 0 when the action
// produced a verdict.

import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as readline from 'node:readline'
import { fileURLToPath } from 'node:url'
import { freePort, inputEnvironment, readOutputs } from './action-env.mjs'
import { ensurePythonEnv } from './python-env.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Shows the action's log the way the runner's log view would: workflow commands become plain lines. */
function showLogLine(line, state) {
  if (line.startsWith('::group::')) state.inGroup = true
  else if (line.startsWith('::endgroup::')) state.inGroup = false
  else if (state.inGroup || /^::(debug|add-mask|save-state|set-output)/.test(line)) return
  else if (line.startsWith('::')) {
    const match = /^::(error|warning|notice)[^:]*::(.*)$/.exec(line)
    if (match) console.log(`${match[1]}: ${match[2].replaceAll('%0A', '\n').replaceAll('%25', '%')}`)
  } else console.log(line)
}

const venvBin = ensurePythonEnv()
const port = await freePort()
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-hang-debug-demo-'))
const files = { GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_STATE: path.join(dir, 'state') }
for (const file of Object.values(files)) fs.writeFileSync(file, '')

const env = {
  ...process.env,
  ...files,
  PATH: `${venvBin}${path.delimiter}${process.env.PATH}`,
  RUNNER_TEMP: dir,
  GITHUB_WORKSPACE: root,
  ...inputEnvironment({
    'working-directory': 'examples/news-app',
    'start-command': `uvicorn app.main:app --host 127.0.0.1 --port ${port}`,
    'base-url': `http://127.0.0.1:${port}`,
    'stream-path': '/api/news/stream',
    'health-timeout': '2s',
    comment: 'never'
  })
}

console.log('Running the action on examples/news-app (it has the classic executor-shutdown hang)...\n')
const child = spawn(process.execPath, [path.join(root, 'dist/index.js')], { env, cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
const state = { inGroup: false }
readline.createInterface({ input: child.stdout }).on('line', line => showLogLine(line, state))
const code = await new Promise(resolve => child.on('close', resolve))

const outputs = readOutputs(files.GITHUB_OUTPUT)
if (!outputs['report-path']) {
  console.error(`\nThe action ended (exit code ${code}) without a report.`)
  process.exit(1)
}
console.log(`\n${'─'.repeat(72)}\nReport (${outputs['report-path']}):\n`)
console.log(fs.readFileSync(outputs['report-path'], 'utf8'))
console.log(`${'─'.repeat(72)}\nOutputs: ${JSON.stringify(outputs, null, 2)}`)
