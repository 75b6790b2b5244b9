// Bringing the app up: the port must be free (probing another program would
// diagnose the wrong process), then the app is started (or attached to) and
// its health route polled briskly until it answers 2xx. Each way this fails
// is a startup-failed conclusion that says what to change.

import { randomUUID } from 'node:crypto'
import * as net from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import { waitAtMost } from '../core/waits.js'
import type { Logger } from '../core/logger.js'
import type { AppExit, Conclusion } from '../core/model.js'
import type { Settings } from '../core/settings.js'
import { attachApp, exitOf, startApp, type AppProcess } from '../os/app-process.js'
import { commandLine, isAlive, listenersOnPort } from '../os/process-table.js'
import { probeHealth } from './probe.js'
import { PORT_CHECK_TIMEOUT_MS } from './time-bound.js'
import { formatDuration } from '../core/durations.js'

const STARTUP_POLL_MS = 10
const PORT_FREE_POLL_MS = 50

export interface StartOptions {
  settings: Settings
  logger: Logger
  /** the app's environment */
  env: NodeJS.ProcessEnv
  /** where the app's output goes */
  logPath: string
  /** an app that runs already, to attach to instead of starting one */
  attachPid?: number
  /** how long the port may take to come free (the app was just stopped, to start it again) */
  portFreeWithinMs?: number
}

/** Starts the app, or attaches to the one at attachPid; a Conclusion when that fails. */
export async function startOrAttach({
  settings,
  logger,
  env,
  logPath,
  attachPid,
  portFreeWithinMs = 0
}: StartOptions): Promise<AppProcess | Conclusion> {
  if (attachPid !== undefined) {
    if (!isAlive(attachPid)) return { verdict: 'startup-failed', headline: `No process with pid ${attachPid} runs.` }
    logger.info(`Attaching to pid ${attachPid} (${commandLine(attachPid)}); it is left running`)
    return attachApp(attachPid)
  }
  // probing a program that is not ours would diagnose the wrong process
  let occupied = await portInUse(settings.baseUrl)
  const deadline = performance.now() + portFreeWithinMs
  while (occupied && performance.now() < deadline) {
    await delay(PORT_FREE_POLL_MS)
    occupied = await portInUse(settings.baseUrl)
  }
  if (occupied) return { verdict: 'startup-failed', headline: occupied }
  logger.info(`Starting the app in ${settings.workingDirectory}: ${settings.startCommand}`)
  return startApp({
    command: settings.startCommand,
    cwd: settings.workingDirectory,
    env,
    logPath,
    marker: randomUUID()
  })
}

/** Polls the health route briskly until it answers 2xx; a Conclusion when it never does. */
export async function waitUntilHealthy(
  app: AppProcess,
  settings: Settings,
  logger: Logger
): Promise<Conclusion | undefined> {
  const healthUrl = settings.baseUrl + settings.healthPath
  const deadline = performance.now() + settings.startupTimeoutMs
  let last = ''
  while (performance.now() < deadline) {
    const exited = exitOf(app)
    if (exited) {
      return { verdict: 'startup-failed', headline: startupExitHeadline(settings, exited), extra: { appExit: exited } }
    }
    const remaining = deadline - performance.now()
    const answer = await probeHealth(healthUrl, Math.max(1, Math.min(settings.healthTimeoutMs, remaining)))
    if (answer.outcome === 'ok') return undefined
    if (answer.outcome === 'http-error' && answer.status === 404) {
      return {
        verdict: 'startup-failed',
        headline: `\`${settings.healthPath}\` answered HTTP 404: the app runs but has no such route. Set health-path to a route that answers 2xx.`
      }
    }
    const now = answer.outcome === 'http-error' ? `HTTP ${answer.status}` : (answer.detail ?? answer.outcome)
    if (now !== last) logger.debug(`waiting for ${healthUrl}: ${now}`)
    last = now
    if (answer.outcome === 'unreachable') await waitAtMost(STARTUP_POLL_MS, app.exited)
  }
  return {
    verdict: 'startup-failed',
    headline: `\`${settings.healthPath}\` did not answer 2xx within the startup-timeout of ${formatDuration(settings.startupTimeoutMs)} (last: ${last || 'no answer'}).`
  }
}

/** Why the app exited before it answered, naming start-command when the shell could not run it. */
function startupExitHeadline({ startCommand, healthPath }: Settings, exit: AppExit): string {
  const program =
    startCommand
      .trim()
      .split(/\s+/)
      .find(word => !/^\w+=/.test(word)) ?? startCommand
  // the shell's own exit codes: 127 command not found, 126 found but not executable
  if (exit.code === 127) {
    return `start-command: \`${program}\` was not found (the shell exited with 127). Install it in an earlier step, or give its path; for a virtualenv, e.g. \`.venv/bin/${program}\`.`
  }
  if (exit.code === 126)
    return `start-command: \`${program}\` could not be executed (the shell exited with 126): is it executable?`
  return `The app exited (${describeExit(exit)}) before \`${healthPath}\` answered.`
}

/** A message naming what already listens where the app should, or undefined when the port is free. */
async function portInUse(baseUrl: string): Promise<string | undefined> {
  const url = new URL(baseUrl)
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const listening = await new Promise<boolean>(resolve => {
    const socket = net.connect({ host, port })
    const done = (result: boolean): void => {
      socket.destroy()
      resolve(result)
    }
    socket.setTimeout(PORT_CHECK_TIMEOUT_MS, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
  if (!listening) return undefined
  const holders = listenersOnPort(port)
  const who = holders.length > 0 ? ` (held by ${holders.map(h => `pid ${h.pid}: ${h.command}`).join('; ')})` : ''
  return `Port ${port} is already in use${who} before the app was started, so the probes would reach another program. Stop it, or give the app another port in start-command and base-url.`
}

export function describeExit(exit: AppExit): string {
  if (exit.signal) return `killed by ${exit.signal}`
  // an app we attached to: its exit status is its parent's to read
  return exit.code === null ? 'exit status unknown' : `exit code ${exit.code}`
}
