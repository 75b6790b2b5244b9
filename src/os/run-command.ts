// Runs a helper program (py-spy, pip, sudo) with a hard timeout. Any of them
// can hang (py-spy on a wedged target, pip on an unreachable index), and the
// action must never hang with them, nor wait for one it no longer needs.

import { spawn } from 'node:child_process'
import { sendSignal } from './process-table.js'

export interface CommandResult {
  /** exit code; null when killed or not started */
  code: number | null
  stdout: string
  stderr: string
  timedOut: boolean
  /** the caller's signal stopped it: its result is not wanted */
  stopped?: true
  /** set when the program could not be started (e.g. ENOENT) */
  startError?: string
  ms: number
}

export interface CommandOptions {
  timeoutMs: number
  cwd?: string
  env?: NodeJS.ProcessEnv
  /**
   * Stops the program and everything it started (it runs in a process group
   * of its own) once the caller needs it no more: a py-spy install still
   * running when the run is over. Such a program is also killed if the
   * action exits first (cancelled, or past its time bound).
   */
  signal?: AbortSignal
}

/** Groups started with a signal and still running: none may outlive the action. */
const runningGroups = new Set<number>()
let killedAtExit = false

function killGroup(pid: number): void {
  sendSignal(-pid, 'SIGKILL')
}

export function runCommand(file: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  const started = performance.now()
  const { signal } = options
  if (signal?.aborted)
    return Promise.resolve({ code: null, stdout: '', stderr: '', timedOut: false, stopped: true, ms: 0 })
  return new Promise(resolve => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // a stoppable program gets a group of its own, so that what it started goes with it
      detached: signal !== undefined
    })
    const stdout: string[] = []
    const stderr: string[] = []
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk))
    let timedOut = false
    let stopped = false
    const kill = (): void => {
      if (child.pid === undefined) return
      if (signal) killGroup(child.pid)
      else child.kill('SIGKILL')
    }
    const timer = setTimeout(() => {
      timedOut = true
      kill()
    }, options.timeoutMs)
    const stop = (): void => {
      stopped = true
      kill()
    }
    signal?.addEventListener('abort', stop, { once: true })
    if (signal && child.pid !== undefined) {
      runningGroups.add(child.pid)
      if (!killedAtExit) {
        killedAtExit = true
        process.on('exit', () => runningGroups.forEach(killGroup))
      }
    }
    const settle = (result: Omit<CommandResult, 'stdout' | 'stderr' | 'ms'>): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', stop)
      if (child.pid !== undefined) runningGroups.delete(child.pid)
      const ms = performance.now() - started
      resolve({ ...result, stdout: stdout.join(''), stderr: stderr.join(''), ms })
    }
    child.once('error', (error: NodeJS.ErrnoException) =>
      settle({ code: null, timedOut: false, startError: error.code ?? error.message })
    )
    // 'close' waits for the output to end, also when a grandchild still holds it (until the kill)
    child.once('close', code =>
      settle({ code, timedOut: timedOut && !stopped, ...(stopped && !timedOut ? { stopped: true as const } : {}) })
    )
  })
}

/** The first line of a program's error output, for messages. */
export function firstErrorLine(result: CommandResult): string {
  if (result.startError) return result.startError
  if (result.stopped) return 'stopped: no longer needed'
  if (result.timedOut) return `no answer within ${Math.round(result.ms)} ms`
  const line = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .map(l => l.trim())
    .find(l => l !== '')
  return line ?? `exit code ${result.code}`
}
