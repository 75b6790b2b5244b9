// Turns the raw input strings into one typed, validated Settings object.
// Every problem names the input, the value given and what was expected, and
// all problems are reported together so one edit of the workflow fixes them.

import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { formatDuration, parseDuration } from '../core/durations.js'
import type { PySpySetting, Settings } from '../core/settings.js'
import { PINNED_PY_SPY } from '../capture/py-spy-install-plan.js'
import { namedRoutes } from './route-lines.js'

/** Reads one raw input by its public name (e.g. `health-timeout`); '' when unset. */
export type InputReader = (name: string) => string

export class InputError extends Error {
  constructor(
    readonly problems: string[],
    what = 'inputs are'
  ) {
    super(
      problems.length === 1
        ? problems[0]
        : `${problems.length} ${what} invalid:\n${problems.map(p => `- ${p}`).join('\n')}`
    )
    this.name = 'InputError'
  }
}

/** Below this a slow probe says more about the machine than about the app. */
export const MIN_STALL_THRESHOLD_MS = 100

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const METHOD = /^[A-Z]+$/

/**
 * action.yml's defaults, for the command line (the runner applies them for
 * the action); a unit test keeps the two the same.
 */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  'start-command': 'uvicorn app.main:app --host 127.0.0.1 --port 8000',
  'working-directory': '.',
  'base-url': 'http://127.0.0.1:8000',
  'health-path': '/health',
  'stream-path': 'auto',
  'openapi-path': '/openapi.json',
  'exclude-paths': '',
  'max-routes': '20',
  'stream-method': 'GET',
  'stream-body': '',
  'stream-headers': '',
  'abort-after-events': '1',
  'abort-after': '2s',
  cycles: '3',
  concurrency: '1',
  'health-timeout': '5s',
  'stall-threshold': '500ms',
  settle: '',
  'min-watch': '6s',
  restart: 'auto',
  shard: '',
  'startup-timeout': '60s',
  'py-spy': 'auto',
  'py-spy-version': PINNED_PY_SPY.version,
  capture: 'auto',
  comment: 'auto',
  'comment-key': '',
  'tracking-issue': 'auto',
  'allow-pull-request-target': 'false',
  'post-report': '',
  'merge-results': '',
  'fail-on-hang': 'true',
  'fail-on-stall': 'true',
  'verify-fix': 'auto'
}

export interface SettingsContext {
  /** where a relative working-directory starts from: GITHUB_WORKSPACE on a runner */
  workspace: string
  /** this machine's addresses; read from the network interfaces when not given */
  localAddresses?: string[]
  /** how a message names a setting: `Input "cycles"` for the action, `--cycles` on the command line */
  label?: (name: string) => string
}

export function getSettings(read: InputReader, context: SettingsContext): Settings {
  const problems: string[] = []
  const raw = (name: string): string => read(name).trim()
  const label = context.label ?? ((name: string) => `Input "${name}"`)
  const bad = (name: string, value: string, expected: string): void => {
    problems.push(`${label(name)} is ${value === '' ? 'empty' : JSON.stringify(value)}: expected ${expected}.`)
  }

  const required = (name: string, expected: string): string => {
    const value = raw(name)
    if (value === '') bad(name, value, expected)
    return value
  }

  const duration = (name: string): number => {
    const value = raw(name)
    const ms = parseDuration(value)
    if (ms === undefined || ms <= 0) {
      bad(name, value, 'a duration greater than zero such as 500ms, 5s, 2m, or a number of seconds')
      return 1
    }
    return ms
  }

  const count = (name: string, max: number): number => {
    const value = raw(name)
    const n = /^\d+$/.test(value) ? Number(value) : NaN
    if (!Number.isInteger(n) || n < 1 || n > max) {
      bad(name, value, `a whole number from 1 to ${max}`)
      return 1
    }
    return n
  }

  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T => {
    const value = raw(name).toLowerCase()
    if (!(allowed as readonly string[]).includes(value)) {
      bad(name, raw(name), `one of ${allowed.map(a => `"${a}"`).join(', ')}`)
      return allowed[0] as T
    }
    return value as T
  }

  const boolean = (name: string): boolean => {
    const value = raw(name)
    if (/^true$/i.test(value)) return true
    if (/^false$/i.test(value)) return false
    bad(name, value, '"true" or "false"')
    return true
  }

  const urlPath = (name: string): string => {
    const value = required(name, 'a path that starts with "/", e.g. /health')
    if (value !== '' && (!value.startsWith('/') || /\s/.test(value))) {
      bad(name, value, 'a path that starts with "/" and has no spaces, e.g. /health')
    }
    return value
  }

  const startCommand = required(
    'start-command',
    'the shell command that starts the app, e.g. uvicorn app.main:app --port 8000'
  )

  const workingDirectory = path.resolve(context.workspace, raw('working-directory') || '.')
  if (!isDirectory(workingDirectory)) {
    bad('working-directory', raw('working-directory'), `a directory that exists (resolved to ${workingDirectory})`)
  }

  const baseUrl = parseBaseUrl(raw('base-url'), bad, context.localAddresses ?? localAddresses())
  const postReport = raw('post-report') === '' ? '' : path.resolve(context.workspace, raw('post-report'))
  const mergeResults = read('merge-results')
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l !== '')
    .map(l => path.resolve(context.workspace, l))
  if (postReport !== '' && mergeResults.length > 0)
    bad(
      'merge-results',
      raw('merge-results'),
      'to be empty when post-report is given: a step either posts one saved report or merges result files'
    )
  const healthPath = urlPath('health-path')
  const commentKey = raw('comment-key')
  if (!/^[\w.-]*$/.test(commentKey))
    bad('comment-key', commentKey, 'letters, digits, ".", "_" and "-" only, e.g. py3.12')

  const methodValue = (raw('stream-method') || 'GET').toUpperCase()
  if (!METHOD.test(methodValue)) bad('stream-method', raw('stream-method'), 'an HTTP method such as GET or POST')

  const streamHeaders = parseHeaderLines(read('stream-headers'), bad)
  // post-report and merge-results modes run nothing: the run's inputs are not read
  const routes =
    postReport === '' && mergeResults.length === 0
      ? namedRoutes(read('stream-path'), METHOD.test(methodValue) ? methodValue : 'GET', (line, expected) =>
          bad('stream-path', line, expected)
        )
      : []
  const openapiPath = urlPath('openapi-path')
  const excludePaths = read('exclude-paths')
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l !== '')
  for (const glob of excludePaths)
    if (!glob.startsWith('/'))
      bad('exclude-paths', glob, 'glob patterns of paths, one per line, each starting with "/", e.g. /admin/*')

  const pySpyValue = raw('py-spy')
  let pySpy: PySpySetting
  if (pySpyValue === '' || pySpyValue.toLowerCase() === 'auto') pySpy = { mode: 'auto' }
  else if (pySpyValue.toLowerCase() === 'off') pySpy = { mode: 'off' }
  else {
    const resolved = path.resolve(context.workspace, pySpyValue)
    if (!isExecutableFile(resolved)) {
      bad('py-spy', pySpyValue, `"auto", "off", or the path of an executable py-spy (${resolved} is not one)`)
    }
    pySpy = { mode: 'path', path: resolved }
  }

  const healthTimeoutMs = duration('health-timeout')
  const stallThresholdMs = duration('stall-threshold')
  const given = (name: string): boolean => (parseDuration(raw(name)) ?? 0) > 0
  if (given('stall-threshold') && stallThresholdMs < MIN_STALL_THRESHOLD_MS) {
    bad(
      'stall-threshold',
      raw('stall-threshold'),
      `at least ${formatDuration(MIN_STALL_THRESHOLD_MS)}: shorter waits say more about the machine than about the app`
    )
  } else if (given('stall-threshold') && given('health-timeout') && stallThresholdMs >= healthTimeoutMs) {
    bad(
      'stall-threshold',
      raw('stall-threshold'),
      `a duration shorter than health-timeout (${formatDuration(healthTimeoutMs)}), where a stall becomes a hang`
    )
  }
  const settleMs = raw('settle') === '' || raw('settle').toLowerCase() === 'auto' ? undefined : duration('settle')
  const shard = (): { shard?: { index: number; count: number } } => {
    const value = raw('shard')
    if (value === '') return {}
    const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value)
    const index = Number(match?.[1])
    const count = Number(match?.[2])
    if (!match || index < 1 || index > count || count > 1000) {
      bad('shard', value, 'K/N with 1 ≤ K ≤ N ≤ 1000, e.g. 2/4 for the second of four jobs')
      return {}
    }
    return { shard: { index, count } }
  }
  const minWatch = (): number => {
    const ms = parseDuration(raw('min-watch'))
    if (ms === undefined)
      bad(
        'min-watch',
        raw('min-watch'),
        'a duration such as 6s, 500ms or 1m (a number alone is seconds), or 0 to watch no longer than the checks take'
      )
    return ms ?? 0
  }

  const pySpyVersion = (): string => {
    const value = raw('py-spy-version') || PINNED_PY_SPY.version
    if (!/^\d+(\.\d+){1,2}([a-z]+\d*)?$/.test(value))
      bad('py-spy-version', raw('py-spy-version'), `a py-spy release such as ${PINNED_PY_SPY.version} (the pinned one)`)
    return value
  }

  const settings: Settings = {
    startCommand,
    workingDirectory,
    baseUrl,
    healthPath,
    routes,
    openapiPath,
    excludePaths,
    maxRoutes: count('max-routes', 1000),
    streamMethod: methodValue,
    streamBody: read('stream-body'),
    streamHeaders,
    abortAfterEvents: count('abort-after-events', 1_000_000),
    abortAfterMs: duration('abort-after'),
    cycles: count('cycles', 1000),
    concurrency: count('concurrency', 1000),
    healthTimeoutMs,
    stallThresholdMs,
    ...(settleMs !== undefined ? { settleMs } : {}),
    minWatchMs: minWatch(),
    restart: oneOf('restart', ['auto', 'never'] as const),
    ...shard(),
    startupTimeoutMs: duration('startup-timeout'),
    pySpy,
    pySpyVersion: pySpyVersion(),
    capture: oneOf('capture', ['auto', 'py-spy', 'faulthandler'] as const),
    githubToken: raw('github-token'),
    comment: oneOf('comment', ['auto', 'always', 'never'] as const),
    commentKey,
    trackingIssue: oneOf('tracking-issue', ['auto', 'always', 'never'] as const),
    allowPullRequestTarget: boolean('allow-pull-request-target'),
    postReport,
    mergeResults,
    failOnHang: boolean('fail-on-hang'),
    failOnStall: boolean('fail-on-stall'),
    verifyFix: oneOf('verify-fix', ['auto', 'never'] as const)
  }

  if (problems.length > 0) throw new InputError(problems, context.label ? 'settings are' : 'inputs are')
  return settings
}

type Complaint = (name: string, value: string, expected: string) => void

/** The addresses of this machine: the app runs here, so base-url must reach one of them. */
function localAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap(list => (list ?? []).map(a => a.address))
}

function isLocalHost(hostname: string, addresses: string[]): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost') || host === '0.0.0.0' || host === '::') return true
  if (/^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1') return true
  return addresses.map(a => a.toLowerCase()).includes(host) || host === os.hostname().toLowerCase()
}

function parseBaseUrl(value: string, bad: Complaint, addresses: string[]): string {
  const expected = 'an http:// or https:// URL where the app listens, e.g. http://127.0.0.1:8000'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    bad('base-url', value, expected)
    return 'http://127.0.0.1'
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== ''
  ) {
    bad('base-url', value, `${expected}, without query, fragment or credentials`)
  } else if (!isLocalHost(url.hostname, addresses)) {
    bad(
      'base-url',
      value,
      `an address of this machine, where start-command runs the app (${url.hostname} is not one), e.g. http://127.0.0.1:8000`
    )
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

function parseHeaderLines(text: string, bad: Complaint): [string, string][] {
  const headers: [string, string][] = []
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return
    const colon = line.indexOf(':')
    const name = colon > 0 ? line.slice(0, colon).trim() : ''
    if (!HEADER_NAME.test(name)) {
      bad('stream-headers', line, `one "Name: value" header per line (line ${index + 1} is not one)`)
      return
    }
    headers.push([name, line.slice(colon + 1).trim()])
  })
  return headers
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory()
  } catch {
    return false
  }
}

function isExecutableFile(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK)
    return fs.statSync(p).isFile()
  } catch {
    return false
  }
}
