// Starts the app in its own process group with its output in a log file, and
// stops it and everything it spawned: SIGTERM first, SIGKILL after a grace,
// since a hung app's loop cannot run its shutdown handlers.

import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import { setTimeout as delay } from 'node:timers/promises'
import type { AppExit } from '../core/model.js'
import {
  isAlive,
  isZombie,
  listProcesses,
  processesWithEnv,
  processTree,
  sendSignal,
  type ProcessInfo
} from './process-table.js'

/** The name of the environment variable that marks every process of one run. */
export const RUN_MARKER_VARIABLE = 'BACKEND_HANG_DEBUG_RUN'

/** What identifies the app's processes, also after a restart of the action (the post step). */
export interface AppIdentity {
  /** pid of the shell that runs start-command; also its process group id */
  pid: number
  /** value of RUN_MARKER_VARIABLE in the app's environment */
  marker: string
}

export interface StartOptions {
  command: string
  cwd: string
  env: NodeJS.ProcessEnv
  logPath: string
  marker: string
}

export interface AppProcess extends AppIdentity {
  logPath: string
  /** resolves when the shell that runs start-command exits */
  exited: Promise<AppExit>
  /** set once the shell has exited */
  exit?: AppExit
}

export class AppStartError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AppStartError'
  }
}

export function startApp(options: StartOptions): AppProcess {
  const logFd = fs.openSync(options.logPath, 'a')
  let child
  try {
    child = spawn('/bin/sh', ['-c', options.command], {
      cwd: options.cwd,
      env: {
        // Python buffers stdout when it is not a terminal; without this, a
        // killed app's last prints would never reach the log tail.
        PYTHONUNBUFFERED: '1',
        ...options.env,
        [RUN_MARKER_VARIABLE]: options.marker
      },
      // a new session and process group, so the whole app can be signalled at once
      detached: true,
      stdio: ['ignore', logFd, logFd]
    })
  } finally {
    fs.closeSync(logFd)
  }
  if (child.pid === undefined) {
    throw new AppStartError(`could not start /bin/sh for start-command in ${options.cwd}`)
  }
  const app: AppProcess = {
    pid: child.pid,
    marker: options.marker,
    logPath: options.logPath,
    exited: new Promise(resolve => {
      child.on('exit', (code, signal) => {
        app.exit = { code, signal }
        resolve(app.exit)
      })
      child.on('error', () => {
        app.exit = { code: null, signal: null }
        resolve(app.exit)
      })
    })
  }
  return app
}

const POLL_MS = 20
const ATTACHED_POLL_MS = 100

/**
 * An app that runs already (the command line's --pid): its process tree is
 * the app. It was not started here, so it has no marker and no log, and its
 * exit is noticed by polling.
 */
export function attachApp(pid: number): AppProcess {
  const app: AppProcess = {
    pid,
    marker: '',
    logPath: '',
    exited: new Promise(resolve => {
      const timer = setInterval(() => {
        if (isAlive(pid)) return
        clearInterval(timer)
        app.exit = { code: null, signal: null }
        resolve(app.exit)
      }, ATTACHED_POLL_MS)
      timer.unref()
    })
  }
  return app
}

/** Every living process that belongs to the app: its group, its tree, and any that carry its marker. */
export function appProcesses(app: AppIdentity, table: ProcessInfo[] = listProcesses()): ProcessInfo[] {
  const found = new Map<number, ProcessInfo>()
  for (const p of processTree(app.pid, table)) found.set(p.pid, p)
  for (const p of table) if (p.pgid === app.pid && !isZombie(p)) found.set(p.pid, p)
  if (app.marker !== '') for (const p of processesWithEnv(RUN_MARKER_VARIABLE, app.marker, table)) found.set(p.pid, p)
  found.delete(process.pid)
  return [...found.values()]
}

/**
 * How the app ended, once the shell that ran start-command and every process
 * it left are gone; undefined while any of them runs (a start-command that
 * backgrounds its server exits at once, yet the app is up).
 */
export function exitOf(app: AppProcess): AppExit | undefined {
  return app.exit && appProcesses(app).length === 0 ? app.exit : undefined
}

/** exitOf, waiting up to `ms` for it: a refused connection often comes just before the exit. */
export async function exitWithin(app: AppProcess, ms: number): Promise<AppExit | undefined> {
  const deadline = Date.now() + ms
  while (!exitOf(app) && Date.now() < deadline) await delay(POLL_MS)
  return exitOf(app)
}

export interface StopReport {
  /** processes that ended after SIGTERM */
  terminated: number
  /** processes that had to be killed with SIGKILL */
  killed: number
  /** processes still alive at the end (should be none) */
  survivors: number[]
}

function signalAll(app: AppIdentity, pids: number[], signal: NodeJS.Signals): void {
  // the group may be gone, or the app may have left it: the pids still get the signal
  sendSignal(-app.pid, signal)
  for (const pid of pids) sendSignal(pid, signal)
}

async function waitUntilGone(pids: number[], ms: number, pollMs = POLL_MS): Promise<number[]> {
  const deadline = Date.now() + ms
  let alive = pids.filter(isAlive)
  while (alive.length > 0 && Date.now() < deadline) {
    await delay(pollMs)
    alive = alive.filter(isAlive)
  }
  return alive
}

/** A process killed with SIGKILL is gone within milliseconds: looked for more often than one asked to stop. */
const KILLED_POLL_MS = 5

/**
 * Stops the app and every process it spawned. SIGTERM goes to the group and
 * to each process found; whatever is alive after `graceMs` gets SIGKILL.
 * With no grace (a hung loop, its stacks taken) there is no SIGTERM: nothing
 * would have the time to handle it.
 */
export async function stopApp(app: AppIdentity, graceMs: number): Promise<StopReport> {
  const first = appProcesses(app).map(p => p.pid)
  if (first.length === 0) return { terminated: 0, killed: 0, survivors: [] }
  let stubborn = first
  let remaining = first
  if (graceMs > 0) {
    signalAll(app, first, 'SIGTERM')
    stubborn = await waitUntilGone(first, graceMs)
    // processes may have been spawned during the grace (a supervisor restarting a worker)
    remaining = [...new Set([...stubborn, ...appProcesses(app).map(p => p.pid)])]
    if (remaining.length === 0) return { terminated: first.length, killed: 0, survivors: [] }
  }
  signalAll(app, remaining, 'SIGKILL')
  const survivors = await waitUntilGone(remaining, 2000, KILLED_POLL_MS)
  return { terminated: first.length - stubborn.length, killed: remaining.length - survivors.length, survivors }
}

/** Last resort when the action itself is being torn down: SIGKILL without waiting. */
export function killAppNow(app: AppIdentity): void {
  signalAll(
    app,
    appProcesses(app).map(p => p.pid),
    'SIGKILL'
  )
}

const TAIL_BYTES = 64 * 1024
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g

/** The last `lines` lines of the app's log, without terminal colour codes. */
export function readLogTail(logPath: string, lines: number): string[] {
  let text: string
  try {
    const fd = fs.openSync(logPath, 'r')
    try {
      const size = fs.fstatSync(fd).size
      const length = Math.min(size, TAIL_BYTES)
      const buffer = Buffer.alloc(length)
      fs.readSync(fd, buffer, 0, length, size - length)
      text = buffer.toString('utf8')
      if (length < size) text = text.slice(text.indexOf('\n') + 1)
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    return []
  }
  const all = text.replace(ANSI, '').split(/\r?\n/)
  if (all.at(-1) === '') all.pop()
  return all.slice(-lines)
}
