// The post step: stops whatever is left of the app. The main step stops the
// app itself; this catches the cases where it could not (it was killed, or
// the runner lost it), and it runs on failure and cancellation too.

import * as core from '@actions/core'
import { appProcesses, stopApp } from '../os/app-process.js'
import { isProcAvailable } from '../os/process-table.js'
import { savedAppIdentity } from './state.js'

export async function runPost(): Promise<void> {
  const app = savedAppIdentity()
  if (!app || !isProcAvailable()) return
  const left = appProcesses(app)
  if (left.length === 0) {
    core.debug('No process of the app is left.')
    return
  }
  core.warning(
    `${left.length} process(es) of the app were still running (${left.map(p => `${p.pid} ${p.comm}`).join(', ')}); stopping them.`
  )
  const report = await stopApp(app, 1000)
  if (report.survivors.length > 0) core.warning(`Could not stop processes ${report.survivors.join(', ')}.`)
}
