// Reads the command line into the same inputs the action takes, so that one
// validation (inputs.ts) serves both. Pure.
//
//   backend-hang-debug --stream-path /api/news/stream [options] -- uvicorn app.main:app --port 8000
//   backend-hang-debug --stream-path /api/news/stream --base-url http://127.0.0.1:8000 --pid 4242

import { parseArgs } from 'node:util'
import { INPUT_DEFAULTS } from '../inputs/inputs.js'

/** Action inputs that mean nothing on a terminal. */
const ACTION_ONLY = new Set([
  'comment',
  'comment-key',
  'tracking-issue',
  'allow-pull-request-target',
  'post-report',
  'merge-results',
  'start-command',
  'stream-headers'
])

/** Inputs of one line per value: their flags may repeat (--stream-path, --exclude-path). */
const REPEATED = new Set(['stream-path', 'exclude-paths'])
const INPUT_FLAGS = Object.keys(INPUT_DEFAULTS).filter(name => !ACTION_ONLY.has(name) && !REPEATED.has(name))

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export type CommandLine =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'run'
      /** action inputs by name, with action.yml's defaults */
      inputs: Record<string, string>
      /** an app that runs already: attach instead of starting one (working-directory is then '' unless given: the app's own) */
      pid?: number
      json: boolean
      /** print the routes discovery finds, and run no cycles */
      listRoutes: boolean
      /** false for --no-color; undefined to decide by the terminal */
      color?: boolean
    }

/** Joins argv words into one shell command, quoting those the shell would split or expand. */
export function shellJoin(words: string[]): string {
  return words.map(word => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ')
}

export function parseCommandLine(argv: string[]): CommandLine {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(INPUT_FLAGS.map(name => [name, { type: 'string' as const }])),
        'stream-path': { type: 'string', multiple: true },
        'stream-header': { type: 'string', multiple: true },
        'exclude-path': { type: 'string', multiple: true },
        'list-routes': { type: 'boolean' },
        pid: { type: 'string' },
        json: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' }
      }
    })
  } catch (error) {
    // node's messages name the flag: "Unknown option '--cycle'", "Option '--cycles <value>' argument missing"
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''))
  }
  const { values, positionals } = parsed
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }

  const inputs: Record<string, string> = { ...INPUT_DEFAULTS, comment: 'never' }
  const given = values as Record<string, string | boolean | string[] | undefined>
  for (const name of INPUT_FLAGS) {
    const value = given[name]
    if (typeof value === 'string') inputs[name] = value
  }
  const headers = values['stream-header']
  if (Array.isArray(headers)) inputs['stream-headers'] = headers.join('\n')
  const streamPaths = values['stream-path']
  if (Array.isArray(streamPaths)) inputs['stream-path'] = streamPaths.join('\n')
  const excluded = values['exclude-path']
  if (Array.isArray(excluded)) inputs['exclude-paths'] = excluded.join('\n')

  let pid: number | undefined
  if (typeof values.pid === 'string') {
    if (!/^\d+$/.test(values.pid) || Number(values.pid) < 1)
      throw new UsageError(`--pid is "${values.pid}": expected the process id of the running app`)
    pid = Number(values.pid)
    if (positionals.length > 0)
      throw new UsageError('give either --pid (attach to a running app) or a start command after --, not both')
    inputs['start-command'] = `(already running: pid ${pid})`
    // the app's own working directory, unless one is given: culprit paths are relative to it
    if (typeof given['working-directory'] !== 'string') inputs['working-directory'] = ''
  } else if (positionals.length > 0) {
    inputs['start-command'] = shellJoin(positionals)
  }
  return {
    kind: 'run',
    inputs,
    ...(pid !== undefined ? { pid } : {}),
    json: values.json === true,
    listRoutes: values['list-routes'] === true,
    ...(values['no-color'] ? { color: false } : {})
  }
}

export const HELP = `backend-hang-debug: find what blocks a FastAPI app's event loop.

It starts the app (or attaches to one that runs), opens the SSE stream and
disconnects, keeps the health route probed from the first event until the
app has settled after the disconnect, and when a probe hangs or waits too
long takes every thread's stack and names the line of your code that blocks
the loop, with the fix.

Usage:
  backend-hang-debug [--stream-path PATH ...] [options] [-- START COMMAND...]
  backend-hang-debug [--stream-path PATH ...] --base-url URL --pid PID [options]
  backend-hang-debug --list-routes [options] [-- START COMMAND...]

Examples:
  backend-hang-debug -- uvicorn app.main:app --port 8000
  backend-hang-debug --stream-path /api/news/stream -- uvicorn app.main:app --port 8000
  backend-hang-debug --stream-path /events --stream-path 'POST /chat {"prompt":"hi"}' -- uvicorn app.main:app
  backend-hang-debug --stream-path /chat --stream-method POST \\
      --stream-header 'Content-Type: application/json' --stream-body '{"prompt":"hi"}' \\
      --base-url http://127.0.0.1:9000 -- uvicorn app.main:app --port 9000
  backend-hang-debug --stream-path /api/news/stream --base-url http://127.0.0.1:8000 --pid 4242
  backend-hang-debug --stream-path /api/news/stream --json -- uvicorn app.main:app > result.json

Options (the action's inputs; defaults in brackets):
  --stream-path ROUTE         a streaming route to open and abort: PATH, 'METHOD PATH',
                              optionally with a JSON body; repeat for more
                              [auto: found in the OpenAPI document and by sniffing]
  --openapi-path PATH         where the app serves its OpenAPI document [${INPUT_DEFAULTS['openapi-path']}]
  --exclude-path GLOB         a path discovery leaves alone (* a segment, ** any); repeat
  --max-routes N              check at most N routes [${INPUT_DEFAULTS['max-routes']}]
  --list-routes               print the routes discovery finds, and stop
  --base-url URL              where the app listens [${INPUT_DEFAULTS['base-url']}]
  --health-path PATH          a route that answers 2xx when healthy [${INPUT_DEFAULTS['health-path']}]
  --working-directory DIR     where the start command runs; culprit paths are
                              relative to it [current directory; with --pid, the app's]
  --stream-method METHOD      of a --stream-path that names none [${INPUT_DEFAULTS['stream-method']}]
  --stream-header 'N: v'      a request header; repeat for more
  --stream-body TEXT          request body, for POST streams
  --abort-after-events N      disconnect after N events [${INPUT_DEFAULTS['abort-after-events']}]
  --abort-after DURATION      ... or after this long [${INPUT_DEFAULTS['abort-after']}]
  --cycles N                  open/abort cycles [${INPUT_DEFAULTS.cycles}]
  --concurrency N             streams per cycle [${INPUT_DEFAULTS.concurrency}]
  --health-timeout DURATION   a slower probe is a hang [${INPUT_DEFAULTS['health-timeout']}]
  --stall-threshold DURATION  a loop blocked this long is a stall, when the stacks
                              agree that the app blocked it [${INPUT_DEFAULTS['stall-threshold']}]
  --settle DURATION           how long to keep probing after each disconnect
                              [1.5 × the longest wait for an event, 300ms to health-timeout]
  --min-watch DURATION        keep the app watched, idle, until this long after it
                              first answered; 0: off [${INPUT_DEFAULTS['min-watch']}]
  --restart auto|never        start the app again after a route left it broken,
                              and check the rest [${INPUT_DEFAULTS.restart}]
  --shard K/N                 check only share K of N of the routes [all]
  --startup-timeout DURATION  wait this long for the first healthy probe [${INPUT_DEFAULTS['startup-timeout']}]
  --capture auto|py-spy|faulthandler
                              how stacks are taken [${INPUT_DEFAULTS.capture}]
  --py-spy auto|off|PATH      which py-spy [${INPUT_DEFAULTS['py-spy']}]
  --py-spy-version VERSION    the py-spy installed when none is found; the default
                              is pinned and sha256-checked [${INPUT_DEFAULTS['py-spy-version']}]
  --fail-on-hang true|false   exit 1 on hung, unhealthy, crashed [${INPUT_DEFAULTS['fail-on-hang']}]
  --fail-on-stall true|false  exit 1 on stalled [${INPUT_DEFAULTS['fail-on-stall']}]
  --verify-fix auto|never     try the suggested change in a scratch copy of the app
                              and run the cycles again [${INPUT_DEFAULTS['verify-fix']}]
  --pid PID                   attach to this running app; it is left running
  --json                      print the result as JSON on stdout
  --no-color                  no colour (also: NO_COLOR set, or not a terminal)
  -V, --version               print the version
  -h, --help

Without a start command and without --pid, it runs: ${INPUT_DEFAULTS['start-command']}
Durations: 500ms, 5s, 2m, or a number of seconds.
Exit status: 0 healthy, 1 stalled, hung, unhealthy, crashed, startup failed, or bad options.
`
