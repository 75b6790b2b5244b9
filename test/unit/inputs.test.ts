import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatDuration, getSettings, InputError, parseDuration } from '../../src/inputs.js'
import { actionDefaults } from '../../scripts/action-env.mjs'

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'inputs-'))
fs.mkdirSync(path.join(workspace, 'service'))

function settingsWith(overrides: Record<string, string>, localAddresses: string[] = []) {
  const inputs: Record<string, string> = { ...actionDefaults(), 'stream-path': '/stream', 'github-token': 't', ...overrides }
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

  it.each(['', 'abc', '5h', '-1s', '1e3', '5 seconds', 's'])('rejects %j', text => expect(parseDuration(text)).toBeUndefined())

  it('formats durations the way they are written', () => {
    expect([formatDuration(250), formatDuration(1000), formatDuration(1500), formatDuration(120_000)]).toEqual(['250ms', '1s', '1.5s', '2m'])
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
    expect(problemsWith({ 'fail-on-stall': 'maybe' })[0]).toBe('Input "fail-on-stall" is "maybe": expected "true" or "false".')
  })

  it('reads several routes, with a method and a JSON body of their own; auto or nothing finds them', () => {
    const s = settingsWith({ 'stream-path': '/events\nPOST /v1/chat/completions {"prompt": "hi"}\n\n  put /jobs  ', 'stream-method': 'post' })
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
    const s = settingsWith({ 'openapi-path': '/api/schema.json', 'exclude-paths': '/admin/*\n\n/internal/**', 'max-routes': '5' })
    expect(s).toMatchObject({ openapiPath: '/api/schema.json', excludePaths: ['/admin/*', '/internal/**'], maxRoutes: 5 })
    expect(problemsWith({ 'exclude-paths': 'admin/*' })).toEqual(['Input "exclude-paths" is "admin/*": expected glob patterns of paths, one per line, each starting with "/", e.g. /admin/*.'])
    expect(problemsWith({ 'max-routes': '0' })[0]).toBe('Input "max-routes" is "0": expected a whole number from 1 to 1000.')
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
    expect(problemsWith({ comment: 'sometimes' })[0]).toBe('Input "comment" is "sometimes": expected one of "auto", "always", "never".')
    expect(problemsWith({ 'stream-path': 'events' })[0]).toMatch(/^Input "stream-path" is "events": expected a path that starts with "\/", or "METHOD \/path"/)
    expect(problemsWith({ 'health-path': 'health' })[0]).toMatch(/^Input "health-path" is "health"/)
    expect(problemsWith({ 'base-url': 'localhost:8000' })[0]).toMatch(/^Input "base-url" is "localhost:8000": expected an http:\/\/ or https:\/\/ URL/)
    expect(problemsWith({ 'base-url': 'ftp://127.0.0.1' })[0]).toMatch(/^Input "base-url"/)
    expect(problemsWith({ 'working-directory': 'missing' })[0]).toContain(`resolved to ${path.join(workspace, 'missing')}`)
    expect(problemsWith({ 'stream-headers': 'no colon here' })[0]).toContain('line 1 is not one')
    expect(problemsWith({ 'fail-on-hang': 'yes' })[0]).toBe('Input "fail-on-hang" is "yes": expected "true" or "false".')
    expect(problemsWith({ 'py-spy': './nope/py-spy' })[0]).toMatch(/^Input "py-spy" is "\.\/nope\/py-spy"/)
    expect(problemsWith({ 'abort-after': '0s' })[0]).toMatch(/^Input "abort-after" is "0s"/)
    expect(problemsWith({ 'stream-method': 'GET /x' })[0]).toMatch(/^Input "stream-method"/)
    expect(problemsWith({ capture: 'gdb' })[0]).toBe('Input "capture" is "gdb": expected one of "auto", "py-spy", "faulthandler".')
  })

  it('wants base-url on this machine, where start-command runs the app', () => {
    expect(problemsWith({ 'base-url': 'http://10.20.30.40:8000' })[0]).toBe(
      'Input "base-url" is "http://10.20.30.40:8000": expected an address of this machine, where start-command runs the app (10.20.30.40 is not one), e.g. http://127.0.0.1:8000.'
    )
    expect(problemsWith({ 'base-url': 'http://api.example.com' })[0]).toMatch(/api\.example\.com is not one/)
    for (const local of ['http://localhost:8000', 'http://127.0.0.2:9000', 'http://[::1]:8000', 'http://0.0.0.0:8000']) {
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
