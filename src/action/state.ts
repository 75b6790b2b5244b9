// What the main step leaves for the post step. The post step is the safety
// net that stops the app if the main step was killed before it could.

import * as core from '@actions/core'
import type { AppIdentity } from '../os/app-process.js'

export const isPost = core.getState('isPost') === 'true'

export function markMainStarted(): void {
  core.saveState('isPost', 'true')
}

export function saveAppIdentity(app: AppIdentity): void {
  core.saveState('app-pid', String(app.pid))
  core.saveState('app-marker', app.marker)
}

export function savedAppIdentity(): AppIdentity | undefined {
  const pid = Number(core.getState('app-pid'))
  const marker = core.getState('app-marker')
  return Number.isInteger(pid) && pid > 0 && marker !== '' ? { pid, marker } : undefined
}
