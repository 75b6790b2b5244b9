// Runs a helper program (py-spy, pip, sudo) with a hard timeout. Any of them
// can hang (py-spy on a wedged target, pip on an unreachable index), and the
// action must never hang with them.

import { execFile } from 'node:child_process'

export interface CommandResult {
  /** exit code; null when killed or not started */
  code: number | null
  stdout: string
  stderr: string
  timedOut: boolean
  /** set when the program could not be started (e.g. ENOENT) */
  startError?: string
  ms: number
}

export function runCommand(
  file: string,
  args: string[],
  options: { timeoutMs: number; cwd?: string; env?: NodeJS.ProcessEnv }
): Promise<CommandResult> {
  const started = performance.now()
  return new Promise(resolve => {
    execFile(
      file,
      args,
      {
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
        cwd: options.cwd,
        env: options.env
      },
      (error, stdout, stderr) => {
        const ms = performance.now() - started
        if (!error) {
          resolve({ code: 0, stdout, stderr, timedOut: false, ms })
          return
        }
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string }
        if (typeof failure.code === 'string') {
          resolve({ code: null, stdout, stderr, timedOut: false, startError: failure.code, ms })
          return
        }
        const timedOut = failure.killed === true && ms >= options.timeoutMs - 5
        resolve({ code: typeof failure.code === 'number' ? failure.code : null, stdout, stderr, timedOut, ms })
      }
    )
  })
}

/** The first line of a program's error output, for messages. */
export function firstErrorLine(result: CommandResult): string {
  if (result.startError) return result.startError
  if (result.timedOut) return `no answer within ${Math.round(result.ms)} ms`
  const line = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .map(l => l.trim())
    .find(l => l !== '')
  return line ?? `exit code ${result.code}`
}
