import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DumpFormatError, formatThread, parsePySpyDump } from '../../src/analysis/py-spy-dump.js'
import { spawn } from 'node:child_process'
import * as net from 'node:net'
import { readLogTail, stopApp } from '../../src/os/app-process.js'
import { isAlive, processTree, threadState, type ProcessInfo } from '../../src/os/process-table.js'
import { reportLinks, workspaceRelative } from '../../src/action/runner-context.js'
import { codeScope } from '../../src/engine/source-files.js'
import { appEnvironment } from '../../src/engine/guarded-run.js'
import type { ThreadStack } from '../../src/core/diagnosis.js'

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
        {
          name: 'handler',
          filename: 'app/main.py',
          short_filename: 'app/main.py',
          line: 7,
          locals: [{ name: 'password', repr: "'hunter2'" }]
        }
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

  it('says what is wrong with a dump it cannot read', () => {
    const failure = (text: string): DumpFormatError => {
      try {
        parsePySpyDump(text)
      } catch (error) {
        return error as DumpFormatError
      }
      throw new Error('expected a DumpFormatError')
    }
    expect(failure('Error: x').message).toMatch(/^not JSON: /)
    expect(failure('Error: x').name).toBe('DumpFormatError')
    expect(failure('{"pid": 1}').message).toBe('expected an array of threads')
    expect(failure('[{"frames": []}, {"pid": 1}]').message).toBe('thread 1 has no frames array')
    expect(failure('[null]').message).toBe('thread 0 has no frames array')
    expect(failure('[[]]').message).toBe('thread 0 has no frames array')
  })

  it('fills in what a thread or frame leaves out, and skips frames that are not objects', () => {
    const [bare] = parsePySpyDump(
      [{ frames: [{}, null, 'x', { name: 7, filename: 5, short_filename: '', line: '9' }] }],
      { pid: 42 }
    )
    expect(bare).toEqual({
      pid: 42,
      threadId: '0',
      active: false,
      ownsGil: false,
      frames: [
        { name: '?', file: '', shortFile: '', line: 0 },
        { name: '?', file: '', shortFile: '', line: 0 }
      ]
    })
    const [absolute] = parsePySpyDump(
      [
        {
          pid: 3,
          thread_id: 'abc',
          active: 'yes',
          owns_gil: 1,
          thread_name: 5,
          os_thread_id: '9',
          frames: [{ name: 'f', filename: '/abs/app.py', line: 2 }]
        }
      ],
      { cwd: '/srv', pid: 42 }
    )
    expect(absolute).toEqual({
      pid: 3,
      threadId: 'abc',
      active: false,
      ownsGil: false,
      frames: [{ name: 'f', file: '/abs/app.py', shortFile: '/abs/app.py', line: 2 }]
    })
    const [relative] = parsePySpyDump([
      { frames: [{ name: 'f', filename: 'app.py', short_filename: 'app.py', line: 2 }] }
    ])
    expect(relative?.frames[0]?.file).toBe('app.py')
    expect(relative?.pid).toBe(0)
    expect(formatThread({ ...(relative as ThreadStack), threadId: '77' })).toBe('Thread 77 (idle)\n    f (app.py:2)')
  })
})

describe('processTree', () => {
  const p = (pid: number, ppid: number, zombie = false, threads = 1): ProcessInfo => ({
    pid,
    ppid,
    pgid: 1,
    comm: 'x',
    state: zombie ? 'Z' : 'S',
    threads
  })

  it('collects the descendants of the root, parents first, without zombies', () => {
    const table = [p(1, 0), p(10, 1), p(11, 10), p(12, 10, true), p(13, 11), p(20, 1), p(14, 10, true, 3)]
    // 14's main thread ended, but two threads of it still run: it is no zombie yet
    expect(processTree(10, table).map(x => x.pid)).toEqual([10, 11, 14, 13])
    expect(processTree(99, table)).toEqual([])
  })
})

describe('a process whose main thread ended while another thread runs', () => {
  it('is alive, holds its listening socket, and is stopped until that socket is closed', async () => {
    // the main thread leaves with pthread_exit; a second thread keeps the process, and its socket, alive
    const script = [
      'import ctypes, socket, sys, threading, time',
      'server = socket.socket()',
      "server.bind(('127.0.0.1', 0))",
      'server.listen()',
      'print(server.getsockname()[1], flush=True)',
      'threading.Thread(target=time.sleep, args=(30,)).start()',
      'ctypes.CDLL(None).pthread_exit(None)'
    ].join('\n')
    const child = spawn('python3', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] })
    const pid = child.pid as number
    const port = await new Promise<number>(resolve =>
      child.stdout.once('data', chunk => resolve(Number(String(chunk))))
    )
    const deadline = Date.now() + 5000
    while (threadState(pid) !== 'Z' && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 10))
    const listening = (): Promise<boolean> =>
      new Promise(resolve => {
        const socket = net.connect({ host: '127.0.0.1', port })
        socket.once('connect', () => (socket.destroy(), resolve(true)))
        socket.once('error', () => resolve(false))
      })
    try {
      expect(threadState(pid)).toBe('Z')
      expect(isAlive(pid)).toBe(true)
      expect(await listening()).toBe(true)
      const stop = await stopApp({ pid, marker: '' }, 0)
      expect(stop).toEqual({ terminated: 0, killed: 1, survivors: [] })
      expect(isAlive(pid)).toBe(false)
      expect(await listening()).toBe(false)
    } finally {
      try {
        process.kill(-pid, 'SIGKILL')
      } catch {
        // gone, as it should be
      }
    }
  })
})

describe('readLogTail', () => {
  it('keeps the last lines without colour codes', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tail-')), 'app.log')
    fs.writeFileSync(
      file,
      Array.from({ length: 100 }, (_, i) => `\u001b[32mINFO\u001b[0m: line ${i}`).join('\n') + '\n'
    )
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
                frames: [
                  frame(path.join(root, 'app/main.py')),
                  frame(path.join(root, '.venv/bin/uvicorn')),
                  frame('/usr/lib/python3.11/threading.py')
                ]
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
    const context = {
      workspace,
      tempDir: '/tmp',
      eventName: 'push',
      serverUrl: 'https://github.com',
      repository: 'acme/shop',
      sha: 'abc',
      runId: '9'
    }
    const links = reportLinks(context, path.join(workspace, 'services/api'))
    expect(links.source?.('app/main.py', 12)).toBe('https://github.com/acme/shop/blob/abc/services/api/app/main.py#L12')
    expect(links.run).toBe('https://github.com/acme/shop/actions/runs/9')
    expect(links.pattern('sync-sleep')).toBe('https://github.com/acme/shop/blob/abc/README.md#sync-sleep')
    const released = reportLinks(
      { ...context, actionRepository: 'tools/backend-hang-debug', actionRef: 'v1' },
      workspace
    )
    expect(released.pattern('sync-sleep')).toBe(
      'https://github.com/tools/backend-hang-debug/blob/v1/README.md#sync-sleep'
    )
    expect(workspaceRelative(workspace, '/elsewhere/x.py')).toBeUndefined()
  })
})
