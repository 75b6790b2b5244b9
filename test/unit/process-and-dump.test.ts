import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DumpFormatError, formatThread, parsePySpyDump } from '../../src/analysis/py-spy-dump.js'
import { readLogTail } from '../../src/engine/app-process.js'
import { processTree, type ProcessInfo } from '../../src/engine/process-table.js'
import { appEnvironment, reportLinks, workspaceRelative } from '../../src/github/runner-context.js'
import { codeScope } from '../../src/engine/source-files.js'

describe('parsePySpyDump', () => {
  const raw = [
    {
      pid: 10,
      thread_id: 140000,
      thread_name: 'MainThread',
      os_thread_id: 10,
      active: true,
      owns_gil: true,
      frames: [
        { name: 'handler', filename: 'app/main.py', short_filename: 'app/main.py', line: 7, locals: [{ name: 'password', repr: "'hunter2'" }] }
      ]
    }
  ]

  it('resolves relative file names against the process directory and drops locals', () => {
    const [thread] = parsePySpyDump(JSON.stringify(raw), { cwd: '/srv/shop' })
    expect(thread).toEqual({
      pid: 10,
      threadId: '140000',
      osThreadId: 10,
      name: 'MainThread',
      active: true,
      ownsGil: true,
      frames: [{ name: 'handler', file: '/srv/shop/app/main.py', shortFile: 'app/main.py', line: 7 }]
    })
    expect(JSON.stringify(thread)).not.toContain('hunter2')
    expect(formatThread(thread as never)).toBe('Thread 10 (active): "MainThread"\n    handler (app/main.py:7)')
  })

  it.each([
    ['not JSON', 'Error: Failed to find python version'],
    ['not an array', '{"pid": 1}'],
    ['a thread without frames', '[{"pid": 1}]']
  ])('rejects %s', (_, text) => {
    expect(() => parsePySpyDump(text)).toThrow(DumpFormatError)
  })
})

describe('processTree', () => {
  const p = (pid: number, ppid: number, zombie = false): ProcessInfo => ({ pid, ppid, pgid: 1, comm: 'x', state: zombie ? 'Z' : 'S' })

  it('collects the descendants of the root, parents first, without zombies', () => {
    const table = [p(1, 0), p(10, 1), p(11, 10), p(12, 10, true), p(13, 11), p(20, 1)]
    expect(processTree(10, table).map(x => x.pid)).toEqual([10, 11, 13])
    expect(processTree(99, table)).toEqual([])
  })
})

describe('readLogTail', () => {
  it('keeps the last lines without colour codes', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tail-')), 'app.log')
    fs.writeFileSync(file, Array.from({ length: 100 }, (_, i) => `\u001b[32mINFO\u001b[0m: line ${i}`).join('\n') + '\n')
    expect(readLogTail(file, 3)).toEqual(['INFO: line 97', 'INFO: line 98', 'INFO: line 99'])
    expect(readLogTail(`${file}.missing`, 3)).toEqual([])
  })
})

describe('codeScope', () => {
  it('finds a virtualenv inside the app root from the frames that run in it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-'))
    fs.mkdirSync(path.join(root, '.venv/lib/python3.11/site-packages/uvicorn'), { recursive: true })
    fs.writeFileSync(path.join(root, '.venv/pyvenv.cfg'), 'home = /usr/bin\n')
    const frame = (file: string) => ({ name: 'f', file, shortFile: path.basename(file), line: 1 })
    const scope = codeScope(root, [
      {
        takenAtMs: 0,
        failures: [],
        processes: [
          {
            pid: 1,
            command: 'uvicorn',
            threads: [
              {
                pid: 1,
                threadId: '1',
                active: false,
                ownsGil: false,
                frames: [frame(path.join(root, 'app/main.py')), frame(path.join(root, '.venv/bin/uvicorn')), frame('/usr/lib/python3.11/threading.py')]
              }
            ]
          }
        ]
      }
    ])
    expect(scope).toEqual({ appRoot: fs.realpathSync(root), libraryRoots: [path.join(fs.realpathSync(root), '.venv')] })
  })
})

describe('runner context', () => {
  it('keeps the inputs and the runtime tokens away from the app', () => {
    const env = appEnvironment({
      PATH: '/bin',
      'INPUT_GITHUB-TOKEN': 'secret',
      STATE_isPost: 'true',
      ACTIONS_RUNTIME_TOKEN: 'secret',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'secret',
      DATABASE_URL: 'sqlite://'
    })
    expect(env).toEqual({ PATH: '/bin', DATABASE_URL: 'sqlite://' })
  })

  it('links the culprit relative to the repository root, not the working directory', () => {
    const workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ws-')))
    const context = { workspace, tempDir: '/tmp', eventName: 'push', serverUrl: 'https://github.com', repository: 'acme/shop', sha: 'abc', runId: '9' }
    const links = reportLinks(context, path.join(workspace, 'services/api'))
    expect(links.source?.('app/main.py', 12)).toBe('https://github.com/acme/shop/blob/abc/services/api/app/main.py#L12')
    expect(links.run).toBe('https://github.com/acme/shop/actions/runs/9')
    expect(links.pattern('sync-sleep')).toBe('https://github.com/acme/shop/blob/abc/README.md#sync-sleep')
    const released = reportLinks({ ...context, actionRepository: 'tools/backend-hang-debug', actionRef: 'v1' }, workspace)
    expect(released.pattern('sync-sleep')).toBe('https://github.com/tools/backend-hang-debug/blob/v1/README.md#sync-sleep')
    expect(workspaceRelative(workspace, '/elsewhere/x.py')).toBeUndefined()
  })
})
