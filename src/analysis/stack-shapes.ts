// Recognises the parts of a Python stack by their structure: which frames are
// the event loop's machinery, which are a task's own work, and which are the
// app's code. File names are matched by their trailing path so that any
// Python install (pyenv, system, venv, setup-python) is recognised.

import * as path from 'node:path'
import type { Frame, ThreadStack } from '../core/diagnosis.js'

export function inFile(frame: Frame, suffix: string): boolean {
  const file = frame.file.replaceAll('\\', '/')
  return file === suffix || file.endsWith(`/${suffix}`) || frame.shortFile === suffix
}

/** Reads the source lines of a file; undefined when it cannot. */
export type ReadLines = (absolutePath: string) => string[] | undefined

/**
 * Frames of an asyncio event loop that runs on this thread: stdlib asyncio's
 * own, or, for uvloop, whose loop is compiled and has no Python frames, the
 * functions known to run one (asyncio.run's runner, uvloop.run, aiohttp's
 * web.run_app).
 */
function isLoopMachinery(frame: Frame): boolean {
  if (inFile(frame, 'asyncio/events.py') && frame.name === '_run') return true
  if (
    inFile(frame, 'asyncio/base_events.py') &&
    ['_run_once', 'run_forever', 'run_until_complete'].includes(frame.name)
  )
    return true
  if (inFile(frame, 'asyncio/runners.py')) return true
  if (inFile(frame, 'aiohttp/web.py') && frame.name === 'run_app') return true
  // anyio's own `run` is not matched: its worker threads have a frame of that name too
  return /\/uvloop\//.test(frame.file) || frame.shortFile.startsWith('uvloop/')
}

/** A line that starts an event loop and stays in it: the frame that runs a compiled loop (uvloop) anywhere else. */
const STARTS_A_LOOP = /\b(?:run_until_complete|run_forever)\s*\(|\b(?:asyncio|uvloop)\.run\s*\(/

function startsALoop(frame: Frame, readLines: ReadLines | undefined): boolean {
  const line = readLines?.(frame.file)?.[frame.line - 1]
  return line !== undefined && STARTS_A_LOOP.test(line)
}

const SERVER_PACKAGES = /(^|\/)(uvicorn|hypercorn|granian|gunicorn|daphne)\//
/** aiohttp's server (web.run_app and its runner), not its client, which runs in any thread */
const AIOHTTP_SERVER = /(^|\/)aiohttp\/web(_runner|_protocol|_server)?\.py$/

/** Frames of a web server that drives the loop; they make a loop thread the one that serves HTTP. */
function isServerFrame(frame: Frame): boolean {
  return [frame.shortFile, frame.file].some(file => SERVER_PACKAGES.test(file) || AIOHTTP_SERVER.test(file))
}

export interface LoopThreadShape {
  thread: ThreadStack
  /** frames inner to the loop's dispatch: what the loop is executing now, innermost first */
  work: Frame[]
  /** true when the loop is waiting for I/O in its selector (or uvloop's C loop) */
  idle: boolean
  /** a web server frame lies below the loop */
  serves: boolean
}

/**
 * The frames a thread really runs. A process started with fork (a
 * ProcessPoolExecutor worker, multiprocessing) inherits a copy of the stack
 * it was forked from, loop and all; those frames lie outward of
 * multiprocessing's `_launch` and belong to the parent.
 */
export function ownFrames(thread: ThreadStack): Frame[] {
  const fork = thread.frames.findIndex(f => f.name === '_launch' && inFile(f, 'multiprocessing/popen_fork.py'))
  return fork < 0 ? thread.frames : thread.frames.slice(0, fork)
}

/**
 * Describes the thread as an event-loop thread, or undefined when no loop
 * runs on it. With the source at hand, a frame whose line starts a loop
 * (`loop.run_until_complete(...)`) marks one that no known frame does.
 */
export function loopShape(thread: ThreadStack, readLines?: ReadLines): LoopThreadShape | undefined {
  const frames = ownFrames(thread)
  // the dispatch frame (Handle._run) runs callbacks and task steps; without it
  // (uvloop dispatches in C) the innermost loop frame is the boundary
  let boundary = frames.findIndex(f => inFile(f, 'asyncio/events.py') && f.name === '_run')
  if (boundary < 0) boundary = frames.findIndex(isLoopMachinery)
  if (boundary < 0) boundary = frames.findIndex(f => startsALoop(f, readLines))
  if (boundary < 0) return undefined
  const work = frames.slice(0, boundary)
  const idle = work.length === 0 || work.every(f => inFile(f, 'selectors.py'))
  return { thread, work, idle, serves: frames.some(isServerFrame) }
}

/** Orders candidate loop threads: busy before idle, serving before not, the main thread first. */
export function rankLoopThreads(shapes: LoopThreadShape[]): LoopThreadShape[] {
  const score = (s: LoopThreadShape): number =>
    (s.idle ? 0 : 4) + (s.serves ? 2 : 0) + (s.thread.name === 'MainThread' ? 1 : 0)
  return [...shapes].sort((a, b) => score(b) - score(a))
}

export interface CodeScope {
  /** absolute path of the app's root (working-directory) */
  appRoot: string
  /** roots of virtualenvs and other installed code, even when they lie inside appRoot */
  libraryRoots: string[]
}

function isUnder(file: string, root: string): boolean {
  const relative = path.relative(root, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

/** The app's own code: under the app root, never installed packages or a virtualenv. */
export function isAppCode(frame: Frame, scope: CodeScope): boolean {
  if (!path.isAbsolute(frame.file) || !isUnder(frame.file, scope.appRoot)) return false
  if (/[\\/](site|dist)-packages[\\/]/.test(frame.file)) return false
  return !scope.libraryRoots.some(root => isUnder(frame.file, root))
}

/** The app-relative path with forward slashes. */
export function appRelative(file: string, scope: CodeScope): string {
  return path.relative(scope.appRoot, file).split(path.sep).join('/')
}

export function sameFrame(a: Frame | undefined, b: Frame | undefined): boolean {
  return !!a && !!b && a.file === b.file && a.line === b.line && a.name === b.name
}

export function frameLabel(frame: Frame): string {
  return `${frame.name} (${frame.shortFile}:${frame.line})`
}
