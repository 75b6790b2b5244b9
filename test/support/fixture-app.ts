// The one helper that prepares a fixture app for an end-to-end run: where it
// lives, how to start it on a free port, and how to tell afterwards whether
// any of its processes is left.

import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { freePort } from '../../scripts/action-env.mjs'
import { processesWithEnv } from '../../src/os/process-table.js'
import { fixturesDir, repoRoot } from './paths.js'

export type FixtureName =
  | 'news-app'
  | 'news-app-fixed'
  | 'chat-app'
  | 'edge-cases'
  | 'import-error'
  | 'patterns'
  | 'aiohttp-app'
  | 'django-app'
  | 'native-sse'
  | 'raw-asgi'
  | 'multi-stream'
  | 'plain-routes'
  | 'stream-shapes'
  | 'background'
  | 'unseen-code'
  | 'many-routes'

export interface PreparedApp {
  /** GITHUB_WORKSPACE for the run */
  workspace: string
  /** the working-directory input, relative to the workspace */
  workingDirectory: string
  port: number
  /** inputs that start this app on its port and point the probes at it */
  inputs: Record<string, string>
  /** environment that marks every process of this run, for leftoverProcesses() */
  env: Record<string, string>
  /** processes of this run that are still alive */
  leftoverProcesses(): number[]
}

const TAG = 'BACKEND_HANG_DEBUG_TEST_RUN'

/**
 * news-app runs the example in place; news-app-fixed is a copy of it with the
 * fixed stream route, in a workspace of its own (as after a PR's fix).
 */
export async function prepareApp(name: FixtureName, uvicornArgs = ''): Promise<PreparedApp> {
  let workspace = repoRoot
  let workingDirectory: string
  if (name === 'news-app') {
    workingDirectory = 'examples/news-app'
  } else if (name === 'news-app-fixed') {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-'))
    fs.cpSync(path.join(repoRoot, 'examples/news-app'), workspace, { recursive: true })
    fs.copyFileSync(
      path.join(fixturesDir, 'news-app-fixed/stream.py'),
      path.join(workspace, 'app/api/routes/stream.py')
    )
    workingDirectory = '.'
  } else {
    workingDirectory = path.relative(repoRoot, path.join(fixturesDir, 'apps', name))
  }
  const port = await freePort()
  const tag = randomUUID()
  return {
    workspace,
    workingDirectory,
    port,
    inputs: {
      'working-directory': workingDirectory,
      'start-command': `uvicorn app.main:app --host 127.0.0.1 --port ${port} ${uvicornArgs}`.trim(),
      'base-url': `http://127.0.0.1:${port}`,
      'health-timeout': '1s',
      'startup-timeout': '20s'
    },
    env: { [TAG]: tag, GITHUB_WORKSPACE: workspace, PYTHONDONTWRITEBYTECODE: '1' },
    leftoverProcesses: () => processesWithEnv(TAG, tag).map(p => p.pid)
  }
}
