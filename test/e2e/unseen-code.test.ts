// Code the catalog has never seen, live: a C call with no frame under it,
// client libraries outside any list, a vendored client, and a synchronous
// streaming response consumed by a `for` in an async generator. Each gets
// its pattern (never unknown), its culprit line, and a fix that verify-fix
// proves healthy in a scratch copy. Real uvicorn, real py-spy.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ResultDocument } from '../../src/report/result-document.js'
import { prepareApp } from '../support/fixture-app.js'
import { fixturesDir, lineOf } from '../support/paths.js'
import { runAction } from '../support/run-action.js'

const appDir = path.join(fixturesDir, 'apps/unseen-code')
const at = (file: string, text: string): string => `${file}:${lineOf(path.join(appDir, file), text)}`
/** The line holding `text` in the function that `def` starts. */
function within(def: string, text: string): string {
  const lines = fs.readFileSync(path.join(appDir, 'app/main.py'), 'utf8').split('\n')
  const start = lines.findIndex(l => l.includes(def))
  return `app/main.py:${start + lines.slice(start).findIndex(l => l.includes(text)) + 1}`
}

describe.concurrent('code the catalog has never seen', () => {
  it.each([
    [
      'os.system() (a deploy hook)',
      '/deploy/stream',
      'subprocess-wait',
      at('app/main.py', 'os.system("sleep 30")'),
      'os.system'
    ],
    ['os.waitpid()', '/reap/stream', 'subprocess-wait', at('app/main.py', 'os.waitpid(pid, 0)'), 'os.waitpid'],
    [
      'websocket-client, reading its socket itself',
      '/ws-client/stream',
      'sync-io',
      at('app/main.py', 'websocket.create_connection('),
      'websocket.create_connection'
    ],
    [
      'paho-mqtt, waiting in select.select()',
      '/mqtt/stream',
      'sync-io',
      at('app/main.py', 'client.loop(timeout=30)'),
      'client.loop'
    ],
    [
      'a vendored client calling sock.recv()',
      '/vendored/stream',
      'sync-io',
      at('app/vendor/tinyhttp.py', 'chunk = sock.recv(4096)'),
      'tinyhttp.get'
    ],
    [
      "a for over requests' iter_lines()",
      '/proxy/stream',
      'sync-io',
      at('app/main.py', 'for line in upstream.iter_lines():'),
      'asyncio.to_thread(next, line_iter'
    ],
    [
      'the same through a helper generator',
      '/proxy/helper-stream',
      'sync-io',
      within('def upstream_tokens', 'for line in upstream.iter_lines():'),
      'asyncio.to_thread(next, token_iter'
    ],
    [
      'a for with break and else',
      '/proxy/until-done',
      'sync-io',
      within('def proxy_until_done', 'for line in upstream.iter_lines():'),
      'asyncio.to_thread(next, line_iter'
    ]
  ])('%s: named, and its fix proven healthy', async (_name, streamPath, pattern, culprit, change) => {
    const app = await prepareApp('unseen-code')
    const run = await runAction({
      inputs: { ...app.inputs, 'stream-path': streamPath, comment: 'never', 'min-watch': '0' },
      env: app.env
    })
    expect(run.code, run.stdout).toBe(1)
    expect(run.outputs).toMatchObject({ verdict: 'hung', pattern })
    const result = JSON.parse(fs.readFileSync(run.outputs['result-path'] as string, 'utf8')) as ResultDocument
    expect(result.culprit).toBe(culprit)
    expect(result.fix?.primary?.edits.flatMap(e => e.after).join('\n')).toContain(change)
    expect(result.fix?.verification, JSON.stringify(result.fix)).toMatchObject({ verdict: 'healthy' })
    expect(app.leftoverProcesses()).toEqual([])
  })
})
