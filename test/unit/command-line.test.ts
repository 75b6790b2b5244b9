import { describe, expect, it } from 'vitest'
import { parseCommandLine, shellJoin, UsageError } from '../../src/cli/command-line.js'
import { INPUT_DEFAULTS } from '../../src/inputs.js'
import { styleFor } from '../../src/cli/terminal.js'
import { actionDefaults } from '../../scripts/action-env.mjs'

describe('the command line', () => {
  it("uses action.yml's defaults", () => {
    expect(INPUT_DEFAULTS).toEqual(actionDefaults())
  })

  it('maps flags to the inputs and the words after -- to start-command, quoted for the shell', () => {
    const parsed = parseCommandLine(['--stream-path', '/s', '--stream-header', 'A: 1', '--stream-header', 'B: 2', '--', 'uvicorn', 'app:app', '--root-path', '/my api'])
    expect(parsed).toMatchObject({
      kind: 'run',
      json: false,
      inputs: { 'stream-path': '/s', 'stream-headers': 'A: 1\nB: 2', 'start-command': "uvicorn app:app --root-path '/my api'", comment: 'never', cycles: '3' }
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
