// Which py-spy takes the stacks: one given by the py-spy input, on PATH or
// in the app's virtualenv (the user's own, used as it is), else the pinned
// one installed with pip into the run's own folder, its hash checked.

import * as fs from 'node:fs'
import * as path from 'node:path'
import type { Logger } from '../core/logger.js'
import type { PySpySetting } from '../core/settings.js'
import { appProcesses, type AppIdentity } from '../os/app-process.js'
import { executableIn, findOnPath } from '../os/executables.js'
import { argv0, isPythonProcess, workingDirectoryOf } from '../os/process-table.js'
import { firstErrorLine, runCommand } from '../os/run-command.js'
import { installPlan, isHashMismatch, pipInstallArgs, wheelPlatform, type PySpyPins } from './py-spy-install-plan.js'
export interface PySpyTool {
  path: string
  version: string
  /** where it came from, for the report: "found on PATH", "installed with pip into …", ... */
  origin: string
}

/** What a py-spy install is to be: the pins, and the version the py-spy-version input asks for. */
export interface PySpyInstall {
  pins: PySpyPins
  version: string
}

/** A py-spy, or why there is none. */
export type PySpyLookup = { tool: PySpyTool } | { unavailable: string }

const VERSION_TIMEOUT_MS = 5_000

const INSTALL_TIMEOUT_MS = 60_000

/** Why there is no py-spy when the run ended before its install did. */
const RUN_OVER = 'the run was over before py-spy was installed'

async function versionOf(file: string): Promise<string | undefined> {
  const result = await runCommand(file, ['--version'], { timeoutMs: VERSION_TIMEOUT_MS })
  const match = /py-spy\s+(\S+)/.exec(result.stdout)
  return result.code === 0 && match ? (match[1] as string) : undefined
}

/** The interpreters the app runs, as started (a venv's bin/python, not the base it links to). */
export function appInterpreters(app: AppIdentity): string[] {
  const found = new Set<string>()
  for (const p of appProcesses(app)) {
    if (!isPythonProcess(p.pid)) continue
    const first = argv0(p.pid)
    if (path.isAbsolute(first)) found.add(first)
    else {
      const cwd = workingDirectoryOf(p.pid)
      const resolved = first.includes('/') && cwd ? path.resolve(cwd, first) : findOnPath(first)
      if (resolved) found.add(resolved)
    }
  }
  return [...found]
}

/** Where and how to find (or install) py-spy. */
export interface PySpySearch {
  setting: PySpySetting
  install: PySpyInstall
  /** where an install goes: the run's own folder */
  installDir: string
  logger: Logger
  /**
   * Hears, as soon as it is so, what the report must say: an install that is
   * not the pinned, hash-checked download, or one pip refused.
   */
  warn: (message: string) => void
  /** ends an install still running: the run is over and needs it no more */
  signal?: AbortSignal
}

/**
 * Finds a working py-spy. With `auto`: PATH, then the app's own virtualenv,
 * then `python -m pip install --target <installDir>` of the pinned py-spy,
 * checked against its sha256 (py-spy-install-plan.ts), which leaves the user's
 * environments untouched (and works where PEP 668 forbids installs). PATH is
 * looked at at once; `interpreters` is asked only when PATH has none, and
 * gives undefined when the app never came up (nothing to attach to, nothing
 * worth an install).
 */
export async function locatePySpy(
  search: PySpySearch,
  interpreters: () => Promise<string[] | undefined>
): Promise<PySpyLookup> {
  const { setting } = search
  if (setting.mode === 'off') return { unavailable: 'stack capture is turned off (py-spy: off)' }
  if (setting.mode === 'path') {
    return (
      (await usable(setting.path, 'given as the py-spy input')) ?? {
        unavailable: `py-spy: ${setting.path} did not run (\`${setting.path} --version\` failed)`
      }
    )
  }

  const onPath = await usable(findOnPath('py-spy'), 'found on PATH')
  if (onPath) return onPath
  const pythons = await interpreters()
  if (!pythons) return { unavailable: 'the app did not come up, so there was nothing to find py-spy for' }
  for (const python of pythons) {
    const inEnvironment = await usable(executableIn(path.dirname(python), 'py-spy'), "found in the app's environment")
    if (inEnvironment) return inEnvironment
  }
  return installPySpy([...pythons, findOnPath('python3'), findOnPath('python')], search)
}

/**
 * One py-spy for a whole run: looked for (or installed) once, for the app,
 * its starts again and a fix's try on a copy of it, which runs the same
 * interpreters. An install still running when the run is over is stopped
 * (`close`): a healthy run does not wait for pip, nor does a hang that
 * faulthandler answered.
 */
export class PySpySupply {
  private pending: Promise<PySpyLookup> | undefined
  private settled: PySpyLookup | undefined
  private readonly over = new AbortController()
  /** what the report must say about the py-spy it got, heard once for the whole run */
  readonly warnings: string[] = []

  constructor(private readonly search: Omit<PySpySearch, 'warn' | 'signal'>) {}

  /** The lookup, started by the first app that asks; `interpreters` as for locatePySpy. */
  find(interpreters: () => Promise<string[] | undefined>): Promise<PySpyLookup> {
    this.pending ??= locatePySpy(
      {
        ...this.search,
        signal: this.over.signal,
        warn: warning => {
          this.warnings.push(warning)
          this.search.logger.warning(warning)
        }
      },
      interpreters
    ).then(lookup => (this.settled = lookup))
    return this.pending
  }

  /** The lookup's outcome, once it is in. */
  get found(): PySpyLookup | undefined {
    return this.settled
  }

  /** The lookup under way (or done), once an app has asked for it. */
  get underWay(): Promise<PySpyLookup> | undefined {
    return this.pending
  }

  /** The run is over: stops an install still running, and returns once pip is gone. */
  async close(): Promise<void> {
    this.over.abort()
    await this.pending
  }
}

/** The py-spy at `file` when there is one and it says its version. */
async function usable(file: string | undefined, origin: string): Promise<PySpyLookup | undefined> {
  if (!file) return undefined
  const version = await versionOf(file)
  return version ? { tool: { path: file, version, origin } } : undefined
}

/** Installs the pinned py-spy (or the version asked for, unchecked and said so) with the first Python whose pip can. */
async function installPySpy(
  candidates: (string | undefined)[],
  { install, installDir, logger, warn, signal }: PySpySearch
): Promise<PySpyLookup> {
  const plan = installPlan(install.pins, install.version, wheelPlatform())
  // said as the install is decided: a hang's report may be written before pip is done
  if (plan.unverified) warn(plan.unverified)
  const pythons = [...new Set(candidates.filter((p): p is string => !!p))]
  if (pythons.length === 0) return { unavailable: 'py-spy is not on PATH and no Python was found to install it with' }
  fs.mkdirSync(installDir, { recursive: true })
  const requirements = path.join(installDir, 'py-spy-requirements.txt')
  fs.writeFileSync(requirements, plan.requirements)
  const checked = plan.sha256 ? 'pinned, sha256-checked' : 'without a hash check'
  const tried: string[] = []
  for (const python of pythons) {
    if (signal?.aborted) break
    logger.info(
      `py-spy is not installed; installing py-spy ${plan.version} (${checked}) with ${python} -m pip into ${installDir}`
    )
    const result = await runCommand(python, pipInstallArgs(plan, requirements, installDir), {
      timeoutMs: INSTALL_TIMEOUT_MS,
      ...(signal ? { signal } : {})
    })
    if (result.stopped) {
      logger.info('Stopped the py-spy install: the run is over without needing it')
      return { unavailable: RUN_OVER }
    }
    if (plan.sha256 && isHashMismatch(`${result.stderr}${result.stdout}`)) {
      // another Python's pip would get the same file: refuse it once and for all
      const refused = `pip refused the py-spy ${plan.version} download: its sha256 is not the pinned ${plan.sha256}, so it was not installed and never ran`
      warn(refused)
      return { unavailable: refused }
    }
    const installed = await usable(
      executableIn(path.join(installDir, 'bin'), 'py-spy'),
      `installed with pip into ${installDir}, ${checked}`
    )
    if (installed) return installed
    tried.push(`${python}: ${firstErrorLine(result)}`)
  }
  if (tried.length === 0) return { unavailable: RUN_OVER }
  return { unavailable: `py-spy is not on PATH and could not be installed (${tried.join('; ')})` }
}
