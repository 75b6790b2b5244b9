// Runs the bundled action (dist/index.js) the way the runner does: inputs as
// INPUT_* variables with action.yml's defaults, and the GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_STATE and GITHUB_EVENT_PATH files.

import { spawn, type ChildProcess } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { inputEnvironment } from '../../scripts/action-env.mjs'
import { bundlePath, repoRoot, venvBin } from './paths.js'

export interface RunOptions {
  inputs: Record<string, string>
  /** GITHUB_EVENT_NAME and the payload written to GITHUB_EVENT_PATH */
  event?: { name: string; payload: object }
  /** more environment for the action (and so for the app) */
  env?: Record<string, string>
  /** state saved by an earlier main step: runs the post step */
  state?: Record<string, string>
  /** called with the child once it runs, e.g. to signal it */
  onSpawn?: (child: ChildProcess, files: RunFiles) => void
}

export interface RunFiles {
  dir: string
  output: string
  summary: string
  state: string
}

export interface ActionRun {
  code: number | null
  signal: string | null
  stdout: string
  outputs: Record<string, string>
  summary: string
  /** state the step saved for its post step */
  state: Record<string, string>
  /** `::error file=...,line=...::message` lines */
  annotations: { level: string; properties: Record<string, string>; message: string }[]
  ms: number
}

/** Parses the `name<<delimiter` format of GITHUB_OUTPUT and GITHUB_STATE files. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match as unknown as [string, string, string]
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] as string)
    values[name] = value.join('\n')
  }
  return values
}

function unescapeProperty(value: string): string {
  return value
    .replaceAll('%2C', ',')
    .replaceAll('%3A', ':')
    .replaceAll('%0A', '\n')
    .replaceAll('%0D', '\r')
    .replaceAll('%25', '%')
}

function parseAnnotations(stdout: string): ActionRun['annotations'] {
  const found: ActionRun['annotations'] = []
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line)
    if (!match) continue
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').trim().split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
    }
    found.push({ level: match[1] as string, properties, message: unescapeProperty(match[3] as string) })
  }
  return found
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'action-run-'))
  const files: RunFiles = {
    dir,
    output: path.join(dir, 'output.txt'),
    summary: path.join(dir, 'summary.md'),
    state: path.join(dir, 'state.txt')
  }
  for (const file of [files.output, files.summary, files.state]) fs.writeFileSync(file, '')
  const eventPath = path.join(dir, 'event.json')
  fs.writeFileSync(eventPath, JSON.stringify(options.event?.payload ?? {}))
  fs.mkdirSync(path.join(dir, 'runner-temp'))

  const env: Record<string, string> = {
    PATH: `${venvBin}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: repoRoot,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '4242',
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: path.join(dir, 'runner-temp'),
    ...options.env
  }
  Object.assign(env, inputEnvironment(options.inputs))
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value

  const started = performance.now()
  const child = spawn(process.execPath, [bundlePath], { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  options.onSpawn?.(child, files)
  const [code, signal] = await new Promise<[number | null, string | null]>(resolve =>
    child.on('close', (c, s) => resolve([c, s]))
  )
  return {
    code,
    signal,
    stdout,
    outputs: parseFileCommands(fs.readFileSync(files.output, 'utf8')),
    summary: fs.readFileSync(files.summary, 'utf8'),
    state: parseFileCommands(fs.readFileSync(files.state, 'utf8')),
    annotations: parseAnnotations(stdout),
    ms: performance.now() - started
  }
}
