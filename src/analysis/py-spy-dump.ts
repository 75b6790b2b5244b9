// Parses the output of `py-spy dump --json` into our stack model. Pure: the
// process's working directory is passed in to resolve relative file names.
//
// py-spy prints one JSON array per process: a thread object has pid,
// thread_id, thread_name, os_thread_id, active, owns_gil and frames
// (innermost first), each frame name, filename, short_filename, line and,
// only with --locals, locals. We never keep locals: they may hold secrets.

import * as path from 'node:path'
import { parseFaulthandlerDump } from './faulthandler-dump.js'
import type { Frame, StackSample, ThreadStack } from '../core/diagnosis.js'

export class DumpFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DumpFormatError'
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseFrame(raw: unknown, cwd: string | undefined): Frame | undefined {
  if (!isRecord(raw)) return undefined
  const filename = typeof raw.filename === 'string' ? raw.filename : ''
  const file = path.isAbsolute(filename) || !cwd ? filename : path.resolve(cwd, filename)
  return {
    name: typeof raw.name === 'string' ? raw.name : '?',
    file,
    shortFile: typeof raw.short_filename === 'string' && raw.short_filename !== '' ? raw.short_filename : filename,
    line: typeof raw.line === 'number' ? raw.line : 0
  }
}

/** Parses the threads of one process; throws DumpFormatError when the text is not a py-spy JSON dump. */
export function parsePySpyDump(json: string | unknown, options: { pid?: number; cwd?: string } = {}): ThreadStack[] {
  let data: unknown = json
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json)
    } catch (error) {
      throw new DumpFormatError(`not JSON: ${(error as Error).message}`)
    }
  }
  if (!Array.isArray(data)) throw new DumpFormatError('expected an array of threads')
  return data.map((raw, i): ThreadStack => {
    if (!isRecord(raw) || !Array.isArray(raw.frames)) {
      throw new DumpFormatError(`thread ${i} has no frames array`)
    }
    const thread: ThreadStack = {
      pid: typeof raw.pid === 'number' ? raw.pid : (options.pid ?? 0),
      threadId: String(raw.thread_id ?? i),
      active: raw.active === true,
      ownsGil: raw.owns_gil === true,
      frames: raw.frames.map(f => parseFrame(f, options.cwd)).filter((f): f is Frame => f !== undefined)
    }
    if (typeof raw.os_thread_id === 'number') thread.osThreadId = raw.os_thread_id
    if (typeof raw.thread_name === 'string') thread.name = raw.thread_name
    return thread
  })
}

/** The stacks in py-spy's text layout, innermost frame first, for logs and the report. */
export function formatThread(thread: ThreadStack): string {
  const state = thread.active ? 'active' : 'idle'
  const title = `Thread ${thread.osThreadId ?? thread.threadId} (${state})${thread.name ? `: "${thread.name}"` : ''}`
  return [title, ...thread.frames.map(f => `    ${f.name} (${f.shortFile}:${f.line})`)].join('\n')
}

/** One process's stacks as captured, with what is needed to replay them. */
export interface RecordedDump {
  pid: number
  command: string
  /** the process's working directory, against which relative file names resolve */
  cwd?: string
  /** py-spy's JSON (the default), or faulthandler's text */
  format?: 'faulthandler'
  /** the parsed JSON that py-spy printed, or the text faulthandler wrote */
  output: unknown
  /** faulthandler only: the main thread was running when the stacks were taken */
  mainThreadRunning?: boolean
}

/** The threads of one recorded dump, whichever tool took it. */
export function threadsOf(dump: RecordedDump): ThreadStack[] {
  const cwd = dump.cwd ? { cwd: dump.cwd } : {}
  if (dump.format === 'faulthandler') {
    return parseFaulthandlerDump(String(dump.output), {
      pid: dump.pid,
      ...cwd,
      mainThreadRunning: dump.mainThreadRunning === true
    })
  }
  return parsePySpyDump(dump.output, { pid: dump.pid, ...cwd })
}

/** The file behind the dump-path output; recorded test fixtures use the same format. */
export interface StackEvidence {
  method: string
  samples: { takenAtMs: number; dumps: RecordedDump[] }[]
}

/** Rebuilds the stack samples from saved evidence. */
export function samplesFromEvidence(evidence: StackEvidence): StackSample[] {
  return evidence.samples.map(sample => ({
    takenAtMs: sample.takenAtMs,
    processes: sample.dumps.map(dump => ({ pid: dump.pid, command: dump.command, threads: threadsOf(dump) })),
    failures: []
  }))
}
