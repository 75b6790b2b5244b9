// Fails when dist/ is not what a fresh build of src/ produces. ncc builds are
// byte-identical, so any difference means someone forgot `npm run build`.
// Like actions/typescript-action's check-dist: build in place, then ask git.

import { execFileSync } from 'node:child_process'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
const changed = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { cwd: root, encoding: 'utf8' }).trim()
if (changed !== '') {
  console.error(`dist/ does not match a fresh build of src/:\n${changed}\nRun \`npm run build\` and commit dist/.`)
  console.error(execFileSync('git', ['diff', '--stat', '--', 'dist'], { cwd: root, encoding: 'utf8' }))
  process.exit(1)
}
console.log('dist/ matches a fresh build of src/')
