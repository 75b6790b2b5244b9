// Runs once before the suite: the Python environment the fixture apps run
// in, and a bundle that matches the sources (the end-to-end tests run dist/).

import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { ensurePythonEnv } from '../../scripts/python-env.mjs'
import { bundlePath, repoRoot } from './paths.js'

function newestSourceMs(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

export default function setup(): void {
  ensurePythonEnv()
  const bundleMs = fs.existsSync(bundlePath) ? fs.statSync(bundlePath).mtimeMs : 0
  if (bundleMs < newestSourceMs(path.join(repoRoot, 'src'))) {
    console.error('dist/ is older than src/: rebuilding the bundle')
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] })
  }
}
