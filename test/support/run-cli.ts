// Runs the bundled command line (dist/cli.js) as a developer would, with the
// test virtualenv first on PATH.

import { spawn } from 'node:child_process'
import * as path from 'node:path'
import { repoRoot, venvBin } from './paths.js'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli.js'), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, PATH: `${venvBin}${path.delimiter}${process.env.PATH ?? ''}`, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise(resolve => child.on('close', code => resolve({ code, stdout, stderr })))
}
