// Creates (once) the Python virtualenv that the tests and the demo run apps
// from: .venv at the repository root, with the test requirements and the
// example app's. It is rebuilt only when a requirements file changes.
//
// Usage: node scripts/python-env.mjs   (prints the venv's bin directory)

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const venvDir = path.join(root, '.venv')
export const venvBin = path.join(venvDir, 'bin')
const requirementFiles = [
  path.join(root, 'test/requirements.txt'),
  path.join(root, 'examples/news-app/requirements.txt')
]
const stampFile = path.join(venvDir, '.requirements.sha256')

function requirementsHash() {
  const hash = createHash('sha256')
  for (const file of requirementFiles) hash.update(fs.readFileSync(file))
  return hash.digest('hex')
}

function findPython() {
  for (const candidate of [process.env.PYTHON, 'python3', 'python'].filter(Boolean)) {
    try {
      const version = execFileSync(candidate, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
        encoding: 'utf8'
      }).trim()
      const [major, minor] = version.split('.').map(Number)
      if (major === 3 && minor >= 9) return candidate
      console.error(`${candidate} is Python ${version}; Python 3.9 or newer is needed`)
    } catch {
      // not installed under that name
    }
  }
  throw new Error('Python 3.9 or newer was not found (set PYTHON to its path)')
}

export function ensurePythonEnv({ quiet = false } = {}) {
  const wanted = requirementsHash()
  const python = path.join(venvBin, 'python')
  if (fs.existsSync(python) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === wanted) return venvBin
  const log = quiet ? () => {} : message => console.error(message)
  log(`Creating the Python environment in ${venvDir} ...`)
  fs.rmSync(venvDir, { recursive: true, force: true })
  try {
    execFileSync(findPython(), ['-m', 'venv', venvDir], { stdio: 'inherit' })
  } catch {
    throw new Error(
      'Creating the virtualenv failed. On Debian and Ubuntu the venv module is a separate package: apt install python3-venv'
    )
  }
  const args = [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    '--quiet',
    ...requirementFiles.flatMap(f => ['-r', f])
  ]
  execFileSync(python, args, { stdio: ['ignore', 'inherit', 'inherit'] })
  fs.writeFileSync(stampFile, wanted)
  log('Python environment ready.')
  return venvBin
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(ensurePythonEnv())
}
