// Runs a program to its end and keeps what it printed: for the tests that
// run npm, git, bash or an installed binary as a person would.

import { execFile } from 'node:child_process'

export interface ProgramRun {
  code: number
  stdout: string
  stderr: string
}

export function runProgram(
  file: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> }
): Promise<ProgramRun> {
  return new Promise(resolve => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: 'utf8', maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
      }
    )
  })
}
