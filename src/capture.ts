// Captures the Python stacks of every process of the app with py-spy.
//
// Facts that shape this code: py-spy must target the interpreter itself (a
// shell's pid gives "Failed to find python version"); `dump --subprocesses`
// prints only the target, so we walk the process tree ourselves; on runners
// with kernel.yama.ptrace_scope = 1 a py-spy that is not the app's ancestor
// is refused, so we retry with `sudo -n` and py-spy's absolute path (sudo
// resets PATH); and py-spy itself can hang, so each dump has its own timeout.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { appProcesses, type AppIdentity } from './app-process.js'
import { DumpFormatError, parsePySpyDump, type RecordedDump } from './analysis/py-spy-dump.js'
import type { PySpySetting } from './inputs.js'
import type { Logger } from './logger.js'
import type { ProcessStacks, StackSample } from './model.js'
import { argv0, commandLine, isPythonProcess, workingDirectoryOf } from './process-table.js'
import { firstErrorLine, runCommand } from './run-command.js'

export interface PySpyTool {
  path: string
  version: string
  /** where it came from, for the report: "found on PATH", "installed with pip into …", ... */
  origin: string
}

export type PySpyLookup = { tool: PySpyTool } | { unavailable: string }

const VERSION_TIMEOUT_MS = 5_000
const INSTALL_TIMEOUT_MS = 180_000
export const DUMP_TIMEOUT_MS = 5_000

async function versionOf(file: string): Promise<string | undefined> {
  const result = await runCommand(file, ['--version'], { timeoutMs: VERSION_TIMEOUT_MS })
  const match = /py-spy\s+(\S+)/.exec(result.stdout)
  return result.code === 0 && match ? (match[1] as string) : undefined
}

function executableIn(dir: string, name: string): string | undefined {
  const candidate = path.join(dir, name)
  try {
    fs.accessSync(candidate, fs.constants.X_OK)
    return fs.statSync(candidate).isFile() ? candidate : undefined
  } catch {
    return undefined
  }
}

/** Like `which`: the first executable of that name on PATH, as an absolute path. */
export function findOnPath(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '' || !path.isAbsolute(dir)) continue
    const found = executableIn(dir, name)
    if (found) return found
  }
  return undefined
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

/**
 * Finds a working py-spy. With `auto`: PATH, then the app's own virtualenv,
 * then `python -m pip install --target <installDir> py-spy`, which leaves the
 * user's environments untouched (and works where PEP 668 forbids installs).
 */
export async function locatePySpy(
  setting: PySpySetting,
  interpreters: string[],
  installDir: string,
  logger: Logger
): Promise<PySpyLookup> {
  if (setting.mode === 'off') return { unavailable: 'stack capture is turned off (py-spy: off)' }
  if (setting.mode === 'path') {
    const version = await versionOf(setting.path)
    return version
      ? { tool: { path: setting.path, version, origin: 'given as the py-spy input' } }
      : { unavailable: `py-spy: ${setting.path} did not run (\`${setting.path} --version\` failed)` }
  }

  const candidates: [string | undefined, string][] = [[findOnPath('py-spy'), 'found on PATH']]
  for (const python of interpreters) candidates.push([executableIn(path.dirname(python), 'py-spy'), "found in the app's environment"])
  for (const [file, origin] of candidates) {
    if (!file) continue
    const version = await versionOf(file)
    if (version) return { tool: { path: file, version, origin } }
  }

  const pythons = [...interpreters, findOnPath('python3'), findOnPath('python')].filter((p): p is string => !!p)
  const tried: string[] = []
  for (const python of [...new Set(pythons)]) {
    logger.info(`py-spy is not installed; installing it with ${python} -m pip into ${installDir}`)
    const result = await runCommand(
      python,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet', '--upgrade', '--target', installDir, 'py-spy'],
      { timeoutMs: INSTALL_TIMEOUT_MS }
    )
    const installed = executableIn(path.join(installDir, 'bin'), 'py-spy')
    const version = installed ? await versionOf(installed) : undefined
    if (installed && version) {
      return { tool: { path: installed, version, origin: `installed with pip into ${installDir}` } }
    }
    tried.push(`${python}: ${firstErrorLine(result)}`)
  }
  return {
    unavailable:
      tried.length === 0
        ? 'py-spy is not on PATH and no Python was found to install it with'
        : `py-spy is not on PATH and could not be installed (${tried.join('; ')})`
  }
}

const PERMISSION = /permission denied|operation not permitted|os error 1\)|EPERM|ptrace/i

/** Takes stacks with one tool; remembers when it needed sudo so later dumps go straight there. */
export class StackCapturer {
  private viaSudo = false
  private readonly sudo = findOnPath('sudo')

  constructor(readonly tool: PySpyTool) {}

  describe(): string {
    return `py-spy ${this.tool.version} (${this.tool.path}, ${this.tool.origin}${this.viaSudo ? ', run with sudo' : ''})`
  }

  /** Dumps every Python process of the app at once. */
  async sample(app: AppIdentity, takenAtMs: number): Promise<{ sample: StackSample; raw: RecordedDump[] }> {
    const pythons = appProcesses(app).filter(p => isPythonProcess(p.pid))
    const sample: StackSample = { takenAtMs, processes: [], failures: [] }
    const raw: RecordedDump[] = []
    if (pythons.length === 0) {
      sample.failures.push({ pid: app.pid, command: commandLine(app.pid), reason: "no Python process in the app's process tree" })
      return { sample, raw }
    }
    await Promise.all(
      pythons.map(async p => {
        const command = commandLine(p.pid)
        const outcome = await this.dumpOne(p.pid)
        if ('reason' in outcome) {
          sample.failures.push({ pid: p.pid, command, reason: outcome.reason })
          return
        }
        const cwd = workingDirectoryOf(p.pid)
        try {
          const threads = parsePySpyDump(outcome.output, { pid: p.pid, ...(cwd ? { cwd } : {}) })
          const stacks: ProcessStacks = { pid: p.pid, command, threads }
          sample.processes.push(stacks)
          raw.push({ pid: p.pid, command, ...(cwd ? { cwd } : {}), output: outcome.output })
        } catch (error) {
          const reason = error instanceof DumpFormatError ? error.message : String(error)
          sample.failures.push({ pid: p.pid, command, reason: `unreadable py-spy output: ${reason}` })
        }
      })
    )
    sample.processes.sort((a, b) => a.pid - b.pid)
    return { sample, raw }
  }

  private async dumpOne(pid: number): Promise<{ output: unknown } | { reason: string }> {
    const args = ['dump', '--pid', String(pid), '--json']
    let result = this.viaSudo ? await this.runSudo(args) : await runCommand(this.tool.path, args, { timeoutMs: DUMP_TIMEOUT_MS })
    if (result.code !== 0 && !this.viaSudo && PERMISSION.test(`${result.stderr}${result.stdout}`)) {
      if (!this.sudo) {
        return { reason: `py-spy was refused permission to attach (${firstErrorLine(result)}), and sudo is not available` }
      }
      const retry = await this.runSudo(args)
      if (retry.code !== 0) {
        return {
          reason: `py-spy was refused permission to attach (${firstErrorLine(result)}), and \`sudo -n\` failed too (${firstErrorLine(retry)})`
        }
      }
      this.viaSudo = true
      result = retry
    }
    if (result.code !== 0) return { reason: `py-spy dump failed: ${firstErrorLine(result)}` }
    try {
      return { output: JSON.parse(result.stdout) }
    } catch {
      return { reason: `py-spy printed no JSON: ${result.stdout.slice(0, 200)}` }
    }
  }

  private runSudo(args: string[]): ReturnType<typeof runCommand> {
    return runCommand(this.sudo ?? 'sudo', ['-n', this.tool.path, ...args], { timeoutMs: DUMP_TIMEOUT_MS })
  }
}
