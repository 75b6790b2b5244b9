#!/usr/bin/env node
// The command line's entry: the same engine as the action, wired to argv and
// the terminal instead of INPUT_* variables and the runner. Wiring only.

import * as os from 'node:os'
import { failsTheRun } from './analysis/verdict.js'
import { PINS_FILE_VARIABLE, pinsFrom } from './capture/py-spy-install-plan.js'
import { HELP, parseCommandLine, UsageError } from './cli/command-line.js'
import { listedRoutes, LiveDisplay, renderForTerminal, renderRouteList, styleFor } from './cli/terminal.js'
import { VERSION } from './core/version.js'
import { guardedInvestigation } from './engine/guarded-run.js'
import { getSettings, InputError } from './inputs/inputs.js'
import { unsupportedPlatform, workingDirectoryOf } from './os/process-table.js'
import { secretValues } from './report/redact.js'
import { resultDocument } from './report/result-document.js'

async function main(argv: string[]): Promise<number> {
  let commandLine
  try {
    commandLine = parseCommandLine(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`backend-hang-debug: ${error.message}\nSee backend-hang-debug --help.\n`)
    return 1
  }
  if (commandLine.kind === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  if (commandLine.kind === 'version') {
    process.stdout.write(`backend-hang-debug ${VERSION}\n`)
    return 0
  }

  const { inputs, pid, json, listRoutes } = commandLine
  if (pid !== undefined && inputs['working-directory'] === '')
    inputs['working-directory'] = workingDirectoryOf(pid) ?? process.cwd()
  let settings
  try {
    settings = getSettings(name => inputs[name] ?? '', { workspace: process.cwd(), label: name => `--${name}` })
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    process.stderr.write(`backend-hang-debug: ${error.message}\nSee backend-hang-debug --help.\n`)
    return 1
  }
  let pySpyPins
  try {
    pySpyPins = pinsFrom(process.env)
  } catch (error) {
    process.stderr.write(`backend-hang-debug: ${PINS_FILE_VARIABLE}: ${(error as Error).message}\n`)
    return 1
  }
  if (pid !== undefined && settings.capture === 'faulthandler') {
    process.stderr.write(
      'backend-hang-debug: --capture faulthandler needs the app started by this tool (a start command after --), not --pid.\n'
    )
    return 1
  }
  const unsupported = unsupportedPlatform()
  if (unsupported) {
    process.stderr.write(`${unsupported}\n`)
    return 1
  }

  const displayStyle = styleFor(process.stderr.isTTY === true, process.env, commandLine.color)
  const display = new LiveDisplay(
    { write: text => process.stderr.write(text), isTTY: process.stderr.isTTY === true },
    displayStyle
  )
  let investigation
  try {
    const guarded = await guardedInvestigation({
      settings,
      logger: display,
      tempDir: os.tmpdir(),
      env: process.env,
      warn: message => display.warning(message),
      fail: message => display.warning(message),
      exitCode: 130,
      links: () => ({ pattern: id => `https://github.com/search?q=backend-hang-debug+${id}&type=code` }),
      secrets: secretValues(process.env),
      pySpyPins,
      ...(listRoutes ? { listOnly: true } : {}),
      onProgress: event => display.progress(event),
      ...(pid !== undefined ? { attachPid: pid } : {})
    })
    if (guarded.cancelled) return 130
    investigation = guarded.investigation
  } catch (error) {
    display.warning(error instanceof Error ? error.message : String(error))
    return 1
  }

  if (listRoutes) {
    process.stdout.write(
      json
        ? `${JSON.stringify(listedRoutes(investigation, settings.routes), null, 2)}\n`
        : renderRouteList(investigation, settings.routes)
    )
    return investigation.run.verdict === 'startup-failed' ? 1 : 0
  }
  if (json) process.stdout.write(`${JSON.stringify(resultDocument(investigation), null, 2)}\n`)
  else
    process.stdout.write(
      renderForTerminal(investigation, styleFor(process.stdout.isTTY === true, process.env, commandLine.color))
    )
  return failsTheRun(investigation.run, settings) ? 1 : 0
}

process.exitCode = await main(process.argv.slice(2))
