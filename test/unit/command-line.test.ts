import { describe, expect, it } from 'vitest'
import { parseCommandLine, shellJoin, UsageError } from '../../src/cli/command-line.js'
import { INPUT_DEFAULTS } from '../../src/inputs/inputs.js'
import { styleFor } from '../../src/cli/terminal.js'
import { actionDefaults } from '../../scripts/action-env.mjs'

describe('the command line', () => {
  it("uses action.yml's defaults", () => {
    expect(INPUT_DEFAULTS).toEqual(actionDefaults())
  })

  it('maps flags to the inputs and the words after -- to start-command, quoted for the shell', () => {
    const parsed = parseCommandLine([
      '--stream-path',
      '/s',
      '--stream-header',
      'A: 1',
      '--stream-header',
      'B: 2',
      '--',
      'uvicorn',
      'app:app',
      '--root-path',
      '/my api'
    ])
    expect(parsed).toMatchObject({
      kind: 'run',
      json: false,
      inputs: {
        'stream-path': '/s',
        'stream-headers': 'A: 1\nB: 2',
        'start-command': "uvicorn app:app --root-path '/my api'",
        comment: 'never',
        cycles: '3'
      }
    })
    expect(shellJoin(["it's"])).toBe("'it'\\''s'")
  })

  it('--version and -V ask for the version, before any other flag is checked', () => {
    expect(parseCommandLine(['--version'])).toEqual({ kind: 'version' })
    expect(parseCommandLine(['-V', '--cycles', 'x'])).toEqual({ kind: 'version' })
    expect(parseCommandLine(['-h', '-V'])).toEqual({ kind: 'help' })
  })

  it('rejects a --pid that is not a process id', () => {
    expect(() => parseCommandLine(['--pid', 'abc'])).toThrow(UsageError)
  })

  it('colours only a terminal, and never under NO_COLOR or when turned off', () => {
    expect(styleFor(true, {}).red('x')).toBe('\u001b[31mx\u001b[39m')
    expect(styleFor(true, { NO_COLOR: '1' }).red('x')).toBe('x')
    expect(styleFor(false, {}).red('x')).toBe('x')
    expect(styleFor(true, {}, false).red('x')).toBe('x')
  })
})

describe('the command line, flag by flag', () => {
  const run = (argv: string[]) => {
    const parsed = parseCommandLine(argv)
    if (parsed.kind !== 'run') throw new Error(`expected a run, got ${parsed.kind}`)
    return parsed
  }

  it('takes every input of the action that means something on a laptop as a flag of its name, and no others', () => {
    expect(
      run(['--cycles', '5', '--health-timeout', '2s', '--working-directory', 'svc', '--verify-fix', 'never']).inputs
    ).toMatchObject({
      cycles: '5',
      'health-timeout': '2s',
      'working-directory': 'svc',
      'verify-fix': 'never'
    })
    for (const actionOnly of [
      'comment',
      'comment-key',
      'tracking-issue',
      'allow-pull-request-target',
      'github-token',
      'post-report',
      'stream-headers',
      'exclude-paths'
    ]) {
      expect(() => parseCommandLine([`--${actionOnly}`, 'x']), actionOnly).toThrow(
        new UsageError(`Unknown option '--${actionOnly}'`)
      )
    }
    expect(() => parseCommandLine(['--cycles'])).toThrow(new UsageError("Option '--cycles <value>' argument missing"))
  })

  it('joins repeated --stream-path and --exclude-path into the lines of their inputs', () => {
    const parsed = run([
      '--stream-path',
      '/a',
      '--stream-path',
      'POST /b {"q": 1}',
      '--exclude-path',
      '/admin/*',
      '--exclude-path',
      '/debug/*'
    ])
    expect(parsed.inputs['stream-path']).toBe('/a\nPOST /b {"q": 1}')
    expect(parsed.inputs['exclude-paths']).toBe('/admin/*\n/debug/*')
    expect(run([]).inputs['exclude-paths']).toBe(INPUT_DEFAULTS['exclude-paths'])
    expect(run([]).inputs['stream-path']).toBe(INPUT_DEFAULTS['stream-path'])
  })

  it('has the same defaults as the action, except that it never comments', () => {
    expect(run([])).toEqual({
      kind: 'run',
      inputs: { ...INPUT_DEFAULTS, comment: 'never' },
      json: false,
      listRoutes: false
    })
    expect(run(['--json', '--list-routes', '--no-color'])).toEqual({
      kind: 'run',
      inputs: { ...INPUT_DEFAULTS, comment: 'never' },
      json: true,
      listRoutes: true,
      color: false
    })
  })

  it("attaches with --pid: no start command, and the app's own working directory unless one is given", () => {
    const attached = run(['--pid', '4242'])
    expect(attached.pid).toBe(4242)
    expect(attached.inputs['start-command']).toBe('(already running: pid 4242)')
    expect(attached.inputs['working-directory']).toBe('')
    expect(run(['--pid', '1', '--working-directory', 'svc']).inputs['working-directory']).toBe('svc')
    expect(() => parseCommandLine(['--pid', '4242', '--', 'uvicorn', 'app:app'])).toThrow(
      new UsageError('give either --pid (attach to a running app) or a start command after --, not both')
    )
    for (const bad of ['0', '12a', 'a12', '']) {
      expect(() => parseCommandLine(['--pid', bad]), bad).toThrow(
        new UsageError(`--pid is "${bad}": expected the process id of the running app`)
      )
    }
    expect(new UsageError('x').name).toBe('UsageError')
  })

  it('prints a help that names every flag with its default', async () => {
    const { HELP } = await import('../../src/cli/command-line.js')
    await expect(HELP).toMatchFileSnapshot('./reports/help.txt')
  })
})
