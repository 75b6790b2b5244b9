// Captures the Python stacks of every process of the app with py-spy.
//
// Facts that shape this code: py-spy must target the interpreter itself (a
// shell's pid gives "Failed to find python version"); `dump --subprocesses`
// prints only the target, so we walk the process tree ourselves; on runners
// with kernel.yama.ptrace_scope = 1 a py-spy that is not the app's ancestor
// is refused, so we retry with `sudo -n` and py-spy's absolute path (sudo
// resets PATH); and py-spy itself can hang, so each dump has its own timeout.

import * as fs from 'node:fs'
import { setTimeout as delay } from 'node:timers/promises'
import { waitAtMost } from '../core/waits.js'
import { appProcesses, type AppIdentity } from '../os/app-process.js'
import { DumpFormatError, parsePySpyDump, type RecordedDump } from '../analysis/py-spy-dump.js'
import { parseFaulthandlerDump } from '../analysis/faulthandler-dump.js'
import { STACKS_SIGNAL, stacksFileOf, type FaulthandlerHook } from './faulthandler-hook.js'
import type { Logger } from '../core/logger.js'
import { commandLine, isPythonProcess, threadState, workingDirectoryOf } from '../os/process-table.js'
import { firstErrorLine, runCommand } from '../os/run-command.js'
import type { CaptureMode } from '../core/settings.js'
import type { ProcessStacks, StackSample, ThreadStack } from '../core/diagnosis.js'
import { findOnPath } from '../os/executables.js'
import { appInterpreters, type PySpySupply, type PySpyTool } from './py-spy-locate.js'

export const DUMP_TIMEOUT_MS = 5_000
/** How long a sample waits for py-spy's lookup (not an install) before the faulthandler hook answers instead. */
const PREFER_PY_SPY_WAIT_MS = 1_000
/** How long a faulthandler dump may take to appear in its file. */
const FAULTHANDLER_TIMEOUT_MS = 1_000
const FAULTHANDLER_POLL_MS = 5

/** Stacks of every Python process of the app at one instant, and the raw output behind them. */
export interface Taken {
  sample: StackSample
  raw: RecordedDump[]
}

/** One way of taking stacks. */
export interface StackSource {
  describe(): string
  sample(app: AppIdentity, takenAtMs: number): Promise<Taken>
}

type ProcessCapture =
  { threads: ThreadStack[]; raw: Pick<RecordedDump, 'output' | 'format' | 'mainThreadRunning'> } | { reason: string }

/** Takes every Python process of the app at once with `capture`. */
async function sampleEachPython(
  app: AppIdentity,
  takenAtMs: number,
  capture: (pid: number, cwd: string | undefined) => Promise<ProcessCapture>
): Promise<Taken> {
  const pythons = appProcesses(app).filter(p => isPythonProcess(p.pid))
  const sample: StackSample = { takenAtMs, processes: [], failures: [] }
  const raw: RecordedDump[] = []
  if (pythons.length === 0) {
    sample.failures.push({
      pid: app.pid,
      command: commandLine(app.pid),
      reason: "no Python process in the app's process tree"
    })
    return { sample, raw }
  }
  await Promise.all(
    pythons.map(async p => {
      const command = commandLine(p.pid)
      const cwd = workingDirectoryOf(p.pid)
      const outcome = await capture(p.pid, cwd)
      if ('reason' in outcome) {
        sample.failures.push({ pid: p.pid, command, reason: outcome.reason })
        return
      }
      const stacks: ProcessStacks = { pid: p.pid, command, threads: outcome.threads }
      sample.processes.push(stacks)
      raw.push({ pid: p.pid, command, ...(cwd ? { cwd } : {}), ...outcome.raw })
    })
  )
  sample.processes.sort((a, b) => a.pid - b.pid)
  raw.sort((a, b) => a.pid - b.pid)
  return { sample, raw }
}

const PERMISSION = /permission denied|operation not permitted|os error 1\)|EPERM|ptrace/i

/** Takes stacks with py-spy; remembers when it needed sudo so later dumps go straight there. */
export class PySpyCapturer implements StackSource {
  private viaSudo = false
  /** attaching was refused, also through sudo: it will stay refused */
  refused = false
  private readonly sudo = findOnPath('sudo')

  constructor(readonly tool: PySpyTool) {}

  describe(): string {
    return `py-spy ${this.tool.version} (${this.tool.path}, ${this.tool.origin}${this.viaSudo ? ', run with sudo' : ''})`
  }

  /** Dumps every Python process of the app at once. */
  sample(app: AppIdentity, takenAtMs: number): Promise<Taken> {
    return sampleEachPython(app, takenAtMs, async (pid, cwd) => {
      const outcome = await this.dumpOne(pid)
      if ('reason' in outcome) return outcome
      try {
        return {
          threads: parsePySpyDump(outcome.output, { pid, ...(cwd ? { cwd } : {}) }),
          raw: { output: outcome.output }
        }
      } catch (error) {
        const reason = error instanceof DumpFormatError ? error.message : String(error)
        return { reason: `unreadable py-spy output: ${reason}` }
      }
    })
  }

  private async dumpOne(pid: number): Promise<{ output: unknown } | { reason: string }> {
    const args = ['dump', '--pid', String(pid), '--json']
    let result = this.viaSudo
      ? await this.runSudo(args)
      : await runCommand(this.tool.path, args, { timeoutMs: DUMP_TIMEOUT_MS })
    if (result.code !== 0 && !this.viaSudo && PERMISSION.test(`${result.stderr}${result.stdout}`)) {
      if (!this.sudo) {
        this.refused = true
        return {
          reason: `py-spy was refused permission to attach (${firstErrorLine(result)}), and sudo is not available`
        }
      }
      const retry = await this.runSudo(args)
      if (retry.code !== 0) {
        this.refused = true
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

/**
 * Takes stacks through the faulthandler hook (faulthandler-hook.ts): signals
 * each Python process that registered it and reads what it wrote. Needs no
 * ptrace, no sudo and no install.
 */
export class FaulthandlerCapturer implements StackSource {
  constructor(
    private readonly hook: FaulthandlerHook,
    /** why this capture is used, for the report */
    private readonly why: string,
    private readonly logger: Logger
  ) {}

  describe(): string {
    return `faulthandler (${this.why})`
  }

  sample(app: AppIdentity, takenAtMs: number): Promise<Taken> {
    return sampleEachPython(app, takenAtMs, async (pid, cwd) => {
      const file = stacksFileOf(this.hook, pid)
      let before: number
      try {
        before = fs.statSync(file).size
      } catch {
        return {
          reason:
            'the process did not load the faulthandler hook (does start-command replace PYTHONPATH, or run python -I or -S?)'
        }
      }
      const mainThreadRunning = threadState(pid) === 'R'
      try {
        process.kill(pid, STACKS_SIGNAL)
      } catch (error) {
        return { reason: `could not signal the process: ${(error as Error).message}` }
      }
      const text = await newOutput(file, before)
      if (text === '') return { reason: `no faulthandler output within ${FAULTHANDLER_TIMEOUT_MS} ms` }
      // faulthandler stops after 100 threads, newest first: the main thread (the loop) may be past them
      if (/^\.\.\.$/m.test(text)) {
        this.logger.warning(
          `Process ${pid} has more than 100 threads, the most faulthandler prints; the event loop thread may be missing from its stacks (py-spy has no such limit).`
        )
      }
      const threads = parseFaulthandlerDump(text, { pid, ...(cwd ? { cwd } : {}), mainThreadRunning })
      return { threads, raw: { format: 'faulthandler', output: text, mainThreadRunning } }
    })
  }
}

/** What was appended to the file after `offset`, once it stops growing. */
async function newOutput(file: string, offset: number): Promise<string> {
  const deadline = performance.now() + FAULTHANDLER_TIMEOUT_MS
  let size = offset
  let stableSince = 0
  while (performance.now() < deadline) {
    await delay(FAULTHANDLER_POLL_MS)
    const now = fs.statSync(file).size
    if (now !== size) {
      size = now
      stableSince = performance.now()
    } else if (size > offset && performance.now() - stableSince >= 2 * FAULTHANDLER_POLL_MS) {
      break
    }
  }
  if (size <= offset) return ''
  const fd = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(size - offset)
    fs.readSync(fd, buffer, 0, buffer.length, offset)
    return buffer.toString('utf8')
  } finally {
    fs.closeSync(fd)
  }
}

export interface CaptureOptions {
  mode: CaptureMode
  /** the run's py-spy, found or installed once for all its apps */
  pySpy: PySpySupply
  /** present unless mode is py-spy: the app was started with the faulthandler hook */
  hook?: FaulthandlerHook
  logger: Logger
}

/**
 * Chooses how to take each sample: py-spy when it is at hand and can attach,
 * otherwise the faulthandler hook (capture: auto); or only one of them. Never
 * waits for a py-spy install when the hook can answer now.
 */
export class CaptureChain {
  private pySpy: PySpyCapturer | undefined
  /** why py-spy is not used, once that is known */
  private pySpyProblem: string | undefined
  private used: StackSource | undefined
  /** once a process of the app has loaded the hook, it stays loaded */
  private hookSeen = false
  constructor(private readonly options: CaptureOptions) {
    if (options.mode === 'faulthandler') this.pySpyProblem = 'capture: faulthandler'
  }

  /**
   * Starts finding (or installing) py-spy as the app starts, so that a hang
   * finds it ready: on PATH at once, while the app imports; in the app's own
   * environment, or by an install, once it has answered (its interpreters
   * run by then), and only if it does.
   */
  prepare(app: AppIdentity, answered: Promise<boolean>): void {
    if (this.options.mode === 'faulthandler') return
    void this.options.pySpy.find(async () => ((await answered) ? appInterpreters(app) : undefined))
  }

  /** What the report must say about the py-spy it got: an unchecked download, a refused one. */
  get warnings(): string[] {
    return this.options.pySpy.warnings
  }

  /** A sample can be taken now without waiting for an install. */
  get ready(): boolean {
    return this.options.pySpy.found !== undefined || this.hookLoaded()
  }

  /** How the stacks were taken, for the report; undefined before any sample. */
  describe(): string | undefined {
    return this.used?.describe()
  }

  /** Why no stacks could be taken, when that is so. */
  get problem(): string | undefined {
    if (this.options.hook && !this.hookLoaded()) {
      const hook =
        "the app's interpreters did not load the faulthandler hook (does start-command replace PYTHONPATH, or run python -I or -S?)"
      return this.pySpyProblem && this.options.mode !== 'faulthandler' ? `${this.pySpyProblem}; and ${hook}` : hook
    }
    return this.pySpyProblem
  }

  /** Some process of the app registered the faulthandler hook (it creates its stacks file at start). */
  private hookLoaded(): boolean {
    const hook = this.options.hook
    if (!hook || this.hookSeen) return this.hookSeen
    try {
      this.hookSeen = fs.readdirSync(hook.stacksDir).length > 0
    } catch {
      // not there yet
    }
    return this.hookSeen
  }

  /** One sample; waits at most `waitForInstallMs` for a py-spy still being installed when nothing else can answer. */
  async take(app: AppIdentity, takenAtMs: number, waitForInstallMs = 0): Promise<Taken | undefined> {
    const hookLoaded = this.hookLoaded()
    if (this.pySpyProblem === undefined) {
      // py-spy sees every thread (faulthandler at most 100 per process) and whether each runs:
      // worth a short wait while it is still being looked for, but not a whole install
      const wait = hookLoaded ? PREFER_PY_SPY_WAIT_MS : waitForInstallMs
      const { found, underWay } = this.options.pySpy
      const lookup = found ?? (underWay ? await waitAtMost(wait, underWay) : undefined)
      if (lookup && 'tool' in lookup) {
        this.pySpy ??= new PySpyCapturer(lookup.tool)
        const taken = await this.pySpy.sample(app, takenAtMs)
        if (taken.sample.processes.length > 0 || !hookLoaded) {
          this.used = this.pySpy
          return taken
        }
        const reason = `py-spy could not take the stacks: ${taken.sample.failures[0]?.reason ?? 'no output'}`
        // refused permission stays refused; anything else may pass (a dump under heavy load), so only this sample falls back
        if (this.pySpy.refused) this.pySpyProblem = reason
        else this.options.logger.warning(`${reason}; this sample is taken with faulthandler`)
        return this.faulthandlerSample(app, takenAtMs, reason)
      }
      if (lookup && 'unavailable' in lookup) this.pySpyProblem = lookup.unavailable
    }
    if (!hookLoaded) return undefined
    return this.faulthandlerSample(
      app,
      takenAtMs,
      this.pySpyProblem ?? 'py-spy was still being looked for or installed'
    )
  }

  private faulthandlerSample(app: AppIdentity, takenAtMs: number, why: string): Promise<Taken> {
    const hook = this.options.hook as FaulthandlerHook
    this.used = new FaulthandlerCapturer(hook, why, this.options.logger)
    return this.used.sample(app, takenAtMs)
  }
}
