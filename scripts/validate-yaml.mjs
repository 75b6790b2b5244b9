// Checks action.yml and every workflow against GitHub's schemas with
// action-validator, which runs offline.
//
// The schema bundled in @action-validator 0.6 predates the node24 runtime, so
// action.yml is checked as a copy whose `using: node24` reads `node20`;
// everything else in it is checked as written. A separate check below makes
// sure the runtime really is node24.

import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const validator = path.join(root, 'node_modules/.bin/action-validator')

function validate(file, label = path.relative(root, file)) {
  try {
    execFileSync(validator, [file], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
    console.log(`ok   ${label}`)
    return true
  } catch (error) {
    console.error(`FAIL ${label}\n${error.stdout ?? ''}${error.stderr ?? ''}`)
    return false
  }
}

let ok = true
const action = fs.readFileSync(path.join(root, 'action.yml'), 'utf8')
if (!/^\s+using:\s*node24\s*$/m.test(action)) {
  console.error('FAIL action.yml: runs.using must be node24, the runtime GitHub runs actions on')
  ok = false
}
const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'action-yml-'))
const copy = path.join(copyDir, 'action.yml')
fs.writeFileSync(copy, action.replace(/^(\s+using:\s*)node24\s*$/m, '$1node20'))
ok = validate(copy, 'action.yml (runs.using checked above)') && ok

const workflows = path.join(root, '.github/workflows')
for (const name of fs
  .readdirSync(workflows)
  .filter(n => /\.ya?ml$/.test(n))
  .sort()) {
  const file = path.join(workflows, name)
  ok = validate(file) && ok
  ok = checkPins(file) && ok
}

// A tag can be moved to other code; a commit SHA cannot. Every action from
// another repository is pinned by its full SHA, with the version it is in a
// comment (which Dependabot keeps up to date with the SHA).
function checkPins(file) {
  const loose = []
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const uses = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line)
      if (!uses || uses[1].startsWith('./')) return
      const pinned = /^[^@]+@[0-9a-f]{40}$/.test(uses[1]) && /^\s+# v\d/.test(uses[2])
      if (!pinned) loose.push(`${path.relative(root, file)}:${index + 1}: ${line.trim()}`)
    })
  for (const where of loose)
    console.error(
      `FAIL ${where}\n     pin the action by its full commit SHA, its version in a comment: uses: owner/repo@<40 hex digits> # vX.Y.Z`
    )
  return loose.length === 0
}

process.exit(ok ? 0 : 1)
