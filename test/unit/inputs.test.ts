import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { getSettings, InputError } from '../../src/inputs/inputs.js'
import { actionDefaults } from '../../scripts/action-env.mjs'
import { formatDuration, parseDuration } from '../../src/core/durations.js'

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'inputs-'))
fs.mkdirSync(path.join(workspace, 'service'))

function settingsWith(overrides: Record<string, string>, localAddresses: string[] = []) {
  const inputs: Record<string, string> = {
    ...actionDefaults(),
    'stream-path': '/stream',
    'github-token': 't',
    ...overrides
  }
  return getSettings(name => inputs[name] ?? '', { workspace, localAddresses })
}

function problemsWith(overrides: Record<string, string>, localAddresses: string[] = []): string[] {
  try {
    settingsWith(overrides, localAddresses)
    return []
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as InputError).problems
  }
}

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['5s', 5000],
    ['2m', 120_000],
    ['1.5s', 1500],
    ['3', 3000],
    ['0.25', 250],
    [' 7 s ', 7000]
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms))

  it.each(['', 'abc', '5h', '-1s', '1e3', '5 seconds', 's'])('rejects %j', text =>
    expect(parseDuration(text)).toBeUndefined()
  )

  it('formats durations the way they are written', () => {
    expect([formatDuration(250), formatDuration(1000), formatDuration(1500), formatDuration(120_000)]).toEqual([
      '250ms',
      '1s',
      '1.5s',
      '2m'
    ])
  })
})

describe('getSettings', () => {
  it('reads the defaults of action.yml into typed settings', () => {
    const s = settingsWith({})
    expect(s).toMatchObject({
      startCommand: 'uvicorn app.main:app --host 127.0.0.1 --port 8000',
      workingDirectory: workspace,
      baseUrl: 'http://127.0.0.1:8000',
      healthPath: '/health',
      routes: [{ method: 'GET', path: '/stream', found: 'named' }],
      openapiPath: '/openapi.json',
      excludePaths: [],
      maxRoutes: 20,
      streamMethod: 'GET',
      streamBody: '',
      streamHeaders: [],
      abortAfterEvents: 1,
      abortAfterMs: 2000,
      cycles: 3,
      concurrency: 1,
      healthTimeoutMs: 5000,
      stallThresholdMs: 500,
      startupTimeoutMs: 60_000,
      pySpy: { mode: 'auto' },
      comment: 'auto',
      failOnHang: true,
      failOnStall: true
    })
    // settle: from the stream's event gaps unless given
    expect(settingsWith({})).not.toHaveProperty('settleMs')
  })

  it('reads stall-threshold, settle and fail-on-stall', () => {
    const s = settingsWith({ 'stall-threshold': '250ms', settle: '3s', 'fail-on-stall': 'false' })
    expect(s).toMatchObject({ stallThresholdMs: 250, settleMs: 3000, failOnStall: false })
    expect(settingsWith({ settle: 'auto' })).not.toHaveProperty('settleMs')
    expect(settingsWith({}).minWatchMs).toBe(6000)
    expect(settingsWith({}).restart).toBe('auto')
    expect(settingsWith({})).not.toHaveProperty('shard')
    expect(settingsWith({ shard: ' 2 / 4 ' }).shard).toEqual({ index: 2, count: 4 })
    expect(settingsWith({ 'min-watch': '0' }).minWatchMs).toBe(0)
    expect(settingsWith({ 'min-watch': '1m' }).minWatchMs).toBe(60_000)
    expect(settingsWith({ 'stream-path': 'WS /ws {"prompt": "hi"}' }).routes).toEqual([
      { method: 'WS', path: '/ws', body: '{"prompt": "hi"}', found: 'named' }
    ])
  })

  it('wants stall-threshold from 100ms up to, not including, health-timeout', () => {
    expect(problemsWith({ 'stall-threshold': '50ms' })).toEqual([
      'Input "stall-threshold" is "50ms": expected at least 100ms: shorter waits say more about the machine than about the app.'
    ])
    expect(problemsWith({ 'stall-threshold': '100ms' })).toEqual([])
    expect(problemsWith({ 'stall-threshold': '2s', 'health-timeout': '2s' })).toEqual([
      'Input "stall-threshold" is "2s": expected a duration shorter than health-timeout (2s), where a stall becomes a hang.'
    ])
    // a malformed value is named once, for what it is
    expect(problemsWith({ 'stall-threshold': 'soon' })).toEqual([
      'Input "stall-threshold" is "soon": expected a duration greater than zero such as 500ms, 5s, 2m, or a number of seconds.'
    ])
    expect(problemsWith({ settle: 'long' })[0]).toMatch(/^Input "settle" is "long": expected a duration/)
    expect(problemsWith({ 'fail-on-stall': 'maybe' })[0]).toBe(
      'Input "fail-on-stall" is "maybe": expected "true" or "false".'
    )
  })

  it('reads several routes, with a method and a JSON body of their own; auto or nothing finds them', () => {
    const s = settingsWith({
      'stream-path': '/events\nPOST /v1/chat/completions {"prompt": "hi"}\n\n  put /jobs  ',
      'stream-method': 'post'
    })
    expect(s.routes).toEqual([
      { method: 'POST', path: '/events', found: 'named' },
      { method: 'POST', path: '/v1/chat/completions', body: '{"prompt": "hi"}', found: 'named' },
      { method: 'PUT', path: '/jobs', found: 'named' }
    ])
    expect(settingsWith({ 'stream-path': 'auto' }).routes).toEqual([])
    expect(settingsWith({ 'stream-path': '' }).routes).toEqual([])
    expect(problemsWith({ 'stream-path': 'POST /chat {prompt: hi}' })).toEqual([
      'Input "stream-path" is "POST /chat {prompt: hi}": expected a JSON body after the path ({prompt: hi} is not JSON).'
    ])
  })

  it('reads openapi-path, exclude-paths and max-routes', () => {
    const s = settingsWith({
      'openapi-path': '/api/schema.json',
      'exclude-paths': '/admin/*\n\n/internal/**',
      'max-routes': '5'
    })
    expect(s).toMatchObject({
      openapiPath: '/api/schema.json',
      excludePaths: ['/admin/*', '/internal/**'],
      maxRoutes: 5
    })
    expect(problemsWith({ 'exclude-paths': 'admin/*' })).toEqual([
      'Input "exclude-paths" is "admin/*": expected glob patterns of paths, one per line, each starting with "/", e.g. /admin/*.'
    ])
    expect(problemsWith({ 'max-routes': '0' })[0]).toBe(
      'Input "max-routes" is "0": expected a whole number from 1 to 1000.'
    )
    expect(problemsWith({ 'openapi-path': 'openapi.json' })[0]).toMatch(/^Input "openapi-path" is "openapi.json"/)
  })

  it('parses headers, method, a base path and a subfolder', () => {
    const s = settingsWith({
      'stream-headers': 'Authorization: Bearer abc:def\n\nX-Tenant:  acme  \n',
      'stream-method': 'post',
      'base-url': 'http://localhost:9000/api/',
      'working-directory': 'service',
      comment: 'Never',
      'fail-on-hang': 'False',
      'py-spy': 'off'
    })
    expect(s.streamHeaders).toEqual([
      ['Authorization', 'Bearer abc:def'],
      ['X-Tenant', 'acme']
    ])
    expect(s.streamMethod).toBe('POST')
    expect(s.baseUrl).toBe('http://localhost:9000/api')
    expect(s.workingDirectory).toBe(path.join(workspace, 'service'))
    expect(s.comment).toBe('never')
    expect(s.failOnHang).toBe(false)
    expect(s.pySpy).toEqual({ mode: 'off' })
  })

  it('names the input, the value and what was expected', () => {
    expect(problemsWith({ 'health-timeout': 'soon' })).toEqual([
      'Input "health-timeout" is "soon": expected a duration greater than zero such as 500ms, 5s, 2m, or a number of seconds.'
    ])
    expect(problemsWith({ cycles: '0' })[0]).toBe('Input "cycles" is "0": expected a whole number from 1 to 1000.')
    expect(problemsWith({ concurrency: '-2' })[0]).toMatch(/^Input "concurrency" is "-2"/)
    expect(problemsWith({ comment: 'sometimes' })[0]).toBe(
      'Input "comment" is "sometimes": expected one of "auto", "always", "never".'
    )
    expect(problemsWith({ 'stream-path': 'events' })[0]).toMatch(
      /^Input "stream-path" is "events": expected a path that starts with "\/", or "METHOD \/path"/
    )
    expect(problemsWith({ 'health-path': 'health' })[0]).toMatch(/^Input "health-path" is "health"/)
    expect(problemsWith({ 'base-url': 'localhost:8000' })[0]).toMatch(
      /^Input "base-url" is "localhost:8000": expected an http:\/\/ or https:\/\/ URL/
    )
    expect(problemsWith({ 'base-url': 'ftp://127.0.0.1' })[0]).toMatch(/^Input "base-url"/)
    expect(problemsWith({ 'working-directory': 'missing' })[0]).toContain(
      `resolved to ${path.join(workspace, 'missing')}`
    )
    expect(problemsWith({ 'stream-headers': 'no colon here' })[0]).toContain('line 1 is not one')
    expect(problemsWith({ 'fail-on-hang': 'yes' })[0]).toBe(
      'Input "fail-on-hang" is "yes": expected "true" or "false".'
    )
    expect(problemsWith({ 'py-spy': './nope/py-spy' })[0]).toMatch(/^Input "py-spy" is "\.\/nope\/py-spy"/)
    expect(problemsWith({ 'abort-after': '0s' })[0]).toMatch(/^Input "abort-after" is "0s"/)
    expect(problemsWith({ 'stream-method': 'GET /x' })[0]).toMatch(/^Input "stream-method"/)
    expect(problemsWith({ capture: 'gdb' })[0]).toBe(
      'Input "capture" is "gdb": expected one of "auto", "py-spy", "faulthandler".'
    )
  })

  it('wants base-url on this machine, where start-command runs the app', () => {
    expect(problemsWith({ 'base-url': 'http://10.20.30.40:8000' })[0]).toBe(
      'Input "base-url" is "http://10.20.30.40:8000": expected an address of this machine, where start-command runs the app (10.20.30.40 is not one), e.g. http://127.0.0.1:8000.'
    )
    expect(problemsWith({ 'base-url': 'http://api.example.com' })[0]).toMatch(/api\.example\.com is not one/)
    for (const local of [
      'http://localhost:8000',
      'http://127.0.0.2:9000',
      'http://[::1]:8000',
      'http://0.0.0.0:8000'
    ]) {
      expect(problemsWith({ 'base-url': local }), local).toEqual([])
    }
    // an address of one of this machine's interfaces (a container's, say) is local too
    expect(problemsWith({ 'base-url': 'http://10.1.0.7:8000' }, ['10.1.0.7'])).toEqual([])
  })

  it('reports every invalid input at once', () => {
    try {
      settingsWith({ cycles: 'many', 'startup-timeout': '-5s' })
      throw new Error('expected an InputError')
    } catch (error) {
      expect((error as Error).message).toBe(
        '2 inputs are invalid:\n- Input "cycles" is "many": expected a whole number from 1 to 1000.\n' +
          '- Input "startup-timeout" is "-5s": expected a duration greater than zero such as 500ms, 5s, 2m, or a number of seconds.'
      )
    }
  })
})

describe('getSettings, every message word for word', () => {
  const exe = path.join(workspace, 'py-spy-here')
  fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 })
  fs.writeFileSync(path.join(workspace, 'not-executable'), '', { mode: 0o644 })

  it.each<[Record<string, string>, string]>([
    [
      { 'start-command': ' ' },
      'Input "start-command" is empty: expected the shell command that starts the app, e.g. uvicorn app.main:app --port 8000.'
    ],
    [{ 'health-path': '' }, 'Input "health-path" is empty: expected a path that starts with "/", e.g. /health.'],
    [
      { 'health-path': '/he alth' },
      'Input "health-path" is "/he alth": expected a path that starts with "/" and has no spaces, e.g. /health.'
    ],
    [
      { 'openapi-path': 'openapi.json' },
      'Input "openapi-path" is "openapi.json": expected a path that starts with "/" and has no spaces, e.g. /health.'
    ],
    [
      { 'working-directory': 'service/missing' },
      `Input "working-directory" is "service/missing": expected a directory that exists (resolved to ${path.join(workspace, 'service/missing')}).`
    ],
    [
      { 'comment-key': 'py 3.12' },
      'Input "comment-key" is "py 3.12": expected letters, digits, ".", "_" and "-" only, e.g. py3.12.'
    ],
    [
      { 'comment-key': 'a/b' },
      'Input "comment-key" is "a/b": expected letters, digits, ".", "_" and "-" only, e.g. py3.12.'
    ],
    [
      { 'comment-key': '/ab' },
      'Input "comment-key" is "/ab": expected letters, digits, ".", "_" and "-" only, e.g. py3.12.'
    ],
    [
      { 'comment-key': 'ab/' },
      'Input "comment-key" is "ab/": expected letters, digits, ".", "_" and "-" only, e.g. py3.12.'
    ],
    [{ 'stream-method': 'GE T' }, 'Input "stream-method" is "GE T": expected an HTTP method such as GET or POST.'],
    [
      { 'exclude-paths': '/ok/*\n  admin/*  ' },
      'Input "exclude-paths" is "admin/*": expected glob patterns of paths, one per line, each starting with "/", e.g. /admin/*.'
    ],
    [
      { 'py-spy': 'not-executable' },
      `Input "py-spy" is "not-executable": expected "auto", "off", or the path of an executable py-spy (${path.join(workspace, 'not-executable')} is not one).`
    ],
    [
      { 'py-spy': 'service' },
      `Input "py-spy" is "service": expected "auto", "off", or the path of an executable py-spy (${path.join(workspace, 'service')} is not one).`
    ],
    [
      { 'stall-threshold': '50ms' },
      'Input "stall-threshold" is "50ms": expected at least 100ms: shorter waits say more about the machine than about the app.'
    ],
    [
      { 'stall-threshold': '2s', 'health-timeout': '2s' },
      'Input "stall-threshold" is "2s": expected a duration shorter than health-timeout (2s), where a stall becomes a hang.'
    ],
    [
      { settle: 'later' },
      'Input "settle" is "later": expected a duration greater than zero such as 500ms, 5s, 2m, or a number of seconds.'
    ],
    [
      { 'min-watch': 'a while' },
      'Input "min-watch" is "a while": expected a duration such as 6s, 500ms or 1m (a number alone is seconds), or 0 to watch no longer than the checks take.'
    ],
    [
      { 'stream-path': 'WS /ws hello' },
      'Input "stream-path" is "WS /ws hello": expected a JSON body after the path (hello is not JSON).'
    ],
    ...['latest', 'v0.4.2', '0.4.2-', '0', '0.4.2.1.0', '0.4.2rcX'].map((v): [Record<string, string>, string] => [
      { 'py-spy-version': v },
      `Input "py-spy-version" is "${v}": expected a py-spy release such as 0.4.2 (the pinned one).`
    ]),
    [{ 'max-routes': '1001' }, 'Input "max-routes" is "1001": expected a whole number from 1 to 1000.'],
    [{ cycles: '3x' }, 'Input "cycles" is "3x": expected a whole number from 1 to 1000.'],
    [{ cycles: 'x3' }, 'Input "cycles" is "x3": expected a whole number from 1 to 1000.'],
    [
      { 'abort-after-events': '1000001' },
      'Input "abort-after-events" is "1000001": expected a whole number from 1 to 1000000.'
    ],
    ...['truely', 'isfalse', 'falsey', 'nottrue'].map((v): [Record<string, string>, string] => [
      { 'fail-on-stall': v },
      `Input "fail-on-stall" is "${v}": expected "true" or "false".`
    ]),
    [
      { 'base-url': 'not a url' },
      'Input "base-url" is "not a url": expected an http:// or https:// URL where the app listens, e.g. http://127.0.0.1:8000.'
    ],
    [
      { 'base-url': 'http://127.0.0.1:8000/?x=1' },
      'Input "base-url" is "http://127.0.0.1:8000/?x=1": expected an http:// or https:// URL where the app listens, e.g. http://127.0.0.1:8000, without query, fragment or credentials.'
    ],
    [
      { 'base-url': 'http://127.0.0.1:8000/#top' },
      'Input "base-url" is "http://127.0.0.1:8000/#top": expected an http:// or https:// URL where the app listens, e.g. http://127.0.0.1:8000, without query, fragment or credentials.'
    ],
    [
      { 'base-url': 'http://me@127.0.0.1:8000' },
      'Input "base-url" is "http://me@127.0.0.1:8000": expected an http:// or https:// URL where the app listens, e.g. http://127.0.0.1:8000, without query, fragment or credentials.'
    ],
    [
      { 'base-url': 'http://127.0.0.1.example.com' },
      'Input "base-url" is "http://127.0.0.1.example.com": expected an address of this machine, where start-command runs the app (127.0.0.1.example.com is not one), e.g. http://127.0.0.1:8000.'
    ],
    [
      { 'base-url': 'http://localhost.example.com' },
      'Input "base-url" is "http://localhost.example.com": expected an address of this machine, where start-command runs the app (localhost.example.com is not one), e.g. http://127.0.0.1:8000.'
    ],
    [
      { 'base-url': 'http://10.127.0.0.1' },
      'Input "base-url" is "http://10.127.0.0.1": expected an http:// or https:// URL where the app listens, e.g. http://127.0.0.1:8000.'
    ],
    [
      { 'stream-headers': 'X-Ok: 1\n: no name' },
      'Input "stream-headers" is ": no name": expected one "Name: value" header per line (line 2 is not one).'
    ],
    [
      { 'stream-headers': 'Bad Name: 1' },
      'Input "stream-headers" is "Bad Name: 1": expected one "Name: value" header per line (line 1 is not one).'
    ],
    [
      { 'stream-headers': 'X(: 1' },
      'Input "stream-headers" is "X(: 1": expected one "Name: value" header per line (line 1 is not one).'
    ],
    [
      { 'stream-headers': '(X: 1' },
      'Input "stream-headers" is "(X: 1": expected one "Name: value" header per line (line 1 is not one).'
    ]
  ])('%j', (overrides, message) => {
    expect(problemsWith(overrides)).toEqual([message])
  })

  it('reads what each input says, trimmed, with the case of booleans and modes ignored', () => {
    const s = settingsWith({
      'start-command': '  python -m app  ',
      'working-directory': ' service ',
      'fail-on-stall': 'FALSE',
      'fail-on-hang': 'True',
      'allow-pull-request-target': 'TRUE',
      'py-spy': 'AUTO',
      'py-spy-version': ' 0.3.14 ',
      'comment-key': 'py3.12_a-b',
      'stream-body': '  {"q": 1}  ',
      'github-token': '  tok  ',
      'base-url': 'http://[::1]:8000/api//',
      'stream-headers': 'X-A:  one \n\nAuthorization: Bearer a:b',
      'post-report': ''
    })
    expect(s.startCommand).toBe('python -m app')
    expect(s.workingDirectory).toBe(path.join(workspace, 'service'))
    expect([s.failOnStall, s.failOnHang, s.allowPullRequestTarget]).toEqual([false, true, true])
    expect(s.pySpy).toEqual({ mode: 'auto' })
    expect(s.pySpyVersion).toBe('0.3.14')
    expect(s.commentKey).toBe('py3.12_a-b')
    expect(s.streamBody).toBe('  {"q": 1}  ')
    expect(s.githubToken).toBe('tok')
    expect(s.baseUrl).toBe('http://[::1]:8000/api')
    expect(s.streamHeaders).toEqual([
      ['X-A', 'one'],
      ['Authorization', 'Bearer a:b']
    ])
    expect(s.postReport).toBe('')
    expect(settingsWith({ 'py-spy': 'py-spy-here' }).pySpy).toEqual({ mode: 'path', path: exe })
    expect(settingsWith({ 'py-spy-version': '' }).pySpyVersion).toBe('0.4.2')
    expect(settingsWith({ 'py-spy-version': '0.4.0a1' }).pySpyVersion).toBe('0.4.0a1')
    expect(settingsWith({ 'post-report': ' saved/publish.json ' }).postReport).toBe(
      path.join(workspace, 'saved/publish.json')
    )
    expect(settingsWith({ 'post-report': 'saved/publish.json', 'stream-path': 'not a path' }).routes).toEqual([])
    expect(settingsWith({ 'merge-results': ' results/a \n\n results/b/result.json ' }).mergeResults).toEqual([
      path.join(workspace, 'results/a'),
      path.join(workspace, 'results/b/result.json')
    ])
    expect(settingsWith({}).mergeResults).toEqual([])
    expect(settingsWith({ 'merge-results': 'results', 'stream-path': 'not a path' }).routes).toEqual([])
    expect(problemsWith({ 'merge-results': 'results', 'post-report': 'saved' })).toEqual([
      'Input "merge-results" is "results": expected to be empty when post-report is given: a step either posts one saved report or merges result files.'
    ])
    expect(settingsWith({ 'base-url': 'http://APP.localhost:8000' }).baseUrl).toBe('http://app.localhost:8000')
    expect(settingsWith({ 'base-url': 'http://127.10.20.30' }).baseUrl).toBe('http://127.10.20.30')
    expect(settingsWith({ 'base-url': `http://${os.hostname().toUpperCase()}:8000` }).baseUrl).toBe(
      `http://${os.hostname().toLowerCase()}:8000`
    )
    expect(settingsWith({ 'base-url': 'http://[FE80::1]:8000' }, ['fe80::1']).baseUrl).toBe('http://[fe80::1]:8000')
    expect(settingsWith({ 'max-routes': '1000', cycles: '1' })).toMatchObject({ maxRoutes: 1000, cycles: 1 })
  })

  it('says "settings" on the command line, with its own names for them', () => {
    const inputs: Record<string, string> = { ...actionDefaults(), 'stream-path': '/stream', cycles: 'x' }
    expect(() =>
      getSettings(name => inputs[name] ?? '', { workspace, localAddresses: [], label: name => `--${name}` })
    ).toThrow(new InputError(['--cycles is "x": expected a whole number from 1 to 1000.'], 'settings are'))
    try {
      getSettings(name => ({ ...inputs, cycles: 'x', concurrency: 'y' })[name] ?? '', {
        workspace,
        localAddresses: [],
        label: name => `--${name}`
      })
    } catch (error) {
      expect(error).toBeInstanceOf(InputError)
      expect((error as Error).name).toBe('InputError')
      expect((error as Error).message.split('\n')[0]).toBe('2 settings are invalid:')
    }
  })
})
